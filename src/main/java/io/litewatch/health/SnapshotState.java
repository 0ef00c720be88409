package io.litewatch.health;

import java.time.Duration;
import java.time.Instant;

/**
 * The snapshots a restore can start from, as listed.
 *
 * @param newestAt when the newest snapshot was written, null when none is known
 * @param newestAge how old the newest snapshot was at the poll; null when none is known
 * or this poll could not look
 * @param count how many snapshots were listed (the current generation's when Litewatch
 * lists the replica itself)
 */
public record SnapshotState(Instant newestAt, Duration newestAge, int count) {

	public static SnapshotState none() {
		return new SnapshotState(null, null, 0);
	}

	/**
	 * The same snapshots with the age unknown: an age is only true of the poll that
	 * measured it.
	 */
	public SnapshotState withoutAge() {
		return new SnapshotState(newestAt, null, count);
	}

}
