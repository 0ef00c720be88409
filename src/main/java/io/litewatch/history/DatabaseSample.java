package io.litewatch.history;

import java.time.Instant;
import java.util.List;

import io.litewatch.health.HealthStatus;

/**
 * One database as one poll judged it.
 *
 * @param status the worst of the database's own findings and its replicas'
 * @param findingCodes the database's own findings only ({@code FindingCode} names)
 */
public record DatabaseSample(Instant checkedAt, String database, String databasePath, HealthStatus status,
		int replicaCount, List<String> findingCodes) {

	public DatabaseSample {
		findingCodes = List.copyOf(findingCodes);
	}

}
