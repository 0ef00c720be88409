package io.litewatch.docker;

import java.time.Instant;

/**
 * One row of {@code litestream wal}: one WAL segment object. {@code offset} is in the
 * uncompressed WAL, {@code size} is compressed bytes.
 */
public record WalRow(String replica, String generation, long index, long offset, long size, Instant created) {
}
