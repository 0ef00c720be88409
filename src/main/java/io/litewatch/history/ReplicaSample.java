package io.litewatch.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.litewatch.health.HealthStatus;

/**
 * One replica as one poll judged it. Durations are null when the poll could not tell.
 *
 * @param lag negative when the replica is newer than the database's latest change (caught
 * up)
 * @param findingCodes {@code FindingCode} names, as stored; a code is never renamed
 */
public record ReplicaSample(Instant checkedAt, String database, String databasePath, String replica,
		HealthStatus status, Duration lag, Duration snapshotAge, Duration restoreWindow, int snapshotCount,
		long walSegmentCount, long walBytes, String generation, List<String> findingCodes) {

	public ReplicaSample {
		findingCodes = List.copyOf(findingCodes);
	}

}
