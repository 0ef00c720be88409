package io.litewatch.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

import io.litewatch.time.GoDuration;
import io.litewatch.config.LitewatchProperties;

/**
 * Deletes history older than {@code litewatch.history.retention}. It deletes in batches
 * with a short pause in between: SQLite has a single writer, and a poll's insert waiting
 * in busy_timeout backs off in steps of milliseconds, so it needs a gap to get in before
 * the next batch.
 */
public class HistoryPruner {

	private static final Logger log = LoggerFactory.getLogger(HistoryPruner.class);

	static final Duration DEFAULT_PAUSE = Duration.ofMillis(50);

	private final HistoryRepository repository;

	private final Clock clock;

	private final LitewatchProperties.History settings;

	private final Duration pause;

	public HistoryPruner(HistoryRepository repository, Clock clock, LitewatchProperties.History settings) {
		this(repository, clock, settings, DEFAULT_PAUSE);
	}

	HistoryPruner(HistoryRepository repository, Clock clock, LitewatchProperties.History settings, Duration pause) {
		this.repository = repository;
		this.clock = clock;
		this.settings = settings;
		this.pause = pause;
	}

	/**
	 * Deletes every row taken before now minus the retention (rows taken exactly at the
	 * cutoff stay).
	 * @return rows deleted
	 */
	public long prune() {
		if (!GoDuration.positive(settings.retention())) {
			return 0;
		}
		Instant cutoff = clock.instant().minus(settings.retention());
		long total = 0;
		int deleted;
		while ((deleted = repository.deleteOlderThan(cutoff, settings.pruneBatchSize())) > 0) {
			total += deleted;
			if (!pauseBetweenBatches()) {
				break;
			}
		}
		if (total > 0) {
			log.info("Pruned {} history row(s) taken before {}", total, cutoff);
		}
		return total;
	}

	/**
	 * For the scheduler: a failed prune is retried at the next interval, the scheduler
	 * keeps going.
	 */
	public void pruneQuietly() {
		try {
			prune();
		}
		catch (RuntimeException ex) {
			Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
			log.warn("Could not prune history: {}: {}", cause.getClass().getSimpleName(), cause.getMessage());
			log.debug("History pruning failure", ex);
		}
	}

	private boolean pauseBetweenBatches() {
		if (pause.isZero()) {
			return true;
		}
		try {
			Thread.sleep(pause.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			// Shutting down: the rest is deleted next time.
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
