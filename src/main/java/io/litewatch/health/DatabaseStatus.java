package io.litewatch.health;

import java.util.List;

import io.litewatch.config.DbConfig;

/**
 * One database as judged by one poll: its own findings (config, file, the accessory's
 * view) and its replicas. {@code status} is the worst of all of them and of the
 * installation-wide causes that concern every database.
 *
 * @param heldBy the installation-wide causes this database's state follows from (the
 * accessory is down), empty when none
 */
public record DatabaseStatus(DbConfig config, HealthStatus status, List<Finding> findings, DbFileState file,
		LitestreamView litestream, List<ReplicaStatus> replicas, List<FindingCode> heldBy, DrillObservation drills) {

	public DatabaseStatus {
		heldBy = List.copyOf(heldBy);
	}

	public DatabaseStatus(DbConfig config, HealthStatus status, List<Finding> findings, DbFileState file,
			LitestreamView litestream, List<ReplicaStatus> replicas, List<FindingCode> heldBy) {
		this(config, status, findings, file, litestream, replicas, heldBy, null);
	}

	public DatabaseStatus(DbConfig config, HealthStatus status, List<Finding> findings, DbFileState file,
			LitestreamView litestream, List<ReplicaStatus> replicas) {
		this(config, status, findings, file, litestream, replicas, List.of());
	}

	public String name() {
		return config.name();
	}

	public String path() {
		return config.path();
	}

	public static HealthStatus worstOf(List<Finding> findings, List<ReplicaStatus> replicas) {
		HealthStatus status = HealthStatus.of(findings);
		for (ReplicaStatus replica : replicas) {
			status = status.worse(replica.status());
		}
		return status;
	}

}
