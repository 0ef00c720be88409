package io.litewatch.health;

import java.time.Duration;
import java.time.Instant;

/**
 * How far back, and up to when, the replica can be restored.
 *
 * @param from the oldest time a restore can reach, null when no snapshot can start one
 * @param to the newest restorable time, null when unknown
 * @param basis what the range rests on: the snapshots listed, or the inventory's walk of
 * every WAL key; null when unknown
 */
public record RestoreRange(Instant from, Instant to, String basis) {

	public static RestoreRange unknown() {
		return new RestoreRange(null, null, null);
	}

	/** Null when either end is unknown. */
	public Duration window() {
		return (from != null && to != null) ? Duration.between(from, to) : null;
	}

}
