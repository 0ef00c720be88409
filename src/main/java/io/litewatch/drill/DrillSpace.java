package io.litewatch.drill;

import java.util.Comparator;

import io.litewatch.docker.SnapshotRow;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.ReplicaStatus;

/**
 * How many bytes a restore of one replica is expected to write, for the scratch disk's
 * check: the larger of the live file and the replica's newest snapshot. The snapshot
 * counts even when the live file is there: a database that was emptied, truncated or
 * deleted (what a restore is for) still restores to the backup's size.
 */
final class DrillSpace {

	private DrillSpace() {
	}

	static long expectedBytes(DatabaseStatus db, ReplicaStatus replica) {
		long live = db.file().known() && db.file().exists() ? db.file().size() : 0;
		return Math.max(live, newestSnapshotSize(db, replica));
	}

	/**
	 * Compressed, so the database restores larger; but the best bound a listing gives.
	 */
	private static long newestSnapshotSize(DatabaseStatus db, ReplicaStatus replica) {
		if (db.litestream() == null || db.litestream().snapshots() == null) {
			return 0;
		}
		return db.litestream()
			.snapshots()
			.stream()
			.filter((row) -> replica.config().name().equals(row.replica()))
			.max(Comparator.comparing(SnapshotRow::created, Comparator.nullsFirst(Comparator.naturalOrder())))
			.map(SnapshotRow::size)
			.orElse(0L);
	}

}
