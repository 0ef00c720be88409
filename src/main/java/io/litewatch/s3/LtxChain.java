package io.litewatch.s3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What a restore of the latest state would fetch, worked out from a listing the way
 * Litestream 0.5's {@code CalcRestorePlan} does (replica.go): the newest snapshot, then
 * again and again the file of any level that starts at or before the next TXID and
 * reaches furthest. Files that start beyond the reach make a gap: a restore stops before
 * them, and Litestream refuses a plain restore over it ("non-contiguous ltx files").
 *
 * @param snapshot the newest snapshot (level 9), or null when there is none
 * @param reach the last TXID a restore reaches (0 when nothing can be restored)
 * @param reachAt the upload time of the file that ends the chain
 * @param files how many files the restore would fetch, the snapshot included
 * @param gap true when files beyond {@code reach + 1} exist: the replica holds changes a
 * restore cannot get to
 * @param replicatedTxid the highest TXID any file holds, restorable or not
 * @param replicatedAt the upload time of the newest file holding it
 */
public record LtxChain(LtxFile snapshot, long reach, Instant reachAt, int files, boolean gap, long replicatedTxid,
		Instant replicatedAt) {

	/**
	 * Better per Litestream's restoreCandidateBetter: reaches further, starts earlier,
	 * higher level.
	 */
	private static final Comparator<LtxFile> BETTER = Comparator.comparingLong(LtxFile::maxTxid)
		.thenComparing(Comparator.comparingLong(LtxFile::minTxid).reversed())
		.thenComparingInt(LtxFile::level);

	public static LtxChain of(Collection<LtxFile> snapshots, Collection<LtxFile> levelFiles) {
		LtxFile snapshot = snapshots.stream().max(BETTER).orElse(null);
		List<LtxFile> byMin = byMin(levelFiles);
		Walk walk = walk(snapshot != null ? snapshot.maxTxid() : 0, snapshot != null ? snapshot.lastModified() : null,
				byMin);
		boolean gap = false;
		for (int i = walk.next(); i < byMin.size() && !gap; i++) {
			gap = byMin.get(i).maxTxid() > walk.reach();
		}
		long replicated = walk.reach();
		Instant replicatedAt = walk.at();
		for (LtxFile file : byMin) {
			if (file.maxTxid() > replicated || (file.maxTxid() == replicated && replicatedAt != null
					&& file.lastModified() != null && file.lastModified().isAfter(replicatedAt))) {
				replicated = file.maxTxid();
				replicatedAt = file.lastModified();
			}
		}
		int files = walk.files() + (snapshot != null ? 1 : 0);
		return new LtxChain(snapshot, files > 0 ? walk.reach() : 0, files > 0 ? walk.at() : null, files, gap,
				replicated, replicatedAt);
	}

	/**
	 * The last TXID a chain starting after {@code start} reaches through {@code files}.
	 */
	public static long reachFrom(long start, Collection<LtxFile> files) {
		return walk(start, null, byMin(files)).reach();
	}

	private static List<LtxFile> byMin(Collection<LtxFile> files) {
		List<LtxFile> byMin = new ArrayList<>(files);
		byMin.sort(Comparator.comparingLong(LtxFile::minTxid));
		return byMin;
	}

	private static Walk walk(long reach, Instant at, List<LtxFile> byMin) {
		int next = 0;
		int files = 0;
		LtxFile best = null;
		while (true) {
			while (next < byMin.size() && byMin.get(next).minTxid() <= reach + 1) {
				LtxFile candidate = byMin.get(next++);
				if (candidate.maxTxid() > reach && (best == null || BETTER.compare(candidate, best) > 0)) {
					best = candidate;
				}
			}
			if (best == null) {
				return new Walk(reach, at, files, next);
			}
			reach = best.maxTxid();
			at = best.lastModified();
			files++;
			best = null;
		}
	}

	private record Walk(long reach, Instant at, int files, int next) {
	}

	public boolean restorable() {
		return files > 0;
	}

}
