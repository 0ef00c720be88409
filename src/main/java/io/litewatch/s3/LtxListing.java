package io.litewatch.s3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One listing of a Litestream 0.5 replica: what is known of each level (the snapshots in
 * full; of a compaction level the files a restore of the latest state may need, i.e.
 * those past what the levels above already reach), and what else sits under the path.
 *
 * @param levels by level, each sorted by TXID
 * @param levelListedAt when each level was last listed: a level that is not listed on
 * every poll is known as of then
 * @param generationsPresent whether 0.3's {@code generations/} sits under the same path
 * (a bucket in the middle of a migration)
 * @param badKeys names under a level folder that are no LTX file, seen in two listings
 * (one may be an upload in progress), at most {@link #BAD_KEYS_SHOWN}
 * @param badKeyCount how many such names there are
 * @param requests S3 requests this listing made
 * @param fullPass whether everything was listed afresh, so deletions are reflected
 * @param rewrite the last LTX file seen again with another size, or null: Litestream
 * never writes a file twice, so two processes write to this path
 * @param snapshotHeader the newest snapshot's header, or null when there is no snapshot
 */
public record LtxListing(SortedMap<Integer, List<LtxFile>> levels, Map<Integer, Instant> levelListedAt,
		boolean generationsPresent, List<String> badKeys, int badKeyCount, int requests, boolean fullPass,
		Instant listedAt, Rewrite rewrite, SnapshotHeader snapshotHeader) {

	public static final int BAD_KEYS_SHOWN = 20;

	/** One LTX file listed twice with different sizes, {@code seenAt} the second time. */
	public record Rewrite(String key, long sizeBefore, long sizeAfter, Instant seenAt) {
	}

	/**
	 * The newest snapshot's first bytes as read.
	 *
	 * @param header what they say, null when they were not read or say nothing good
	 * @param problem what is wrong with them, for a person, or null
	 * @param read false when the GET failed (then both are null)
	 */
	public record SnapshotHeader(String key, LtxHeader header, String problem, boolean read) {

		static SnapshotHeader of(String key, LtxFile file, byte[] head) {
			try {
				LtxHeader header = LtxHeader.parse(head);
				String mismatch = header.mismatch(file);
				return new SnapshotHeader(key, mismatch == null ? header : null, mismatch, true);
			}
			catch (IllegalArgumentException ex) {
				return new SnapshotHeader(key, null, ex.getMessage(), true);
			}
		}

		static SnapshotHeader unread(String key) {
			return new SnapshotHeader(key, null, null, false);
		}

	}

	public LtxListing(SortedMap<Integer, List<LtxFile>> levels, Map<Integer, Instant> levelListedAt,
			boolean generationsPresent, List<String> badKeys, int badKeyCount, int requests, boolean fullPass,
			Instant listedAt, Rewrite rewrite) {
		this(levels, levelListedAt, generationsPresent, badKeys, badKeyCount, requests, fullPass, listedAt, rewrite,
				null);
	}

	public LtxListing(SortedMap<Integer, List<LtxFile>> levels, Map<Integer, Instant> levelListedAt,
			boolean generationsPresent, List<String> badKeys, int badKeyCount, int requests, boolean fullPass,
			Instant listedAt) {
		this(levels, levelListedAt, generationsPresent, badKeys, badKeyCount, requests, fullPass, listedAt, null);
	}

	public LtxListing {
		SortedMap<Integer, List<LtxFile>> copy = new TreeMap<>();
		levels.forEach((level, files) -> copy.put(level, List.copyOf(files)));
		levels = java.util.Collections.unmodifiableSortedMap(copy);
		levelListedAt = Map.copyOf(levelListedAt);
		badKeys = List.copyOf(badKeys);
	}

	public List<LtxFile> snapshots() {
		return levels.getOrDefault(LtxKeys.MAX_LEVEL, List.of());
	}

	/** Every listed file of levels 0..8. */
	public List<LtxFile> compacted() {
		List<LtxFile> files = new ArrayList<>();
		levels.forEach((level, list) -> {
			if (level < LtxKeys.MAX_LEVEL) {
				files.addAll(list);
			}
		});
		return files;
	}

	public LtxChain chain() {
		return LtxChain.of(snapshots(), compacted());
	}

	/** Whether any LTX file was found: false for a path 0.5 has not written to yet. */
	public boolean empty() {
		return levels.values().stream().allMatch(List::isEmpty);
	}

}
