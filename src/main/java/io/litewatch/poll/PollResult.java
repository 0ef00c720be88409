package io.litewatch.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.Finding;
import io.litewatch.health.HealthStatus;

/**
 * Everything one poll found, taken at one instant and never changed afterwards. Pages,
 * the JSON endpoint, history and alerts all read this; none of them does I/O of its own.
 *
 * @param findings installation-wide findings (config file, Docker Engine, accessory)
 */
public record PollResult(long sequence, Instant checkedAt, Duration duration, HealthStatus status,
		List<Finding> findings, ConfigState config, AccessoryState accessory, List<DatabaseStatus> databases) {

	public Optional<DatabaseStatus> databaseAt(String path) {
		return databases.stream().filter((db) -> db.path().equals(path)).findFirst();
	}

}
