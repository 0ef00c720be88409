package io.litewatch.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.AccessoryState;
import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.health.HealthStatus;

/**
 * Everything one poll found, taken at one instant and never changed afterwards. Pages,
 * the JSON endpoint, history and alerts all read this; none of them does I/O of its own.
 *
 * @param findings installation-wide findings (config file, Docker Engine, accessory)
 * @param held every code held back in this poll, with the cause it follows from (see
 * {@code health.Causes}): the alerting neither fires nor resolves these while the cause
 * lasts
 */
public record PollResult(long sequence, Instant checkedAt, Duration duration, HealthStatus status,
		List<Finding> findings, ConfigState config, AccessoryState accessory, List<DatabaseStatus> databases,
		Map<FindingCode, FindingCode> held) {

	public PollResult {
		held = Map.copyOf(held);
	}

	public PollResult(long sequence, Instant checkedAt, Duration duration, HealthStatus status, List<Finding> findings,
			ConfigState config, AccessoryState accessory, List<DatabaseStatus> databases) {
		this(sequence, checkedAt, duration, status, findings, config, accessory, databases, Map.of());
	}

	public Optional<DatabaseStatus> databaseAt(String path) {
		return databases.stream().filter((db) -> db.path().equals(path)).findFirst();
	}

}
