package io.litewatch.s3;

import java.time.Instant;
import java.util.Comparator;

/**
 * One WAL segment object of a generation.
 *
 * @param offset byte offset inside the uncompressed WAL file of {@code index}
 * @param size stored (compressed) bytes
 */
public record WalSegment(String generation, long index, long offset, long size, Instant lastModified) {

	/** Litestream's replay order: index, then offset (the same order as the keys). */
	public static final Comparator<WalSegment> POSITION_ORDER = Comparator.comparingLong(WalSegment::index)
		.thenComparingLong(WalSegment::offset);

}
