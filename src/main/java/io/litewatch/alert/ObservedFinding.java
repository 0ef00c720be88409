package io.litewatch.alert;

import io.litewatch.health.FindingCode;
import io.litewatch.health.Severity;

/**
 * A finding as the alerting sees it: with the key that identifies it from poll to poll.
 *
 * @param database the database's name, or {@link #INSTALLATION} for findings about the
 * whole installation (config file, Docker Engine, accessory)
 * @param replica the replica's name, or "" for a database-wide finding
 */
public record ObservedFinding(String database, String databasePath, String replica, FindingCode code, Severity severity,
		String message, Double lagSeconds) {

	/**
	 * The "database" of installation-wide findings: one stopped accessory pages once, not
	 * per database.
	 */
	public static final String INSTALLATION = "all databases";

	public String key() {
		return key(database, replica, code);
	}

	public static String key(String database, String replica, FindingCode code) {
		return database + "|" + replica + "|" + code.name();
	}

}
