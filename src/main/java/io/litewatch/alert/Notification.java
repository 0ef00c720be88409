package io.litewatch.alert;

import java.time.Instant;
import java.util.List;

import io.litewatch.health.Severity;

/**
 * What one notification says: one database, one event, and the alerts that changed
 * together in one poll (grouped, so that a dying accessory pages once, not once per
 * finding).
 *
 * @param id unique and stable across retries, so receivers can drop duplicates
 * @param severity the worst of the alerts
 * @param dashboardUrl link back to the page, or null when no base URL is configured
 */
public record Notification(String id, AlertEvent event, String database, String databasePath, Severity severity,
		List<AlertItem> alerts, Instant createdAt, String dashboardUrl) {

	public Notification {
		alerts = List.copyOf(alerts);
	}

}
