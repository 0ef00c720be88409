package io.litewatch.web;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code /alerts} (page), {@code /api/alerts} and {@code /api/audit} (JSON): alerts,
 * deliveries, channels, silences and who changed what. The actions are
 * {@link AlertActionsController}'s.
 */
@Controller
class AlertsController {

	static final String VIEW = AlertsPage.VIEW;

	static final String LIVE_FRAGMENT = "alerts :: live";

	private final AlertsPage page;

	AlertsController(AlertsPage page) {
		this.page = page;
	}

	@GetMapping("/api/alerts")
	@ResponseBody
	AlertsPage.AlertsView json() {
		return page.view();
	}

	/** The audit log, newest first; {@code limit} is capped at AuditLog.MAX_READ. */
	@GetMapping("/api/audit")
	@ResponseBody
	List<AlertsPage.AuditView> audit(@RequestParam(defaultValue = "100") int limit) {
		return page.audit(limit);
	}

	@GetMapping("/alerts")
	String page(@RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-History-Restore-Request", required = false) String restore, Model model) {
		page.fill(model);
		// The page re-requests its live part every poll; a history restore wants it all.
		return "true".equals(htmx) && !"true".equals(restore) ? LIVE_FRAGMENT : VIEW;
	}

}
