package io.litewatch.s3;

import java.time.Instant;

import io.litewatch.time.Instants;

/**
 * Aggregate over all WAL segments of a generation. A busy replica can hold millions of
 * segments, so only these few numbers are kept, and new segments are folded in with
 * {@link #plus}.
 *
 * @param newest the segment with the highest index/offset, {@code null} when there is
 * none
 */
public record WalStats(long segmentCount, long totalBytes, Instant oldestModified, Instant newestModified,
		WalSegment newest) {

	public static final WalStats EMPTY = new WalStats(0, 0, null, null, null);

	/** This aggregate with one more segment folded in. */
	public WalStats plus(WalSegment segment) {
		Instant t = segment.lastModified();
		return new WalStats(segmentCount + 1, totalBytes + segment.size(), Instants.min(oldestModified, t),
				Instants.max(newestModified, t),
				newest == null || WalSegment.POSITION_ORDER.compare(segment, newest) > 0 ? segment : newest);
	}

	public boolean isEmpty() {
		return segmentCount == 0;
	}

}
