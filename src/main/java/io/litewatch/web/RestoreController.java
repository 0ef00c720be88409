package io.litewatch.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import io.litewatch.config.LitestreamDialect;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.docker.ContainerSetup;
import io.litewatch.health.AccessoryState;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.PollResult;
import io.litewatch.restore.LtxRestorePlanner;
import io.litewatch.restore.RestorePlan;
import io.litewatch.restore.RestorePlanner;
import io.litewatch.restore.RestoreTarget;
import io.litewatch.restore.Runbook;
import io.litewatch.restore.Runbooks;

/**
 * The point-in-time restore helper of a database: from the last poll alone (no Docker or
 * S3 call on a request), what a restore to the chosen time would use, and the commands.
 * It does not refresh itself: the commands must not change while someone copies them.
 */
@Controller
class RestoreController {

	static final String VIEW = "restore";

	private final LatestPoll latest;

	private final LitewatchProperties properties;

	private final Clock clock;

	private final RestorePlanner planner = new RestorePlanner();

	private final LtxRestorePlanner ltxPlanner = new LtxRestorePlanner();

	RestoreController(LatestPoll latest, LitewatchProperties properties, Clock clock) {
		this.latest = latest;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping("/databases/{name}/restore")
	String restore(@PathVariable String name, @RequestParam(name = "at", required = false) String at,
			@RequestParam(name = "replica", required = false) String replicaName, Model model,
			HttpServletResponse response) {
		PollResult poll = latest.get().orElse(null);
		DatabaseStatus db = DatabasePage.find(poll, name)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no database " + name));
		Instant now = clock.instant();
		String chosenName = blank(replicaName) ? defaultReplica(db).map(ReplicaStatus::name).orElse(null)
				: replicaName.strip();
		Optional<ReplicaStatus> replica = db.replicas().stream().filter((r) -> r.name().equals(chosenName)).findFirst();
		String error = null;
		if (db.replicas().isEmpty()) {
			error = "Database " + name + " has no replica in litestream.yml: there is nothing to restore from.";
		}
		else if (replica.isEmpty()) {
			error = "Database " + name + " has no replica named \"" + chosenName + "\"; its replicas are "
					+ String.join(", ", db.replicas().stream().map(ReplicaStatus::name).toList()) + ".";
		}
		Instant when = null;
		boolean readable = true;
		if (!blank(at)) {
			when = RestoreTime.parse(at).orElse(null);
			readable = when != null;
			if (!readable) {
				error = "\"" + at.strip() + "\" is not a time: give it as 2026-11-25T14:51:58 (UTC) or with its zone, "
						+ "2026-11-25T15:51:58+01:00." + (error == null ? "" : " " + error);
			}
		}
		else if (replica.isPresent()) {
			when = ltx(replica.get()) ? LtxRestorePlanner.newestRestorable(replica.get())
					: RestorePlanner.newestRestorable(db, replica.get());
			when = when == null ? now : when;
		}
		String input = blank(at) ? RestoreTime.input(when) : at.strip();
		RestorePage.PlanView plan = null;
		List<Runbook> runbooks = List.of();
		if (error == null) {
			RestorePlan p = ltx(replica.get()) ? ltxPlanner.plan(replica.get(), when, now)
					: planner.plan(db, replica.get(), when);
			plan = RestorePage.PlanView.of(p, now);
			if (p.verdict().inside()) {
				runbooks = Runbooks.of(p, db.path(), target(poll.accessory()), now);
			}
		}
		else {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		String state = RowState.of(DatabaseStatus.worstOf(db.findings(), db.replicas())).label();
		RestorePage page = new RestorePage(db.name(), db.path(), "Restore " + db.name() + " · Litewatch", state,
				RestorePage.options(db, chosenName), chosenName, input, readable ? "datetime-local" : "text", error,
				plan, runbooks, Moment.of(poll.checkedAt(), now));
		model.addAttribute("restore", page);
		model.addAttribute("favicon", state);
		return VIEW;
	}

	/**
	 * Litestream's own default without {@code -replica}: the replica with the newest
	 * data, the first in the config on a tie.
	 */
	private static Optional<ReplicaStatus> defaultReplica(DatabaseStatus db) {
		return db.replicas()
			.stream()
			.reduce((a, b) -> Comparator.nullsFirst(Comparator.<Instant>naturalOrder())
				.compare(b.restore().to(), a.restore().to()) > 0 ? b : a);
	}

	/** A replica Litestream 0.5 writes: its restore takes 0.5's rules and flags. */
	private static boolean ltx(ReplicaStatus replica) {
		return replica.config().dialect() == LitestreamDialect.V0_5;
	}

	private RestoreTarget target(AccessoryState accessory) {
		boolean local = properties.accessory() == LitewatchProperties.Accessory.LOCAL;
		String configured = properties.docker().configPath();
		boolean set = configured != null && !configured.isBlank();
		String config = set ? configured
				: local ? properties.litestreamConfig().toAbsolutePath().toString() : RestoreTarget.DEFAULT_CONFIG;
		ContainerSetup setup = accessory == null || accessory.state() == null ? null : accessory.state().setup();
		return new RestoreTarget(accessory == null ? properties.docker().container() : accessory.container(), setup,
				local, config, set, properties.localBinary(), accessory == null ? null : accessory.litestreamVersion());
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

}
