package io.litewatch.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.litewatch.alert.AlertRepository;
import io.litewatch.alert.Silence;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.PollFreshness;
import io.litewatch.poll.PollResult;

/**
 * The first page: one row per database and replica, refreshed in place by htmx every
 * poll.
 */
@Controller
class DashboardController {

	static final String VIEW = "dashboard";

	static final String STATUS_FRAGMENT = "dashboard :: status";

	private final LatestPoll latest;

	private final AppVersion version;

	private final LitewatchProperties properties;

	private final AlertRepository alerts;

	private final Clock clock;

	private final boolean demo;

	private final PollFreshness freshness;

	private final LagSparklines sparklines;

	DashboardController(LatestPoll latest, PollFreshness freshness, LitewatchProperties properties,
			AlertRepository alerts, Clock clock, AppVersion version, LagSparklines sparklines,
			@Value("${litewatch.demo:false}") boolean demo) {
		this.sparklines = sparklines;
		this.demo = demo;
		this.freshness = freshness;
		this.latest = latest;
		this.version = version;
		this.properties = properties;
		this.alerts = alerts;
		this.clock = clock;
	}

	/** Which findings an operator silenced, for the page to mark them. */
	public record Silenced(List<Silence> silences, Instant now) {

		public boolean covers(String database, String code) {
			return silences.stream().anyMatch((s) -> s.covers(database, FindingCode.valueOf(code), now));
		}

	}

	@GetMapping("/")
	String dashboard(@RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-History-Restore-Request", required = false) String restore, Model model) {
		Optional<Finding> stalled = freshness.stalled();
		Optional<PollResult> poll = latest.get();
		StatusView view = poll.map((p) -> StatusView.of(p, latest.polling(), stalled, version))
			.orElseGet(() -> StatusView.pending(latest.polling(), stalled, version));
		Instant now = clock.instant();
		OverviewPage overview = OverviewPage.of(poll.orElse(null), latest.polling(), stalled, properties, now);
		model.addAttribute("view", view);
		model.addAttribute("overview", overview);
		// Drawn once per poll; this request most likely reads what an earlier one drew.
		model.addAttribute("sparklines", sparklines.of(poll.orElse(null)));
		model.addAttribute("pollClock", overview.clock());
		model.addAttribute("favicon", overview.tab().state());
		model.addAttribute("now", PollClock.iso(now));
		model.addAttribute("demo", demo);
		model.addAttribute("silenced", new Silenced(alerts.activeSilences(now), now));
		model.addAttribute("refreshSeconds", Math.max(1, properties.pollInterval().toSeconds()));
		// History-restore requests want the whole page; ordinary htmx polls want the
		// fragment.
		return "true".equals(htmx) && !"true".equals(restore) ? STATUS_FRAGMENT : VIEW;
	}

}
