package io.litewatch.inventory;

import java.time.Instant;

/** A snapshot as the inventory keeps it: where a restore can start, and when. */
public record SnapshotMark(long index, Instant at) {
}
