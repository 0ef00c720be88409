package io.litewatch.health;

import java.util.Set;

/**
 * Which databases the running accessory replicates ({@code litestream databases}), to
 * compare with the file Litewatch reads.
 *
 * @param paths the paths it named, or null when it was not asked or did not answer
 * @param error why it did not answer, or null
 */
public record AccessoryDatabases(Set<String> paths, String error) {

	public static AccessoryDatabases notAsked() {
		return new AccessoryDatabases(null, null);
	}

	public static AccessoryDatabases answered(Set<String> paths) {
		return new AccessoryDatabases(Set.copyOf(paths), null);
	}

	public static AccessoryDatabases failed(String error) {
		return new AccessoryDatabases(null, error);
	}

}
