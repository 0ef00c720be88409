package io.litewatch.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.litewatch.config.ReplicaConfig;
import io.litewatch.inventory.ReplicaInventory;
import io.litewatch.s3.WalSegment;

/**
 * One replica as judged by one poll.
 *
 * @param lag how far the database's latest change is ahead of the newest replica object;
 * negative when the replica is newer (the normal caught-up state); null when unknown
 * @param lagSource where the lag came from: {@code db-file} (the file's mtime through the
 * Docker API) or {@code litestream} (the accessory's own {@code generations} output)
 * @param generationEnds every generation's newest object time, remembered to tell on the
 * next poll which generations advanced (two advancing at once means two writers)
 * @param generationFirstSeen when each generation was first seen to start, to know
 * whether a short restore window is explained by a young generation
 * @param restoreBasis what the restore window rests on: the snapshots listed, or the
 * inventory's walk of every WAL key
 * @param inventory the background walk of the whole history; null when disabled or not
 * listed here
 * @param newestWal the current generation's newest WAL segment as listed, where a restore
 * to its latest state ends; null when none was listed
 */
public record ReplicaStatus(ReplicaConfig config, HealthStatus status, List<Finding> findings, String generation,
		int generationCount, Instant generationStartedAt, Duration lag, String lagSource, Instant lastSyncAt,
		Instant lastSnapshotAt, Duration snapshotAge, int snapshotCount, long walSegmentCount, long walBytes,
		Instant restoreFrom, Instant restoreTo, Integer s3Requests, String previousGeneration,
		Instant generationChangedAt, Map<String, Instant> generationEnds, Map<String, Instant> generationFirstSeen,
		String restoreBasis, ReplicaInventory inventory, WalSegment newestWal) {

	/** The figures of a replica whose WAL Litewatch does not list itself. */
	public ReplicaStatus(ReplicaConfig config, HealthStatus status, List<Finding> findings, String generation,
			int generationCount, Instant generationStartedAt, Duration lag, String lagSource, Instant lastSyncAt,
			Instant lastSnapshotAt, Duration snapshotAge, int snapshotCount, long walSegmentCount, long walBytes,
			Instant restoreFrom, Instant restoreTo, Integer s3Requests, String previousGeneration,
			Instant generationChangedAt, Map<String, Instant> generationEnds, Map<String, Instant> generationFirstSeen,
			String restoreBasis, ReplicaInventory inventory) {
		this(config, status, findings, generation, generationCount, generationStartedAt, lag, lagSource, lastSyncAt,
				lastSnapshotAt, snapshotAge, snapshotCount, walSegmentCount, walBytes, restoreFrom, restoreTo,
				s3Requests, previousGeneration, generationChangedAt, generationEnds, generationFirstSeen, restoreBasis,
				inventory, null);
	}

	public String name() {
		return config.name();
	}

	/**
	 * The same figures with findings as {@link Causes} left them, and the status they
	 * make.
	 */
	public ReplicaStatus withFindings(List<Finding> judged) {
		return new ReplicaStatus(config, HealthStatus.of(judged), List.copyOf(judged), generation, generationCount,
				generationStartedAt, lag, lagSource, lastSyncAt, lastSnapshotAt, snapshotAge, snapshotCount,
				walSegmentCount, walBytes, restoreFrom, restoreTo, s3Requests, previousGeneration, generationChangedAt,
				generationEnds, generationFirstSeen, restoreBasis, inventory, newestWal);
	}

	public Duration restoreWindow() {
		return (restoreFrom != null && restoreTo != null) ? Duration.between(restoreFrom, restoreTo) : null;
	}

}
