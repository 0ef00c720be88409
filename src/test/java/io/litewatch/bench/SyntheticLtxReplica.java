package io.litewatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Litestream 0.5 replica (LTX files in compaction levels) with Litestream's default
 * levels, described arithmetically as {@link SyntheticReplica} is: second {@code s} of
 * the history is one sync, one L0 file of {@value #TXIDS_PER_SYNC} transactions; an L1
 * file compacts 30 s of them, L2 5 min, L3 1 h (compaction_level.go's
 * DefaultCompactionLevels), and an L9 snapshot is taken every 24 h. Retention as 0.5
 * enforces it: every level goes back to the oldest snapshot's TXID (store.go
 * EnforceSnapshotRetention), L0 keeps its 5 min of l0-retention after compaction plus the
 * tail L1 has not reached yet. So at N files nearly all are L1 (about 90%), then L2 (9%),
 * a few hundred L3 and L0, and one snapshot per day of history; the history is as long as
 * N needs (about 31 days at 100k files with these intervals).
 * <p>
 * TXIDs are contiguous: within a level each file starts one after the previous ends, and
 * a file of level L covers exactly the files of level L−1 in its window. The oldest
 * snapshot ({@code 0000000000000001-<base>}) is at the start of the history, so the
 * levels continue it. When {@code growing}, time goes on after {@code anchor}: one L0
 * file a second, an L1 file every 30 s and so on; nothing is deleted while measured (a
 * run is minutes long, retention works in hours).
 *
 * @param path the replica's path in the bucket (no leading or trailing slash)
 * @param historySeconds seconds of history at {@code anchor}
 * @param anchor when the newest initial L0 file was written
 */
public record SyntheticLtxReplica(String path, long historySeconds, Instant anchor, boolean growing) {

	/** Transactions per one-second sync: one L0 file each. */
	static final int TXIDS_PER_SYNC = 4;

	/** TXIDs before the history: the oldest snapshot covers 1 to this. */
	static final long BASE_TXID = 0x1000;

	/** Seconds one file of each compaction level spans (L0 to L3). */
	static final long[] LEVEL_SPANS = { 1, 30, 300, 3600 };

	static final long SNAPSHOT_SPAN = 86_400;

	static final int SNAPSHOT_LEVEL = 9;

	/** L0 after its last compaction into L1: l0-retention's default 5 min. */
	static final long L0_RETENTION_SECONDS = 300;

	/**
	 * Sizes kept small (real ones are KiB to MiB): 100k files go to disk for s3proxy, and
	 * neither Litewatch nor {@code litestream ltx} reads a body but the newest snapshot's
	 * header. The bytes are zeros after the header LtxFiles gives every snapshot.
	 */
	static final long[] LEVEL_SIZES = { 256, 512, 1024, 2048 };

	static final long SNAPSHOT_SIZE = 4096;

	/** A replica of about {@code files} LTX files, the newest L0 file written now. */
	public static SyntheticLtxReplica of(String path, long files, Instant now, boolean growing) {
		double perSecond = 0;
		for (int level = 1; level < LEVEL_SPANS.length; level++) {
			perSecond += 1.0 / LEVEL_SPANS[level];
		}
		perSecond += 1.0 / SNAPSHOT_SPAN;
		long l0 = L0_RETENTION_SECONDS + LEVEL_SPANS[1];
		long seconds = (long) Math.max(LEVEL_SPANS[3], (files - l0 - 1) / perSecond);
		return new SyntheticLtxReplica(path, seconds, now, growing);
	}

	/** Seconds of history at {@code now}: the initial ones plus those grown since. */
	long elapsed(Instant now) {
		if (!growing || !now.isAfter(anchor)) {
			return historySeconds;
		}
		return historySeconds + Duration.between(anchor, now).toSeconds();
	}

	/** The instant the history starts at: where the oldest snapshot was taken. */
	Instant start() {
		return anchor.minusSeconds(historySeconds - 1);
	}

	/** The first L0 window still kept at the anchor (they are not deleted afterwards). */
	long firstL0Second() {
		long compacted = historySeconds / LEVEL_SPANS[1] * LEVEL_SPANS[1];
		return Math.max(0, compacted - L0_RETENTION_SECONDS);
	}

	/** The TXID at the end of second {@code s} (exclusive end of its window). */
	static long txidAt(long seconds) {
		return BASE_TXID + seconds * TXIDS_PER_SYNC;
	}

	String levelPrefix(int level) {
		return path + "/" + String.format("%04x", level) + "/";
	}

	static String fileName(long minTxid, long maxTxid) {
		return String.format("%016x-%016x.ltx", minTxid, maxTxid);
	}

	/** Files at {@code now}, by level (0 to 3, then 9). */
	List<Long> counts(Instant now) {
		List<Long> counts = new ArrayList<>();
		for (KeyFamily family : families()) {
			counts.add(family.count(now));
		}
		return counts;
	}

	long fileCount(Instant now) {
		return counts(now).stream().mapToLong(Long::longValue).sum();
	}

	/** One family per level folder, L0 to L3 and the snapshots. */
	List<KeyFamily> families() {
		List<KeyFamily> families = new ArrayList<>();
		for (int level = 0; level < LEVEL_SPANS.length; level++) {
			families.add(new Level(this, level));
		}
		families.add(new Snapshots(this));
		return families;
	}

	/**
	 * One compaction level: file {@code p} covers the seconds from {@code first + p·span}
	 * for {@code span}, and is written when that window ends.
	 */
	record Level(SyntheticLtxReplica replica, int level) implements KeyFamily {

		private long span() {
			return LEVEL_SPANS[level];
		}

		private long firstWindow() {
			return level == 0 ? replica.firstL0Second() : 0;
		}

		@Override
		public String prefix() {
			return replica.levelPrefix(level);
		}

		@Override
		public long count(Instant now) {
			return Math.max(0, replica.elapsed(now) / span() - firstWindow());
		}

		@Override
		public String name(long position) {
			long from = (firstWindow() + position) * span();
			return fileName(txidAt(from) + 1, txidAt(from + span()));
		}

		@Override
		public ObjectEntry entry(long position) {
			long end = (firstWindow() + position + 1) * span();
			return new ObjectEntry(prefix() + name(position), LEVEL_SIZES[level], replica.start().plusSeconds(end - 1));
		}

	}

	/** L9: snapshot {@code p} covers TXID 1 to the TXID at day {@code p}. */
	record Snapshots(SyntheticLtxReplica replica) implements KeyFamily {

		@Override
		public String prefix() {
			return replica.levelPrefix(SNAPSHOT_LEVEL);
		}

		@Override
		public long count(Instant now) {
			return replica.elapsed(now) / SNAPSHOT_SPAN + 1;
		}

		@Override
		public String name(long position) {
			return fileName(1, txidAt(position * SNAPSHOT_SPAN));
		}

		@Override
		public ObjectEntry entry(long position) {
			return new ObjectEntry(prefix() + name(position), SNAPSHOT_SIZE,
					replica.start().plusSeconds(position * SNAPSHOT_SPAN));
		}

	}

}
