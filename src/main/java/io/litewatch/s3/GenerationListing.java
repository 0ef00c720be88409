package io.litewatch.s3;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.litewatch.time.Instants;

/**
 * What is stored for one generation.
 *
 * @param snapshots sorted by index
 * @param start min LastModified over snapshots and WAL, {@code null} if the generation is
 * empty
 * @param end max LastModified over snapshots and WAL (Litestream's {@code end})
 */
public record GenerationListing(String id, List<SnapshotObject> snapshots, WalStats wal, Instant start, Instant end) {

	// The same index can be rewritten (a later snapshot at an unchanged index overwrites
	// the key),
	// so "newest" is about time, with the index only breaking second-granular ties.
	private static final Comparator<SnapshotObject> BY_TIME = Comparator.comparing(SnapshotObject::lastModified)
		.thenComparingLong(SnapshotObject::index);

	public GenerationListing {
		snapshots = snapshots.stream().sorted(Comparator.comparingLong(SnapshotObject::index)).toList();
	}

	/**
	 * Builds the listing, computing start and end the way Litestream's
	 * GenerationTimeBounds does.
	 */
	public static GenerationListing of(String id, List<SnapshotObject> snapshots, WalStats wal) {
		Instant start = wal.oldestModified();
		Instant end = wal.newestModified();
		for (SnapshotObject s : snapshots) {
			start = Instants.min(start, s.lastModified());
			end = Instants.max(end, s.lastModified());
		}
		return new GenerationListing(id, snapshots, wal, start, end);
	}

	public Optional<SnapshotObject> newestSnapshot() {
		return snapshots.stream().max(BY_TIME);
	}

	public Optional<SnapshotObject> oldestSnapshot() {
		return snapshots.stream().min(BY_TIME);
	}

	public boolean isEmpty() {
		return snapshots.isEmpty() && wal.isEmpty();
	}

}
