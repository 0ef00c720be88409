package io.litewatch.health;

import java.util.List;

import io.litewatch.config.DbConfig;

/**
 * What one poll saw of one database, before any judgement.
 *
 * @param timedOut why its collection did not finish within the poll, or null; the other
 * fields are then empty
 */
public record DatabaseObservation(DbConfig config, DbFileState file, LitestreamView litestream,
		List<ReplicaObservation> replicas, String timedOut) {

	public DatabaseObservation {
		replicas = List.copyOf(replicas);
	}

	public static DatabaseObservation collected(DbConfig config, DbFileState file, LitestreamView litestream,
			List<ReplicaObservation> replicas) {
		return new DatabaseObservation(config, file, litestream, replicas, null);
	}

	public static DatabaseObservation timedOut(DbConfig config, String why) {
		return new DatabaseObservation(config, DbFileState.unknown(why), LitestreamView.none(why), List.of(), why);
	}

}
