package io.litewatch.docker;

import java.time.Instant;

/**
 * One row of {@code litestream snapshots}. {@code index} is decimal here (hex in object
 * keys); {@code size} is the compressed object size.
 */
public record SnapshotRow(String replica, String generation, long index, long size, Instant created) {
}
