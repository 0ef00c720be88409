package io.litewatch.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.litewatch.time.Instants;

/**
 * What a walk of every key of one generation found so far; pure, each fold returns a new
 * tally. Keys arrive in lexical order, which within a generation is (index, offset)
 * order, so gaps are seen as they pass.
 *
 * @param snapshots by index, at most {@link #MAX_SNAPSHOTS}
 * @param gaps the first {@link #MAX_GAPS} less one, then always the latest (the one that
 * bounds restores); {@code gapCount} counts them all
 * @param lastWalKey the greatest segment key seen, where the walk resumes after
 * @param newSinceLastPass segments with a key after the previous complete pass's last key
 * of this generation: written since, so not part of what that pass counted
 */
public record GenerationTally(String id, List<SnapshotMark> snapshots, int snapshotCount, long walSegments,
		long walBytes, Long firstWalIndex, Long lastWalIndex, Instant oldestAt, Instant newestAt, List<IndexGap> gaps,
		long gapCount, String lastWalKey, long newSinceLastPass) {

	static final int MAX_SNAPSHOTS = 10_000;

	static final int MAX_GAPS = 20;

	public GenerationTally {
		snapshots = List.copyOf(snapshots);
		gaps = List.copyOf(gaps);
	}

	static GenerationTally start(String id) {
		return new GenerationTally(id, List.of(), 0, 0, 0, null, null, null, null, List.of(), 0, null, 0);
	}

	GenerationTally withSnapshots(List<SnapshotMark> listed) {
		List<SnapshotMark> sorted = listed.stream().sorted(Comparator.comparingLong(SnapshotMark::index)).toList();
		Instant oldest = oldestAt;
		Instant newest = newestAt;
		for (SnapshotMark s : sorted) {
			oldest = Instants.min(oldest, s.at());
			newest = Instants.max(newest, s.at());
		}
		return new GenerationTally(id, sorted.subList(0, Math.min(sorted.size(), MAX_SNAPSHOTS)), sorted.size(),
				walSegments, walBytes, firstWalIndex, lastWalIndex, oldest, newest, gaps, gapCount, lastWalKey,
				newSinceLastPass);
	}

	/**
	 * This tally with the snapshots listed again at the end of its walk, and without the
	 * gaps that lie wholly below the oldest of them: a restore starts at a snapshot, so
	 * those never matter, and they are what retention deleting during the walk looks like
	 * (the walk passed the start of a range that was gone by the time it got further).
	 */
	GenerationTally reconciled(List<SnapshotMark> listedAgain) {
		long oldestIndex = listedAgain.stream().mapToLong(SnapshotMark::index).min().orElse(Long.MAX_VALUE);
		List<IndexGap> kept = gaps.stream().filter(g -> g.to() >= oldestIndex).toList();
		GenerationTally relisted = new GenerationTally(id, List.of(), 0, walSegments, walBytes, firstWalIndex,
				lastWalIndex, oldestAt, newestAt, kept, gapCount - (gaps.size() - kept.size()), lastWalKey,
				newSinceLastPass);
		return relisted.withSnapshots(listedAgain);
	}

	/**
	 * @param afterPreviousPass whether the key sorts after the previous complete pass's
	 * last key of this generation
	 */
	GenerationTally plusSegment(String key, long index, long size, Instant at, boolean afterPreviousPass) {
		List<IndexGap> g = gaps;
		long count = gapCount;
		if (lastWalIndex != null && index > lastWalIndex + 1) {
			count++;
			g = new ArrayList<>(gaps);
			if (g.size() == MAX_GAPS) {
				g.remove(MAX_GAPS - 1);
			}
			g.add(new IndexGap(lastWalIndex + 1, index - 1));
		}
		return new GenerationTally(id, snapshots, snapshotCount, walSegments + 1, walBytes + size,
				firstWalIndex == null ? index : firstWalIndex,
				lastWalIndex == null ? index : Math.max(lastWalIndex, index), Instants.min(oldestAt, at),
				Instants.max(newestAt, at), g, count,
				lastWalKey == null || key.compareTo(lastWalKey) > 0 ? key : lastWalKey,
				newSinceLastPass + (afterPreviousPass ? 1 : 0));
	}

	/**
	 * The oldest snapshot a restore can start from and still replay to the end: one with
	 * no gap at or after its index. Empty when every snapshot lies before a gap.
	 */
	public Optional<SnapshotMark> oldestRestorable() {
		long bound = gaps.isEmpty() ? Long.MIN_VALUE : gaps.get(gaps.size() - 1).to();
		return snapshots.stream().filter(s -> s.index() > bound).min(Comparator.comparing(SnapshotMark::at));
	}

	/** Fraction of this generation walked, by WAL index against the best known end. */
	double walked(Long knownEnd) {
		if (firstWalIndex == null || lastWalIndex == null) {
			return 0;
		}
		long end = Math.max(lastWalIndex, knownEnd == null ? lastWalIndex : knownEnd);
		long newestSnapshot = snapshots.isEmpty() ? end : snapshots.get(snapshots.size() - 1).index();
		end = Math.max(end, newestSnapshot);
		return end == firstWalIndex ? 0.99
				: Math.min(0.99, (double) (lastWalIndex - firstWalIndex) / (end - firstWalIndex));
	}

}
