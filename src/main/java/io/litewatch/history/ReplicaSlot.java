package io.litewatch.history;

import java.time.Duration;
import java.time.Instant;

/**
 * One time slot of one replica's samples, grouped in SQL so that a chart reads a bounded
 * number of rows whatever the poll interval. Each value is the slot's highest, so a peak
 * is never averaged away.
 *
 * @param slot the slot's number from the range's start: {@code (checkedAt - from) / slot
 * length}
 * @param first the slot's oldest sample
 * @param last the slot's newest sample
 * @param samples how many polls the slot holds
 * @param maxLag null when no poll of the slot could tell
 * @param lagUnknown how many polls of the slot could not tell the lag
 */
public record ReplicaSlot(String database, String replica, long slot, Instant first, Instant last, int samples,
		Duration maxLag, Duration maxSnapshotAge, int lagUnknown, int snapshotAgeUnknown) {
}
