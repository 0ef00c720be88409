package io.litewatch.alert;

import java.time.Instant;

import io.litewatch.health.FindingCode;
import io.litewatch.health.Severity;

/**
 * The runtime state of one alert, persisted between polls and across restarts (never
 * mixed into configuration).
 *
 * @param consecutive polls in a row the finding was present
 * @param firedAt when it started firing; null while pending
 * @param notifiedAt when a FIRING or REMINDER notice was last queued; null if none was
 * (silenced)
 * @param notifiedSeverity the severity last announced, so an escalation is announced too
 */
public record AlertState(String key, String database, String databasePath, String replica, FindingCode code,
		Phase phase, Severity severity, String message, Double lagSeconds, int consecutive, Instant firstSeenAt,
		Instant lastSeenAt, Instant firedAt, Instant notifiedAt, Severity notifiedSeverity) {

	public enum Phase {

		PENDING, FIRING

	}

	public boolean firing() {
		return phase == Phase.FIRING;
	}

	public AlertItem item(Instant resolvedAt) {
		return new AlertItem(replica.isEmpty() ? null : replica, code, severity, message, lagSeconds, firstSeenAt,
				resolvedAt);
	}

}
