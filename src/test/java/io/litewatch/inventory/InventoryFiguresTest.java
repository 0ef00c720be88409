package io.litewatch.inventory;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryFiguresTest {

	private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

	private static final String GEN = "0123456789abcdef";

	/** Walks segments {@code from..to} (one per index), after the given previous key. */
	private static GenerationTally walk(GenerationTally tally, long from, long to, String previousLastKey) {
		for (long i = from; i <= to; i++) {
			String key = key(i);
			tally = tally.plusSegment(key, i, 10, T0.plusSeconds(i),
					previousLastKey == null || key.compareTo(previousLastKey) > 0);
		}
		return tally;
	}

	private static String key(long index) {
		return "db/generations/" + GEN + "/wal/" + String.format("%08x_00000000.wal.lz4", index);
	}

	private static List<SnapshotMark> snapshots(long... indexes) {
		return java.util.Arrays.stream(indexes).mapToObj(i -> new SnapshotMark(i, T0.plusSeconds(i))).toList();
	}

	@Test
	void aWholeChainRestoresFromTheOldestSnapshot() {
		GenerationTally tally = walk(GenerationTally.start(GEN).withSnapshots(snapshots(100, 0, 50)), 0, 199, null);

		assertThat(tally.walSegments()).isEqualTo(200);
		assertThat(tally.walBytes()).isEqualTo(2000);
		assertThat(tally.gapCount()).isZero();
		assertThat(tally.snapshots()).extracting(SnapshotMark::index).containsExactly(0L, 50L, 100L);
		assertThat(tally.oldestRestorable()).map(SnapshotMark::index).contains(0L);
		assertThat(tally.lastWalKey()).isEqualTo(key(199));
		assertThat(tally.oldestAt()).isEqualTo(T0);
		assertThat(tally.newestAt()).isEqualTo(T0.plusSeconds(199));
	}

	@Test
	void aGapMovesTheRestorableStartPastIt() {
		GenerationTally tally = GenerationTally.start(GEN).withSnapshots(snapshots(0, 50, 100));
		tally = walk(tally, 0, 59, null);
		tally = walk(tally, 63, 199, null);

		assertThat(tally.gaps()).containsExactly(new IndexGap(60, 62));
		assertThat(tally.gapCount()).isEqualTo(1);
		assertThat(tally.oldestRestorable()).map(SnapshotMark::index).contains(100L);
	}

	@Test
	void aGapAfterTheNewestSnapshotLeavesNothingRestorableToTheEnd() {
		GenerationTally tally = GenerationTally.start(GEN).withSnapshots(snapshots(0, 50));
		tally = walk(tally, 0, 79, null);
		tally = walk(tally, 81, 99, null);

		assertThat(tally.oldestRestorable()).isEmpty();
	}

	@Test
	void manyGapsKeepTheLatestSoTheRestorableStartStaysRight() {
		GenerationTally tally = GenerationTally.start(GEN).withSnapshots(snapshots(0, 1000));
		for (long i = 0; i < 60; i++) {
			tally = walk(tally, i * 10, i * 10 + 5, null);
		}
		tally = walk(tally, 1000, 1010, null);

		assertThat(tally.gapCount()).isEqualTo(60);
		assertThat(tally.gaps()).hasSize(GenerationTally.MAX_GAPS);
		assertThat(tally.gaps().get(tally.gaps().size() - 1)).isEqualTo(new IndexGap(596, 999));
		assertThat(tally.oldestRestorable()).map(SnapshotMark::index).contains(1000L);
	}

	@Test
	void aGapLeftByRetentionDeletingDuringTheWalkIsDroppedOnceTheSnapshotsAreListedAgain() {
		GenerationTally tally = GenerationTally.start(GEN).withSnapshots(snapshots(0, 100, 150));
		// The walk saw 0..40, then retention removed everything below snapshot 100.
		tally = walk(tally, 0, 40, null);
		tally = walk(tally, 100, 199, null);
		assertThat(tally.gaps()).containsExactly(new IndexGap(41, 99));

		GenerationTally reconciled = tally.reconciled(snapshots(100, 150));

		assertThat(reconciled.gaps()).isEmpty();
		assertThat(reconciled.gapCount()).isZero();
		assertThat(reconciled.snapshots()).extracting(SnapshotMark::index).containsExactly(100L, 150L);
		assertThat(reconciled.oldestRestorable()).map(SnapshotMark::index).contains(100L);
		assertThat(reconciled.walSegments()).isEqualTo(141);

		// A gap above the oldest snapshot stays.
		GenerationTally real = walk(walk(GenerationTally.start(GEN).withSnapshots(snapshots(0, 100)), 0, 120, null),
				125, 199, null);
		assertThat(real.reconciled(snapshots(0, 100)).gaps()).containsExactly(new IndexGap(121, 124));
	}

	@Test
	void retentionDeletionIsCountedExactlyWhileNewSegmentsArrive() {
		GenerationTally before = walk(GenerationTally.start(GEN).withSnapshots(snapshots(0, 100)), 0, 199, null);
		GenerationTally gone = walk(GenerationTally.start("fedcba9876543210").withSnapshots(snapshots(0)), 0, 9, null);
		InventoryFigures first = new InventoryFigures(T0, T0.plusSeconds(60), 5, List.of(before, gone), null);

		// Retention removed index 0..99 and snapshot 0, and the old generation; 25 new
		// segments were written since.
		GenerationTally after = walk(GenerationTally.start(GEN).withSnapshots(snapshots(100)), 100, 224,
				before.lastWalKey());
		InventoryPass pass = new InventoryPass(T0.plusSeconds(3600), 9, List.of(GEN), 1, false, List.of(after), null);
		InventoryFigures second = InventoryFigures.of(pass, T0.plusSeconds(3700), first);

		assertThat(after.newSinceLastPass()).isEqualTo(25);
		RetentionDeletion deletion = second.deletion();
		assertThat(deletion.walSegments()).isEqualTo(100 + 10);
		assertThat(deletion.snapshots()).isEqualTo(1 + 1);
		assertThat(deletion.generations()).containsExactly("fedcba9876543210");
		assertThat(deletion.noticedAt()).isEqualTo(T0.plusSeconds(3700));
		assertThat(second.walSegments()).isEqualTo(125);

		// A later pass that sees nothing removed keeps the last deletion on show.
		GenerationTally same = walk(GenerationTally.start(GEN).withSnapshots(snapshots(100)), 100, 224,
				after.lastWalKey());
		InventoryPass third = new InventoryPass(T0.plusSeconds(7200), 9, List.of(GEN), 1, false, List.of(same), null);
		assertThat(InventoryFigures.of(third, T0.plusSeconds(7300), second).deletion()).isEqualTo(deletion);
	}

	@Test
	void progressFollowsGenerationsAndTheWalIndexAgainstTheNewestSnapshot() {
		InventoryPass pass = InventoryPass.begin(T0);
		assertThat(pass.progress(null)).isZero();
		pass = pass.withGenerations(List.of(GEN, "fedcba9876543210"), 1);
		GenerationTally tally = walk(GenerationTally.start(GEN).withSnapshots(snapshots(0, 1000)), 0, 499, null);
		pass = pass.walking(tally, 1);
		// Half of the first of two generations.
		assertThat(pass.progress(null)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.01));
		pass = pass.walked(tally, true, 1);
		assertThat(pass.progress(null)).isEqualTo(0.5);
		assertThat(pass.requests()).isEqualTo(3);
	}

}
