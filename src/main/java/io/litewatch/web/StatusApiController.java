package io.litewatch.web;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

import io.litewatch.health.Finding;
import io.litewatch.health.HealthStatus;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.PollFreshness;

/**
 * {@code GET /api/status}: 200 while everything is ok or only warning, 503 when anything
 * is critical, nothing has been polled yet, or the polls stalled, so an uptime checker
 * can watch the status code alone.
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
	ResponseEntity<StatusView> status() {
		Optional<Finding> stalled = freshness.stalled();
		return latest.get()
			.map((poll) -> StatusView.of(poll, latest.polling(), stalled, version))
			.map((view) -> ResponseEntity.status(HealthStatus.CRITICAL.label().equals(view.status())
					? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
				.cacheControl(CacheControl.noStore())
				.body(view))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.cacheControl(CacheControl.noStore())
				.body(StatusView.pending(latest.polling(), stalled, version)));
	}

}
