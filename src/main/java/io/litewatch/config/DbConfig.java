package io.litewatch.config;

import java.time.Duration;
import java.util.List;

/**
 * One {@code dbs:} entry with Litestream's defaults applied.
 *
 * @param path absolute path as Litestream computes it
 * @param name display name: file name without extension, prefixed with the parent
 * directory name when two databases share it
 * @param metaPath {@code meta-path} or {@code <dir>/.<file>-litestream}
 * @param monitorInterval default 1s
 * @param checkpointInterval default 1m
 * @param replicas the effective replicas, in file order
 * @param line 1-based line of the entry
 */
public record DbConfig(String path, String name, String metaPath, Duration monitorInterval, Duration checkpointInterval,
		List<ReplicaConfig> replicas, int line) {

	public DbConfig {
		replicas = List.copyOf(replicas);
	}

}
