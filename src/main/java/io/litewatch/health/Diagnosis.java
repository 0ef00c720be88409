package io.litewatch.health;

import java.util.List;
import java.util.Map;

/**
 * One poll judged.
 *
 * @param findings installation-wide findings (config, engine, accessory, Litewatch's own
 * store)
 * @param held every code held back in this poll, with the cause it follows from
 */
public record Diagnosis(HealthStatus status, List<Finding> findings, List<DatabaseStatus> databases,
		Map<FindingCode, FindingCode> held) {
}
