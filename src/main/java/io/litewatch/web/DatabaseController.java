package io.litewatch.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import io.litewatch.alert.AlertRepository;
import io.litewatch.alert.outbox.OutboxRepository;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.drill.DrillRepository;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.Finding;
import io.litewatch.history.HistorySeries;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.PollFreshness;
import io.litewatch.poll.PollResult;

/**
 * A page per database, refreshed in place by htmx every poll like the overview. Its only
 * I/O is reading the history tables (grouped in SQL: a bounded number of rows whatever
 * the range) and the outbox.
 */
@Controller
class DatabaseController {

	static final String VIEW = "database";

	static final String FRAGMENT = "database :: page";

	/** The drills the page lists; the export has them all. */
	static final int RECENT_DRILLS = 10;

	private final LatestPoll latest;

	private final PollFreshness freshness;

	private final HistorySeries history;

	private final AlertRepository alerts;

	private final OutboxRepository outbox;

	private final LitewatchProperties properties;

	private final Clock clock;

	private final DrillRepository drills;

	DatabaseController(LatestPoll latest, PollFreshness freshness, HistorySeries history, AlertRepository alerts,
			OutboxRepository outbox, LitewatchProperties properties, Clock clock, DrillRepository drills) {
		this.drills = drills;
		this.outbox = outbox;
		this.latest = latest;
		this.freshness = freshness;
		this.history = history;
		this.alerts = alerts;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping("/databases/{name}")
	String database(@PathVariable String name, @RequestParam(name = "range", required = false) String range,
			@RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-History-Restore-Request", required = false) String restore, Model model) {
		PollResult poll = latest.get().orElse(null);
		DatabaseStatus db = DatabasePage.find(poll, name)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no database " + name));
		Optional<Finding> stalled = freshness.stalled();
		Instant now = clock.instant();
		DatabasePage page = DatabasePage.of(db, poll, latest.polling(), stalled, history,
				outbox.recent(DatabasePage.OUTBOX_SCAN), properties, DatabasePage.Range.of(range), now);
		model.addAttribute("dbPage", page);
		model.addAttribute("pollClock", page.clock());
		model.addAttribute("favicon", page.row().state().label());
		model.addAttribute("now", PollClock.iso(now));
		model.addAttribute("polling", latest.polling());
		model.addAttribute("silenced", new DashboardController.Silenced(alerts.activeSilences(now), now));
		model.addAttribute("drills",
				drills.recent(db.name(), RECENT_DRILLS)
					.stream()
					.map(d -> new DrillLine(Moment.of(d.startedAt(), now), Texts.bytes(d.latest().restoredBytes()),
							rpo(d.achievedRpo()), newestRow(d.latest()), DrillEvidence.of(d)))
					.toList());
		model.addAttribute("drillsOn", db.drills() != null);
		model.addAttribute("drillInterval",
				db.drills() != null ? io.litewatch.time.HumanDuration.spoken(db.drills().interval()) : null);
		Instant nextDue = db.drills() != null ? db.drills().nextDue() : null;
		model.addAttribute("nextDrill", Moment.of(nextDue, now));
		// A time past would read "3 min ago", as if the drill had run.
		model.addAttribute("nextDrillAhead", nextDue != null && nextDue.isAfter(now));
		model.addAttribute("refreshSeconds", Math.max(1, properties.pollInterval().toSeconds()));
		return "true".equals(htmx) && !"true".equals(restore) ? FRAGMENT : VIEW;
	}

	static String rpo(Duration rpo) {
		return rpo == null ? "unknown" : Texts.shortDuration(rpo);
	}

	/**
	 * How far back the restored data's own newest row is from the drill's start: "2.0 s
	 * before the drill"; null when it has none.
	 */
	static String newestRow(io.litewatch.drill.DrillResult result) {
		if (result.newestRow() == null) {
			return null;
		}
		Duration lead = Duration.between(result.newestRow().at(), result.startedAt());
		return lead.isNegative() ? Texts.shortDuration(lead.negated()) + " after the drill started (a clock ahead?)"
				: Texts.shortDuration(lead) + " before the drill";
	}

	/**
	 * A drill on the page: when it started, and what the export says of it.
	 *
	 * @param newestRow how far back the restored data's newest row is, or null
	 */
	record DrillLine(Moment startedAt, String size, String rpo, String newestRow, DrillEvidence drill) {
	}

}
