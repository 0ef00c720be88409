package io.litewatch.audit;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.litewatch.time.GoDuration;

/** Keeps the audit log within its retention and its entry count. */
public class AuditPruner {

	private static final Logger log = LoggerFactory.getLogger(AuditPruner.class);

	private final AuditRepository repository;

	private final AuditProperties properties;

	private final Clock clock;

	public AuditPruner(AuditRepository repository, AuditProperties properties, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	/** Returns the entries deleted. */
	public int prune() {
		int aged = GoDuration.positive(properties.retention())
				? repository.deleteBefore(clock.instant().minus(properties.retention())) : 0;
		int beyond = repository.deleteBeyond(properties.maxEntries());
		if (aged + beyond > 0) {
			log.info("Pruned {} audit entries past the retention and {} past the {} kept", aged, beyond,
					properties.maxEntries());
		}
		return aged + beyond;
	}

}
