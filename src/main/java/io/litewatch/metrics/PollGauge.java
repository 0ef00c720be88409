package io.litewatch.metrics;

/**
 * The gauges with one series per database or replica, as Micrometer names them; the
 * Prometheus names add the unit ({@code litewatch.replica.lag} with unit {@code seconds}
 * is {@code litewatch_replica_lag_seconds}). Each value is the one {@code /api/status}
 * reports for the same poll, in the same unit.
 */
enum PollGauge {

	DATABASE_STATUS("litewatch.database.status", null, "Database state: 0 ok, 1 warning, 2 critical"),

	REPLICA_STATUS("litewatch.replica.status", null, "Replica state: 0 ok, 1 warning, 2 critical"),

	REPLICA_LAG("litewatch.replica.lag", "seconds",
			"How far the database's latest change is ahead of the replica's newest object; negative when the replica is newer"),

	REPLICA_SNAPSHOT_AGE("litewatch.replica.snapshot.age", "seconds", "Age of the newest snapshot"),

	REPLICA_RESTORE_WINDOW("litewatch.replica.restore.window", "seconds",
			"Span of time a restore can reach, from the oldest restorable point to the newest"),

	REPLICA_GENERATIONS("litewatch.replica.generations", null, "Generations the replica holds"),

	REPLICA_SNAPSHOTS("litewatch.replica.snapshots", null, "Snapshots in the current generation"),

	REPLICA_WAL_SEGMENTS("litewatch.replica.wal.segments", null,
			"WAL segments of the current generation from the newest snapshot on (the restorable tail the poll lists)"),

	REPLICA_WAL_SIZE("litewatch.replica.wal.size", "bytes",
			"Size of the WAL segments of the current generation from the newest snapshot on"),

	REPLICA_S3_REQUESTS("litewatch.replica.s3.requests", null, "S3 requests the last poll made for the replica"),

	INVENTORY_WAL_SEGMENTS("litewatch.replica.inventory.wal.segments", null,
			"WAL segments in every generation, as of the last complete inventory pass"),

	INVENTORY_WAL_SIZE("litewatch.replica.inventory.wal.size", "bytes",
			"Size of the WAL segments in every generation, as of the last complete inventory pass"),

	INVENTORY_WAL_GAPS("litewatch.replica.inventory.wal.gaps", null,
			"Missing WAL indexes found by the last complete inventory pass"),

	INVENTORY_PROGRESS("litewatch.replica.inventory.progress", null,
			"Progress of the inventory pass under way, 0 to 1; absent between passes"),

	DRILL_LAST_PASSED("litewatch.database.drill.last.passed.timestamp", "seconds",
			"Since when every replica has passed a restore drill (the oldest of their last passes), in seconds since the epoch"),

	DRILL_OUTCOME("litewatch.replica.drill.outcome", null, "Newest restore drill: 0 passed, 1 refused, 2 failed"),

	DRILL_POINT_OUTCOME("litewatch.replica.drill.point.outcome", null,
			"Newest restore drill's point-in-time restore: 0 passed, 2 failed; absent when none ran"),

	DRILL_STARTED("litewatch.replica.drill.started.timestamp", "seconds",
			"When the newest restore drill started, in seconds since the epoch"),

	DRILL_DURATION("litewatch.replica.drill.duration", "seconds",
			"How long the newest restore drill's restore of the latest state and its checks took: the RTO to expect"),

	DRILL_RESTORED_SIZE("litewatch.replica.drill.restored.size", "bytes",
			"Size of the database the newest restore drill restored"),

	DRILL_RPO("litewatch.replica.drill.rpo", "seconds",
			"Achieved RPO of the newest restore drill: the live database's latest change at drill start against the replica's newest object");

	private final String meterName;

	private final String unit;

	private final String description;

	PollGauge(String meterName, String unit, String description) {
		this.meterName = meterName;
		this.unit = unit;
		this.description = description;
	}

	String meterName() {
		return meterName;
	}

	/** Micrometer's base unit, or null for plain counts and states. */
	String unit() {
		return unit;
	}

	String description() {
		return description;
	}

}
