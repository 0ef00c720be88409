package io.litewatch.health;

import java.util.List;

import io.litewatch.config.DbConfig;

/**
 * One database as judged by one poll: its own findings (config, file, the accessory's
 * view) and its replicas. {@code status} is the worst of all of them.
 */
public record DatabaseStatus(DbConfig config, HealthStatus status, List<Finding> findings, DbFileState file,
		LitestreamView litestream, List<ReplicaStatus> replicas) {

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
