package io.litewatch.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records who did what. Recording never fails the action it records: a store that cannot
 * be written (the history store is down) costs the entry, logged once per failure, not
 * the silence an operator needs during an outage.
 */
public class AuditLog {

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	/** The most {@link #recent(int)} hands out in one call. */
	public static final int MAX_READ = 500;

	private final AuditRepository repository;

	private final Clock clock;

	private final AtomicLong sequence = new AtomicLong();

	public AuditLog(AuditRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	public void record(String actor, AuditAction action, String target, String detail, String address) {
		Instant at = clock.instant();
		// Sorts like the order of recording, also within one millisecond (the page lists
		// entries by at, then id); the random tail keeps ids unique across restarts.
		String id = String.format("%013d-%09d-%s", at.toEpochMilli(), sequence.incrementAndGet() % 1_000_000_000L,
				UUID.randomUUID().toString().substring(0, 8));
		AuditEntry entry = new AuditEntry(id, at, actor, action, target, detail, address);
		try {
			repository.insert(entry);
		}
		catch (RuntimeException ex) {
			log.warn("Audit entry not stored ({} {} {}): {}", entry.actor(), entry.action(), entry.target(),
					ex.getClass().getSimpleName());
		}
	}

	/**
	 * The newest first, at most {@link #MAX_READ}; empty when the store cannot be read.
	 */
	public List<AuditEntry> recent(int limit) {
		try {
			return repository.recent(Math.max(1, Math.min(limit, MAX_READ)));
		}
		catch (RuntimeException ex) {
			log.warn("Audit log not readable: {}", ex.getClass().getSimpleName());
			return List.of();
		}
	}

}
