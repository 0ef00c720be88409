package io.litewatch.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.poll.LatestPoll;

/** The first page: one row per database and replica, refreshed in place by htmx every poll. */
@Controller
class DashboardController {

	static final String VIEW = "dashboard";

	static final String STATUS_FRAGMENT = "dashboard :: status";

	private final LatestPoll latest;

	private final LitewatchProperties properties;

	DashboardController(LatestPoll latest, LitewatchProperties properties) {
		this.latest = latest;
		this.properties = properties;
	}

	@GetMapping("/")
	String dashboard(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		StatusView view = latest.get()
			.map((poll) -> StatusView.of(poll, latest.polling()))
			.orElseGet(() -> StatusView.pending(latest.polling()));
		model.addAttribute("view", view);
		model.addAttribute("refreshSeconds", Math.max(1, properties.pollInterval().toSeconds()));
		// History-restore requests want the whole page; ordinary htmx polls want the fragment.
		return "true".equals(htmx) ? STATUS_FRAGMENT : VIEW;
	}

}
