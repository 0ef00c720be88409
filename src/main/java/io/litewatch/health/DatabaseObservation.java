package io.litewatch.health;

import java.util.List;

import io.litewatch.config.DbConfig;

/**
 * What one poll saw of one database, before any judgement.
 *
 * @param timedOut why its collection did not finish within the poll, or null; the other
 * fields are then empty
 * @param late whether the reading still goes on (it was only not done in time for this
 * poll) rather than given up
 */
public record DatabaseObservation(DbConfig config, DbFileState file, LitestreamView litestream,
		List<ReplicaObservation> replicas, String timedOut, boolean late) {

	public DatabaseObservation {
		replicas = List.copyOf(replicas);
	}

	public static DatabaseObservation collected(DbConfig config, DbFileState file, LitestreamView litestream,
			List<ReplicaObservation> replicas) {
		return new DatabaseObservation(config, file, litestream, replicas, null, false);
	}

	public static DatabaseObservation timedOut(DbConfig config, String why) {
		return new DatabaseObservation(config, DbFileState.unknown(why), LitestreamView.none(why), List.of(), why,
				false);
	}

	/** Not read yet this poll: its reading goes on and the next poll takes its result. */
	public static DatabaseObservation late(DbConfig config, String why) {
		return new DatabaseObservation(config, DbFileState.unknown(why), LitestreamView.none(why), List.of(), why,
				true);
	}

}
