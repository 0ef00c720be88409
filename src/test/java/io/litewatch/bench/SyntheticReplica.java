package io.litewatch.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One Litestream 0.3.13 replica with a single generation, described arithmetically so
 * that a million segments cost no memory: segment {@code s} is WAL index
 * {@code s / SEGMENTS_PER_INDEX}, written {@code spacing} after segment {@code s - 1};
 * the newest of the first {@code initialSegments} was written at {@code anchor}. When
 * {@code growing}, one more segment appears every {@code spacing} after the anchor, as
 * from a live database syncing every second, so a steady-state poll sees new WAL.
 * <p>
 * Snapshots: one every tenth of the history, and a newest one three indexes before the
 * end, so the restorable tail after it is a few hundred segments as on a replica with an
 * hourly snapshot, whatever the history.
 *
 * @param path the replica's {@code path} in the bucket (no leading or trailing slash)
 */
public record SyntheticReplica(String path, String generation, long initialSegments, List<Long> snapshotIndexes,
		Instant anchor, Duration spacing, boolean growing) {

	/**
	 * Litestream starts a new index at each checkpoint; a hundred segments per index
	 * matches the layout measured in the facts (100,000 segments, 100 per index).
	 */
	public static final int SEGMENTS_PER_INDEX = 100;

	/** Indexes between the newest snapshot and the end: 300 segments of tail. */
	static final int TAIL_INDEXES = 3;

	static final long WAL_SIZE = 64;

	static final long SNAPSHOT_SIZE = 4096;

	public SyntheticReplica {
		snapshotIndexes = List.copyOf(snapshotIndexes);
	}

	/** A replica of {@code segments} segments, one a second, the newest written now. */
	public static SyntheticReplica of(String path, long segments, Instant now, boolean growing) {
		long indexes = Math.max(1, (segments + SEGMENTS_PER_INDEX - 1) / SEGMENTS_PER_INDEX);
		List<Long> snapshots = new ArrayList<>();
		for (int k = 0; k < 10; k++) {
			long index = indexes * k / 10;
			if (snapshots.isEmpty() || index > snapshots.get(snapshots.size() - 1)) {
				snapshots.add(index);
			}
		}
		long newest = Math.max(0, indexes - TAIL_INDEXES);
		if (newest > snapshots.get(snapshots.size() - 1)) {
			snapshots.add(newest);
		}
		return new SyntheticReplica(path, generationId(path), segments, snapshots, now, Duration.ofSeconds(1), growing);
	}

	/** Segments visible at {@code now}: the initial ones plus those grown since. */
	public long segmentCount(Instant now) {
		if (!growing || !now.isAfter(anchor)) {
			return initialSegments;
		}
		return initialSegments + Duration.between(anchor, now).toNanos() / spacing.toNanos();
	}

	public String generationsPrefix() {
		return path + "/generations/";
	}

	public String walPrefix() {
		return generationsPrefix() + generation + "/wal/";
	}

	public String snapshotsPrefix() {
		return generationsPrefix() + generation + "/snapshots/";
	}

	/** Segment {@code s}'s name under {@link #walPrefix()}. */
	public String walName(long s) {
		long index = s / SEGMENTS_PER_INDEX;
		return hex8(index) + "_" + hex8(offset(s % SEGMENTS_PER_INDEX)) + ".wal.lz4";
	}

	public Instant walTime(long s) {
		return anchor.plus(spacing.multipliedBy(s - (initialSegments - 1)));
	}

	public String snapshotName(long index) {
		return hex8(index) + ".snapshot.lz4";
	}

	/** A snapshot is written as its index starts: with the index's first segment. */
	public Instant snapshotTime(long index) {
		return walTime(index * SEGMENTS_PER_INDEX);
	}

	/** The WAL from the newest snapshot's index on: what a restore needs. */
	public long tailSegments(Instant now) {
		long newest = snapshotIndexes.get(snapshotIndexes.size() - 1);
		return segmentCount(now) - newest * SEGMENTS_PER_INDEX;
	}

	/**
	 * Frame-aligned offsets as Litestream writes them with 4 KiB pages: 0, then 32 +
	 * k·4120.
	 */
	static long offset(long k) {
		return k == 0 ? 0 : 32 + k * 4120L;
	}

	static String hex8(long value) {
		String hex = Long.toHexString(value);
		return "00000000".substring(hex.length()) + hex;
	}

	/** Stable per path, so reruns list the same keys. */
	static String generationId(String path) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
