package io.litewatch.badge;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.PollFreshness;
import io.litewatch.poll.PollResult;

/**
 * {@code GET /badge.svg} (the installation) and {@code GET /badge/{database}.svg} (one
 * database, by the name the page shows; a name with a slash, such as
 * {@code data/production}, is written as is). Read from the last poll: a request never
 * runs a command or lists a bucket.
 * <p>
 * A badge may be cached until the next poll is due and no longer ({@code max-age} counts
 * down to it, then {@code must-revalidate}); its ETag and Last-Modified come from the
 * poll, so a revalidation between two polls is a 304.
 */
@RestController
class BadgeController {

	static final MediaType SVG = new MediaType("image", "svg+xml", StandardCharsets.UTF_8);

	private static final String SUFFIX = ".svg";

	private final LatestPoll latest;

	private final PollFreshness freshness;

	private final Duration pollInterval;

	private final Clock clock;

	BadgeController(LatestPoll latest, PollFreshness freshness, LitewatchProperties properties, Clock clock) {
		this.latest = latest;
		this.freshness = freshness;
		this.pollInterval = properties.pollInterval();
		this.clock = clock;
	}

	@GetMapping("/badge.svg")
	ResponseEntity<String> overall() {
		boolean stalled = freshness.stalled().isPresent();
		return latest.get()
			.map((poll) -> polled(poll, stalled, BadgeText.overall(poll, stalled)))
			.orElseGet(() -> uncached(HttpStatus.OK, stalled ? Badge.stalled() : Badge.pending()));
	}

	/** {@code {*path}}: database names may contain slashes. */
	@GetMapping("/badge/{*path}")
	ResponseEntity<String> database(@PathVariable String path) {
		String name = path.startsWith("/") ? path.substring(1) : path;
		if (!name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
			return uncached(HttpStatus.NOT_FOUND, Badge.unknown());
		}
		String database = name.substring(0, name.length() - SUFFIX.length());
		boolean stalled = freshness.stalled().isPresent();
		Optional<PollResult> poll = latest.get();
		if (poll.isEmpty()) {
			return uncached(HttpStatus.OK, stalled ? Badge.stalled() : Badge.pending());
		}
		return poll.get()
			.databases()
			.stream()
			.filter((db) -> db.name().equals(database))
			.findFirst()
			.map((DatabaseStatus db) -> polled(poll.get(), stalled, BadgeText.database(db, stalled)))
			.orElseGet(() -> uncached(HttpStatus.NOT_FOUND, Badge.unknown()));
	}

	/**
	 * A badge drawn from a poll. While polls are stalled it may not be cached at all, and
	 * it drops Last-Modified: the poll's time no longer tells whether the badge changed.
	 */
	private ResponseEntity<String> polled(PollResult poll, boolean stalled, Badge badge) {
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.eTag(poll.sequence() + "-" + poll.checkedAt().toEpochMilli() + (stalled ? "-stalled" : ""));
		if (stalled) {
			response.cacheControl(CacheControl.noCache());
		}
		else {
			response
				.cacheControl(CacheControl.maxAge(untilNextPoll(poll.checkedAt()), TimeUnit.SECONDS).mustRevalidate());
			response.lastModified(poll.checkedAt());
		}
		return body(response, badge);
	}

	/**
	 * Seconds until the next poll may have replaced this one: the poll runs a fixed
	 * interval after the previous one ended, at {@code checkedAt}.
	 */
	long untilNextPoll(Instant checkedAt) {
		long left = Duration.between(clock.instant(), checkedAt.plus(pollInterval)).getSeconds();
		return Math.max(0, Math.min(left, pollInterval.getSeconds()));
	}

	private static ResponseEntity<String> uncached(HttpStatus status, Badge badge) {
		return body(ResponseEntity.status(status).cacheControl(CacheControl.noCache()), badge);
	}

	private static ResponseEntity<String> body(ResponseEntity.BodyBuilder response, Badge badge) {
		return response.contentType(SVG)
			// Opened on its own, the SVG may run nothing and load nothing.
			.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
			.header("X-Content-Type-Options", "nosniff")
			.body(BadgeSvg.render(badge));
	}

}
