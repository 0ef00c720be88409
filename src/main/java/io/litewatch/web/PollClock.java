package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.litewatch.time.HumanDuration;

/**
 * When the data was checked and when the next poll comes, for the header; the page's
 * script counts both on from {@code checkedAt} and {@code nextPollAt}.
 *
 * @param checkedAt ISO time of the poll shown; null before the first
 * @param checkedAgo "3 s ago", or "not yet"
 * @param nextPoll "in 12 s", "under way", or "due now"
 * @param refreshAt when the next poll's result should be there: the page asks for it then
 */
public record PollClock(String checkedAt, String checkedAgo, String nextPollAt, String nextPoll, String refreshAt) {

	static PollClock of(Instant checkedAt, Duration lastDuration, boolean polling, Duration interval, Instant now) {
		if (checkedAt == null) {
			return new PollClock(null, "not yet", null, "under way", null);
		}
		// Polls run with a fixed delay: the next starts one interval after the last
		// ended.
		Instant next = checkedAt.plus(interval);
		String when = polling ? "under way" : now.isBefore(next) ? HumanDuration.relative(next, now) : "due now";
		Instant refresh = next.plus(lastDuration).plusSeconds(1);
		return new PollClock(iso(checkedAt), HumanDuration.relative(checkedAt, now), iso(next), when, iso(refresh));
	}

	/** Milliseconds at most: what a browser's Date.parse is sure to read. */
	static String iso(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS).toString();
	}

}
