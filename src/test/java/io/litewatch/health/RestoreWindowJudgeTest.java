package io.litewatch.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.litewatch.inventory.GenerationTally;
import io.litewatch.inventory.IndexGap;
import io.litewatch.inventory.InventoryFigures;
import io.litewatch.inventory.InventoryPass;
import io.litewatch.inventory.ReplicaInventory;
import io.litewatch.inventory.SnapshotMark;
import io.litewatch.s3.GenerationListing;

import static io.litewatch.health.ReplicaEvaluatorTest.GEN_A;
import static io.litewatch.health.ReplicaEvaluatorTest.NOW;
import static io.litewatch.health.ReplicaEvaluatorTest.PRIMARY;
import static io.litewatch.health.ReplicaEvaluatorTest.file;
import static io.litewatch.health.ReplicaEvaluatorTest.generation;
import static io.litewatch.health.ReplicaEvaluatorTest.listing;
import static org.assertj.core.api.Assertions.assertThat;

/** The restore window once the inventory has walked every WAL key, and before. */
class RestoreWindowJudgeTest {

	private final ReplicaEvaluatorTest base = new ReplicaEvaluatorTest();

	private static final Instant FIRST = NOW.minus(Duration.ofDays(3));

	private static final Instant SECOND = NOW.minusSeconds(1200);

	private final GenerationListing current = generation(GEN_A, FIRST, SECOND, NOW.minusSeconds(2));

	/**
	 * Snapshots at index 0 and 7 as in the listing; WAL 0..9 walked with {@code gaps}.
	 */
	private static ReplicaInventory walked(IndexGap... gaps) {
		GenerationTally tally = new GenerationTally(GEN_A,
				List.of(new SnapshotMark(0, FIRST), new SnapshotMark(7, SECOND)), 2, 10 - gaps.length, 1000, 0L, 9L,
				FIRST, NOW.minusSeconds(60), List.of(gaps), gaps.length, "k", 0);
		InventoryFigures figures = new InventoryFigures(NOW.minusSeconds(600), NOW.minusSeconds(540), 4, List.of(tally),
				null);
		return new ReplicaInventory(null, figures, 0, null, null);
	}

	private ReplicaStatus evaluate(ReplicaInventory inventory) {
		return base.evaluator.evaluate(ReplicaObservation.listed(PRIMARY, listing(current), inventory),
				file(NOW.minusSeconds(3)), ReplicaEvaluatorTest.NO_VIEW, null, NOW);
	}

	@Test
	void aWholeChainKeepsTheWindowFromTheOldestSnapshot() {
		ReplicaStatus status = evaluate(walked());

		assertThat(status.findings()).isEmpty();
		assertThat(status.restore().from()).isEqualTo(FIRST);
		assertThat(status.restore().basis()).isEqualTo("inventory");
	}

	@Test
	void aGapBetweenSnapshotsShortensTheWindowAndWarns() {
		ReplicaStatus status = evaluate(walked(new IndexGap(3, 4)));

		assertThat(status.findings()).extracting(Finding::code).containsExactly(FindingCode.WAL_GAP);
		assertThat(status.findings().get(0).severity()).isEqualTo(Severity.WARNING);
		assertThat(status.findings().get(0).message()).contains("00000003–00000004");
		assertThat(status.restore().from()).isEqualTo(SECOND);
	}

	@Test
	void aGapAfterTheNewestSnapshotIsCriticalAndLeavesNoWindow() {
		ReplicaStatus status = evaluate(walked(new IndexGap(8, 8)));

		assertThat(status.findings()).extracting(Finding::code).containsExactly(FindingCode.WAL_GAP);
		assertThat(status.status()).isEqualTo(HealthStatus.CRITICAL);
		assertThat(status.findings().get(0).message()).contains("latest state cannot be restored");
		assertThat(status.restore().from()).isNull();
	}

	@Test
	void beforeTheFirstPassCompletesTheWindowSaysItRestsOnSnapshotsOnly() {
		InventoryPass pass = new InventoryPass(NOW.minusSeconds(60), 3, List.of(GEN_A), 0, false, List.of(), null);
		ReplicaStatus status = evaluate(new ReplicaInventory(pass, null, 0.4, null, null));

		assertThat(status.findings()).isEmpty();
		assertThat(status.restore().from()).isEqualTo(FIRST);
		assertThat(status.restore().basis())
			.isEqualTo("snapshots; WAL continuity not yet checked (inventory 40% through its first pass)");
	}

}
