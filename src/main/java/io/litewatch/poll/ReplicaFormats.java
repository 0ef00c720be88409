package io.litewatch.poll;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import io.litewatch.config.DbConfig;
import io.litewatch.config.LitestreamDialect;
import io.litewatch.config.ReplicaConfig;

/**
 * The {@link ReplicaFormat} of each Litestream dialect, built once in
 * {@link PollingConfiguration}. Every dialect has one, so a replica never goes unread for
 * want of a format.
 */
class ReplicaFormats {

	private final Map<LitestreamDialect, ReplicaFormat> byDialect;

	ReplicaFormats(Map<LitestreamDialect, ReplicaFormat> byDialect) {
		this.byDialect = new EnumMap<>(byDialect);
		for (LitestreamDialect dialect : LitestreamDialect.values()) {
			if (!this.byDialect.containsKey(dialect)) {
				throw new IllegalArgumentException("No replica format for Litestream " + dialect.label());
			}
		}
	}

	ReplicaFormat of(ReplicaConfig replica) {
		return byDialect.get(replica.dialect());
	}

	/**
	 * The format whose accessory commands {@code db} is asked. One litestream.yml is read
	 * by one line of Litestream, so its replicas agree: one 0.5 replica means 0.5 runs
	 * the database, and one without replicas is asked as 0.3 always was.
	 */
	ReplicaFormat of(DbConfig db) {
		boolean runBy05 = db.replicas().stream().anyMatch((r) -> r.dialect() == LitestreamDialect.V0_5);
		return byDialect.get(runBy05 ? LitestreamDialect.V0_5 : LitestreamDialect.V0_3);
	}

	/** Every format, in the dialects' order. */
	Collection<ReplicaFormat> all() {
		return byDialect.values();
	}

}
