package io.litewatch.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import io.litewatch.health.Finding;
import io.litewatch.health.HealthStatus;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.PollFreshness;
import io.litewatch.poll.PollResult;

/**
 * {@code /api/status} as bytes, serialized once per poll and view (full or public) rather
 * than once per request, with a strong ETag from those bytes: a fleet of uptime checkers
 * costs a lookup each, and one that revalidates gets a 304. While the polls are stalled
 * the stalled finding's text changes with every request, so nothing is kept.
 */
@Component
class StatusJson {

	/** One serialized answer and what it was made from. */
	record Answer(byte[] body, String etag, boolean up) {
	}

	private record Key(long sequence, long checkedAt, boolean polling, boolean full) {
	}

	private record Cached(Key key, Answer answer) {
	}

	private final LatestPoll latest;

	private final PollFreshness freshness;

	private final AppVersion version;

	private final JsonMapper json;

	private final AtomicReference<Cached> full = new AtomicReference<>();

	private final AtomicReference<Cached> anonymous = new AtomicReference<>();

	StatusJson(LatestPoll latest, PollFreshness freshness, AppVersion version, JsonMapper json) {
		this.latest = latest;
		this.freshness = freshness;
		this.version = version;
		this.json = json;
	}

	Answer answer(boolean fullView) {
		Optional<Finding> stalled = freshness.stalled();
		Optional<PollResult> poll = latest.get();
		boolean polling = latest.polling();
		if (poll.isEmpty() || stalled.isPresent()) {
			return serialize(poll, polling, stalled, fullView);
		}
		Key key = new Key(poll.get().sequence(), poll.get().checkedAt().toEpochMilli(), polling, fullView);
		AtomicReference<Cached> slot = fullView ? full : anonymous;
		Cached cached = slot.get();
		if (cached != null && cached.key().equals(key)) {
			return cached.answer();
		}
		Answer answer = serialize(poll, polling, stalled, fullView);
		slot.set(new Cached(key, answer));
		return answer;
	}

	private Answer serialize(Optional<PollResult> poll, boolean polling, Optional<Finding> stalled, boolean fullView) {
		StatusView view = poll.map((p) -> StatusView.of(p, polling, stalled, version))
			.orElseGet(() -> StatusView.pending(polling, stalled, version));
		// Pending has no poll yet: 503 like critical, so a checker never reads it as up.
		boolean up = view.sequence() != null && !HealthStatus.CRITICAL.label().equals(view.status());
		byte[] body = json.writeValueAsBytes(fullView ? view : PublicStatusView.of(view));
		return new Answer(body, etag(body), up);
	}

	private static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

}
