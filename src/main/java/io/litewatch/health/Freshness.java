package io.litewatch.health;

import java.time.Duration;
import java.time.Instant;

/**
 * How far the replica is behind the database.
 *
 * @param lag how far the database's latest change is ahead of the newest replica object;
 * negative when the replica is newer (the normal caught-up state); null when unknown
 * @param lagSource where the lag came from: {@code db-file} (the file's mtime through the
 * Docker API) or {@code litestream} (the accessory's own {@code generations} output);
 * null when the lag is unknown
 * @param lastSyncAt the newest replicated object's time, null when none is known
 */
public record Freshness(Duration lag, String lagSource, Instant lastSyncAt) {

	public static Freshness unknown() {
		return new Freshness(null, null, null);
	}

	/**
	 * The same newest object with the lag unknown: a lag is only true of the poll that
	 * measured it, while the newest object stays what was last seen stored.
	 */
	public Freshness withoutLag() {
		return new Freshness(null, null, lastSyncAt);
	}

}
