package io.litewatch.health;

import java.util.List;

/**
 * Everything one poll's collectors saw, before any judgement: the config file, the
 * accessory and its engine, each database, and whether Litewatch's own store takes
 * writes.
 *
 * @param storeFailure the last refused write of the state database, or null
 */
public record PollObservation(ConfigObservation config, AccessoryState accessory, AccessoryDatabases accessoryDatabases,
		List<DatabaseObservation> databases, StoreFailure storeFailure) {

	public PollObservation {
		databases = List.copyOf(databases);
	}

}
