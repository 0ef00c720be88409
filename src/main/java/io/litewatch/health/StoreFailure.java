package io.litewatch.health;

import java.time.Instant;

/**
 * Litewatch's own state database refused a write.
 *
 * @param what what could not be saved ("history", "alert state")
 * @param reason the error, already short and free of secrets
 * @param since when the writes started failing
 * @param waiting what waits in memory to be written ("12 polls"), or null
 */
public record StoreFailure(String what, String reason, Instant since, String waiting) {

	public StoreFailure(String what, String reason, Instant since) {
		this(what, reason, since, null);
	}

}
