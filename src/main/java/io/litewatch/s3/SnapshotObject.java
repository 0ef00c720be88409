package io.litewatch.s3;

import java.time.Instant;

/**
 * One snapshot object of a generation.
 *
 * @param index the shadow-WAL index (hex in the key, a number here)
 * @param size stored (compressed) bytes
 * @param lastModified S3 LastModified, Litestream's "created"; refreshed when a snapshot
 * at the same index is rewritten
 */
public record SnapshotObject(String generation, long index, long size, Instant lastModified) {
}
