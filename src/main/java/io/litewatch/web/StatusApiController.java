package io.litewatch.web;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.litewatch.health.HealthStatus;
import io.litewatch.poll.LatestPoll;

/**
 * {@code GET /api/status}: 200 while everything is ok or only warning, 503 when anything
 * is critical or nothing has been polled yet, so an uptime checker can watch the status
 * code alone.
 */
@RestController
class StatusApiController {

	private final LatestPoll latest;

	private final AppVersion version;

	StatusApiController(LatestPoll latest, AppVersion version) {
		this.latest = latest;
		this.version = version;
	}

	@GetMapping("/api/status")
	ResponseEntity<StatusView> status() {
		return latest.get()
			.map((poll) -> ResponseEntity
				.status(poll.status() == HealthStatus.CRITICAL ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
				.cacheControl(CacheControl.noStore())
				.body(StatusView.of(poll, latest.polling(), version)))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.cacheControl(CacheControl.noStore())
				.body(StatusView.pending(latest.polling(), version)));
	}

}
