package io.litewatch.web;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.Optional;

import io.litewatch.health.Finding;
import io.litewatch.health.HealthStatus;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.PollFreshness;

/**
 * {@code GET /api/status}: 200 while everything is ok or only warning, 503 when anything
 * is critical, nothing has been polled yet, or the polls stalled, so an uptime checker
 * can watch the status code alone. A signed-in user or a token gets the full JSON; an
 * anonymous client (let through only while {@code litewatch.security.status-access} is
 * public) gets {@link PublicStatusView}, with the same status code.
 */
@RestController
class StatusApiController {

	private final LatestPoll latest;

	private final PollFreshness freshness;

	private final AppVersion version;

	StatusApiController(LatestPoll latest, PollFreshness freshness, AppVersion version) {
		this.latest = latest;
		this.freshness = freshness;
		this.version = version;
	}

	@GetMapping("/api/status")
	ResponseEntity<Object> status(Principal principal) {
		Optional<Finding> stalled = freshness.stalled();
		StatusView view = latest.get()
			.map((poll) -> StatusView.of(poll, latest.polling(), stalled, version))
			.orElseGet(() -> StatusView.pending(latest.polling(), stalled, version));
		// Pending has no poll yet: 503 like critical, so a checker never reads it as up.
		boolean up = view.sequence() != null && !HealthStatus.CRITICAL.label().equals(view.status());
		return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.cacheControl(CacheControl.noStore())
			.body(principal != null ? view : PublicStatusView.of(view));
	}

}
