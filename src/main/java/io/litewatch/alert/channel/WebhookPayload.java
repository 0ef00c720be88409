package io.litewatch.alert.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.litewatch.alert.AlertItem;
import io.litewatch.alert.Notification;

/**
 * The JSON a {@code format: json} webhook receives. The shape is a public contract:
 * fields are only ever added, and anything else bumps {@link #VERSION}. Absent values are
 * {@code null}, not missing, so receivers can rely on every key being there.
 *
 * @param version {@value #VERSION}
 * @param id the notification's id, the same on every retry: drop duplicates by it
 * @param event firing, reminder, resolved or test
 * @param severity warning or critical, the worst of the alerts
 * @param summary the one-line text also used in email subjects
 * @param dashboardUrl link to the dashboard, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "version", "id", "event", "severity", "database", "databasePath", "summary", "createdAt",
		"dashboardUrl", "alerts" })
public record WebhookPayload(int version, String id, String event, String severity, String database,
		String databasePath, String summary, Instant createdAt, String dashboardUrl, List<Alert> alerts) {

	public static final int VERSION = 1;

	static WebhookPayload of(Notification n) {
		List<Alert> alerts = n.alerts().stream().map(a -> Alert.of(a, n.createdAt())).toList();
		return new WebhookPayload(VERSION, n.id(), NotificationText.lower(n.event()),
				NotificationText.lower(n.severity()), n.database(), n.databasePath(), NotificationText.summary(n),
				n.createdAt(), n.dashboardUrl(), alerts);
	}

	/**
	 * One finding.
	 *
	 * @param replica the replica's name, or null for a database-wide finding
	 * @param code a {@code FindingCode} name, e.g. {@code REPLICA_STALE}
	 * @param lagSeconds the replica's lag when the notification was made, or null
	 * @param since when the finding was first seen in this episode
	 * @param resolvedAt when it cleared; null unless resolved
	 * @param durationSeconds how long it lasted (resolved) or has lasted at
	 * {@code createdAt}
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	@JsonPropertyOrder({ "replica", "code", "severity", "message", "lagSeconds", "since", "resolvedAt",
			"durationSeconds" })
	public record Alert(String replica, String code, String severity, String message, Double lagSeconds, Instant since,
			Instant resolvedAt, Long durationSeconds) {

		static Alert of(AlertItem a, Instant createdAt) {
			Duration d = NotificationText.itemDuration(a, createdAt);
			return new Alert(a.replica(), a.code() == null ? null : a.code().name(),
					NotificationText.lower(a.severity()), a.message(), a.lagSeconds(), a.since(), a.resolvedAt(),
					d == null ? null : d.getSeconds());
		}

	}

}
