package io.litewatch.health;

import java.util.List;
import java.util.Map;

/**
 * Everything one poll's collectors saw, before any judgement: the config file, the
 * accessory and its engine, each database, and whether Litewatch's own store takes
 * writes.
 *
 * @param storeFailure the last refused write of the state database, or null
 * @param previousAccessory the accessory as the previous poll saw it, or null: a restart
 * count that grew since then is a crash loop even when this poll caught the container
 * between two crashes
 * @param drills each database's restore drills by name; a database without an entry has
 * drills off
 * @param heartbeatFailure the pings to the outside dead-man's switch failing, or null
 */
public record PollObservation(ConfigObservation config, AccessoryState accessory, AccessoryDatabases accessoryDatabases,
		List<DatabaseObservation> databases, StoreFailure storeFailure, AccessoryState previousAccessory,
		Map<String, DrillObservation> drills, HeartbeatFailure heartbeatFailure) {

	public PollObservation {
		databases = List.copyOf(databases);
		drills = drills == null ? Map.of() : Map.copyOf(drills);
	}

	public PollObservation(ConfigObservation config, AccessoryState accessory, AccessoryDatabases accessoryDatabases,
			List<DatabaseObservation> databases, StoreFailure storeFailure, AccessoryState previousAccessory,
			Map<String, DrillObservation> drills) {
		this(config, accessory, accessoryDatabases, databases, storeFailure, previousAccessory, drills, null);
	}

	public PollObservation(ConfigObservation config, AccessoryState accessory, AccessoryDatabases accessoryDatabases,
			List<DatabaseObservation> databases, StoreFailure storeFailure, AccessoryState previousAccessory) {
		this(config, accessory, accessoryDatabases, databases, storeFailure, previousAccessory, Map.of());
	}

	public PollObservation(ConfigObservation config, AccessoryState accessory, AccessoryDatabases accessoryDatabases,
			List<DatabaseObservation> databases, StoreFailure storeFailure) {
		this(config, accessory, accessoryDatabases, databases, storeFailure, null);
	}

}
