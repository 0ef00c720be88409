package io.litewatch.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.litewatch.system.StoreHealth;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;

import io.litewatch.poll.PollCompletedEvent;
import io.litewatch.poll.PollResult;

/**
 * Stores every completed poll. It runs on the poll thread, so it never throws: history is
 * a convenience, the poll (and the alerts that follow it) are not. A database that stays
 * unwritable would otherwise log every few seconds, so failures are logged at most once
 * per minute.
 */
public class HistoryRecorder {

	private static final Logger log = LoggerFactory.getLogger(HistoryRecorder.class);

	static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

	private static final String WHAT = "history";

	private final HistoryRepository repository;

	private final StoreHealth store;

	private final Clock clock;

	private Instant lastLogged;

	private int failures;

	private int unlogged;

	public HistoryRecorder(HistoryRepository repository, StoreHealth store, Clock clock) {
		this.repository = repository;
		this.store = store;
		this.clock = clock;
	}

	// Synchronized although polls never overlap: the failure counters must stay
	// consistent if they ever do.
	@EventListener
	public synchronized void onPollCompleted(PollCompletedEvent event) {
		PollResult result = event.result();
		try {
			repository.record(result);
		}
		catch (RuntimeException ex) {
			store.failed(WHAT, ex);
			failed(result, ex);
			return;
		}
		store.succeeded(WHAT);
		if (failures > 0) {
			log.info("Recording history again after {} failed poll(s)", failures);
			failures = 0;
			unlogged = 0;
			lastLogged = null;
		}
	}

	/** Polls whose recording failed since the last success; for tests and diagnostics. */
	synchronized int failures() {
		return failures;
	}

	private void failed(PollResult result, RuntimeException ex) {
		failures++;
		Instant now = clock.instant();
		if (lastLogged != null && now.isBefore(lastLogged.plus(LOG_INTERVAL))) {
			unlogged++;
			return;
		}
		// The cause's message only: SQL here carries placeholders, never values, and the
		// JDBC URL
		// (which may hold a password) is not part of it. The stack trace goes to DEBUG.
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		log.warn("Could not record poll {} in history{}: {}: {}", result.sequence(),
				unlogged > 0 ? " (" + unlogged + " more failure(s) not logged)" : "", cause.getClass().getSimpleName(),
				cause.getMessage());
		log.debug("History recording failure", ex);
		lastLogged = now;
		unlogged = 0;
	}

}
