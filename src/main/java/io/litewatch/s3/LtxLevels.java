package io.litewatch.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link LtxLister} works out from the files it remembers, by level (then by name).
 * Pure.
 */
final class LtxLevels {

	private LtxLevels() {
	}

	static long newestSnapshotTxid(Map<Integer, TreeMap<String, LtxFile>> levels) {
		TreeMap<String, LtxFile> snapshots = levels.get(LtxKeys.MAX_LEVEL);
		return snapshots == null ? 0 : snapshots.values().stream().mapToLong(LtxFile::maxTxid).max().orElse(0);
	}

	/** The restore chain of what is remembered. */
	static LtxChain chain(Map<Integer, TreeMap<String, LtxFile>> levels) {
		List<LtxFile> snapshots = new ArrayList<>(levels.getOrDefault(LtxKeys.MAX_LEVEL, new TreeMap<>()).values());
		List<LtxFile> compacted = new ArrayList<>();
		levels.forEach((level, files) -> {
			if (level < LtxKeys.MAX_LEVEL) {
				compacted.addAll(files.values());
			}
		});
		return LtxChain.of(snapshots, compacted);
	}

	/**
	 * After which TXID {@code level} must be listed: where the snapshot and the levels
	 * above reach when that is past the snapshot (a boundary of every level below);
	 * otherwise the last boundary above at or before the snapshot, so the file that holds
	 * the snapshot's next TXID is listed too.
	 */
	static long listFrom(Map<Integer, TreeMap<String, LtxFile>> levels, int level, long snapshotTxid) {
		List<LtxFile> above = filesAbove(levels, level);
		long reach = LtxChain.reachFrom(snapshotTxid, above);
		if (reach > snapshotTxid) {
			return reach;
		}
		return above.stream().mapToLong(LtxFile::maxTxid).filter((max) -> max <= snapshotTxid).max().orElse(0);
	}

	/**
	 * Forgets the files no restore of the latest state needs: those of a level that end
	 * where the snapshot and the levels above already reach. What stays is bounded by the
	 * levels' intervals, not by the history.
	 */
	static void prune(Map<Integer, TreeMap<String, LtxFile>> levels) {
		long snapshot = newestSnapshotTxid(levels);
		for (int level = LtxKeys.MAX_LEVEL - 1; level >= 0; level--) {
			TreeMap<String, LtxFile> files = levels.get(level);
			if (files == null) {
				continue;
			}
			long reach = LtxChain.reachFrom(snapshot, filesAbove(levels, level));
			files.values().removeIf((file) -> file.maxTxid() <= reach);
		}
	}

	private static List<LtxFile> filesAbove(Map<Integer, TreeMap<String, LtxFile>> levels, int level) {
		List<LtxFile> above = new ArrayList<>();
		levels.forEach((l, files) -> {
			if (l > level && l < LtxKeys.MAX_LEVEL) {
				above.addAll(files.values());
			}
		});
		return above;
	}

}
