package io.litewatch.alert;

import java.time.Duration;
import java.time.Instant;

import io.litewatch.health.FindingCode;
import io.litewatch.health.Severity;

/**
 * One alert inside a notification: one finding code on one database (and replica).
 *
 * @param replica the replica's name, or null for a database-wide finding
 * @param lagSeconds the replica's lag when the notification was made, or null
 * @param since when the finding was first seen in this episode
 * @param resolvedAt when it cleared, for RESOLVED notifications; null otherwise
 */
public record AlertItem(String replica, FindingCode code, Severity severity, String message, Double lagSeconds,
		Instant since, Instant resolvedAt) {

	/** How long the problem lasted (resolved) or has lasted so far (at {@code now}). */
	public Duration duration(Instant now) {
		return Duration.between(since, resolvedAt != null ? resolvedAt : now);
	}

}
