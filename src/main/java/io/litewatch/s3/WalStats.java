package io.litewatch.s3;

import java.time.Instant;

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
		return new WalStats(segmentCount + 1, totalBytes + segment.size(), min(oldestModified, t),
				max(newestModified, t),
				newest == null || WalSegment.POSITION_ORDER.compare(segment, newest) > 0 ? segment : newest);
	}

	public boolean isEmpty() {
		return segmentCount == 0;
	}

	static Instant min(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return b == null || a.isBefore(b) ? a : b;
	}

	static Instant max(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return b == null || a.isAfter(b) ? a : b;
	}

}
