package io.litewatch.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.litewatch.docker.GenerationRow;
import io.litewatch.docker.SnapshotRow;
import io.litewatch.s3.GenerationListing;
import io.litewatch.testsupport.ReplicaStatuses;

import static io.litewatch.health.ReplicaEvaluatorTest.GEN_A;
import static io.litewatch.health.ReplicaEvaluatorTest.GEN_B;
import static io.litewatch.health.ReplicaEvaluatorTest.NOW;
import static io.litewatch.health.ReplicaEvaluatorTest.PRIMARY;
import static io.litewatch.health.ReplicaEvaluatorTest.file;
import static io.litewatch.health.ReplicaEvaluatorTest.generation;
import static io.litewatch.health.ReplicaEvaluatorTest.listing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which parts of a {@link ReplicaStatus} each way of judging a replica fills, and what an
 * unknown part reads as.
 */
class ReplicaStatusPartsTest {

	final ReplicaEvaluatorTest evaluations = new ReplicaEvaluatorTest();

	final ReplicaEvaluator evaluator = evaluations.evaluator;

	@Test
	void aListedGenerationFillsEveryPart() {
		GenerationListing old = generation(GEN_B, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(2)),
				NOW.minus(Duration.ofDays(1)));
		GenerationListing gen = generation(GEN_A, NOW.minus(Duration.ofDays(1)), NOW.minusSeconds(1200),
				NOW.minusSeconds(2));
		ReplicaStatus status = evaluations.evaluate(PRIMARY, listing(old, gen), file(NOW.minusSeconds(3)), null, NOW);

		assertThat(status.verdict()).isEqualTo(new Verdict(HealthStatus.OK, List.of()));
		assertThat(status.freshness()).isEqualTo(new Freshness(Duration.ofSeconds(-1), "db-file", NOW.minusSeconds(2)));
		assertThat(status.snapshots())
			.isEqualTo(new SnapshotState(NOW.minusSeconds(1200), Duration.ofSeconds(1200), 2));
		assertThat(status.restore())
			.isEqualTo(new RestoreRange(NOW.minus(Duration.ofDays(1)), NOW.minusSeconds(2), "snapshots"));
		assertThat(status.s3Requests()).isEqualTo(3);
		GenerationState g = status.generations();
		assertThat(g.current()).isEqualTo(GEN_A);
		assertThat(g.count()).isEqualTo(2);
		assertThat(g.currentStartedAt()).isEqualTo(NOW.minus(Duration.ofDays(1)));
		assertThat(g.previous()).isNull();
		assertThat(g.changedAt()).isNull();
		assertThat(g.ends()).isEqualTo(Map.of(GEN_A, NOW.minusSeconds(2), GEN_B, NOW.minus(Duration.ofDays(1))));
		assertThat(g.firstSeen())
			.isEqualTo(Map.of(GEN_A, NOW.minus(Duration.ofDays(1)), GEN_B, NOW.minus(Duration.ofDays(2))));
		assertThat(g.walSegmentCount()).isEqualTo(2);
		assertThat(g.walBytes()).isEqualTo(220);
		assertThat(g.newestWal().index()).isEqualTo(7);
	}

	@Test
	void aChangeOfGenerationIsRememberedInTheGenerationPart() {
		GenerationListing first = generation(GEN_A, NOW.minus(Duration.ofDays(1)), NOW.minusSeconds(600),
				NOW.minusSeconds(30));
		ReplicaStatus before = evaluations.evaluate(PRIMARY, listing(first), file(NOW.minusSeconds(31)), null,
				NOW.minusSeconds(15));
		GenerationListing second = generation(GEN_B, NOW.minusSeconds(5), NOW.minusSeconds(5), NOW.minusSeconds(2));
		ReplicaStatus after = evaluations.evaluate(PRIMARY, listing(first, second), file(NOW.minusSeconds(3)), before,
				NOW);

		assertThat(after.generations().current()).isEqualTo(GEN_B);
		assertThat(after.generations().previous()).isEqualTo(GEN_A);
		assertThat(after.generations().changedAt()).isEqualTo(NOW);
	}

	@Test
	void noGenerationLeavesEveryPartUnknownButCountsTheRequests() {
		ReplicaStatus empty = evaluations.evaluate(PRIMARY, listing(), file(NOW), null, NOW);

		assertThat(empty.freshness()).isEqualTo(Freshness.unknown());
		assertThat(empty.snapshots()).isEqualTo(SnapshotState.none());
		assertThat(empty.restore()).isEqualTo(RestoreRange.unknown());
		assertThat(empty.restoreWindow()).isNull();
		assertThat(empty.s3Requests()).isEqualTo(3);
		assertThat(empty.generations()).isNull();
	}

	@Test
	void aFailedListingKeepsWhatIsStoredAndForgetsWhatOnlyThatPollMeasured() {
		GenerationListing gen = generation(GEN_A, NOW.minusSeconds(600), NOW.minusSeconds(600), NOW.minusSeconds(2));
		ReplicaStatus ok = evaluations.evaluate(PRIMARY, listing(gen), file(NOW.minusSeconds(2)), null, NOW);
		ReplicaStatus failed = evaluator.evaluate(ReplicaObservation.failed(PRIMARY, "connection refused"), file(NOW),
				ReplicaEvaluatorTest.NO_VIEW, ok, NOW.plusSeconds(15));

		assertThat(failed.status()).isEqualTo(HealthStatus.CRITICAL);
		assertThat(failed.freshness()).isEqualTo(new Freshness(null, null, ok.freshness().lastSyncAt()));
		assertThat(failed.snapshots())
			.isEqualTo(new SnapshotState(ok.snapshots().newestAt(), null, ok.snapshots().count()));
		assertThat(failed.restore()).isEqualTo(ok.restore());
		assertThat(failed.s3Requests()).isNull();
		assertThat(failed.inventory()).isEqualTo(ok.inventory());
		assertThat(failed.generations()).isEqualTo(ok.generations());

		ReplicaStatus never = evaluator.evaluate(ReplicaObservation.failed(PRIMARY, "connection refused"), file(NOW),
				ReplicaEvaluatorTest.NO_VIEW, null, NOW);
		assertThat(never.freshness()).isEqualTo(Freshness.unknown());
		assertThat(never.snapshots()).isEqualTo(SnapshotState.none());
		assertThat(never.restore()).isEqualTo(RestoreRange.unknown());
		assertThat(never.generations()).isNull();
	}

	@Test
	void aReplicaLitewatchDoesNotListIsReadFromLitestreamsOwnView() {
		LitestreamView view = new LitestreamView(NOW,
				List.of(new SnapshotRow("s3", GEN_A, 0, 4096, NOW.minusSeconds(600)),
						new SnapshotRow("s3", GEN_B, 0, 4096, NOW.minusSeconds(7200))),
				NOW,
				List.of(new GenerationRow("s3", GEN_A, Duration.ofSeconds(4), NOW.minusSeconds(600),
						NOW.minusSeconds(5)),
						new GenerationRow("s3", GEN_B, null, NOW.minusSeconds(7200), NOW.minusSeconds(3600))),
				List.of(), null);
		ReplicaStatus status = evaluator.evaluate(ReplicaObservation.unsupported(PRIMARY), file(NOW), view, null, NOW);

		assertThat(status.findings()).extracting(Finding::code).containsExactly(FindingCode.REPLICA_UNSUPPORTED);
		assertThat(status.freshness())
			.isEqualTo(new Freshness(Duration.ofSeconds(4), "litestream", NOW.minusSeconds(5)));
		assertThat(status.snapshots()).isEqualTo(new SnapshotState(NOW.minusSeconds(600), Duration.ofSeconds(600), 2));
		assertThat(status.restore()).isEqualTo(RestoreRange.unknown());
		assertThat(status.s3Requests()).isNull();
		assertThat(status.generations()).isEqualTo(
				new GenerationState(GEN_A, 2, NOW.minusSeconds(600), null, null, Map.of(), Map.of(), 0, 0, null));
	}

	@Test
	void aReplicaLitewatchStoppedListingKeepsTheGenerationChangeItSaw() {
		ReplicaStatus listed = ReplicaStatuses.replica(PRIMARY)
			.generation(GEN_B, 2, NOW.minusSeconds(60))
			.previousGeneration(GEN_A, NOW.minusSeconds(60))
			.build();
		LitestreamView silent = LitestreamView.none("not running");

		ReplicaStatus unlisted = evaluator.evaluate(ReplicaObservation.unsupported(PRIMARY), file(NOW), silent, listed,
				NOW);
		assertThat(unlisted.freshness()).isEqualTo(Freshness.unknown());
		assertThat(unlisted.generations())
			.isEqualTo(new GenerationState(null, 0, null, GEN_A, NOW.minusSeconds(60), Map.of(), Map.of(), 0, 0, null));
		// Nothing known now and nothing remembered: no generation part at all.
		assertThat(
				evaluator.evaluate(ReplicaObservation.unsupported(PRIMARY), file(NOW), silent, null, NOW).generations())
			.isNull();
	}

	@Test
	void findingsJudgedAgainMakeTheirOwnStatusAndKeepTheParts() {
		ReplicaStatus ok = ReplicaStatuses.replica(PRIMARY)
			.lag(Duration.ofSeconds(1), "db-file")
			.restore(NOW.minusSeconds(60), NOW, "snapshots")
			.build();
		Finding stale = Finding.critical(FindingCode.REPLICA_STALE, "behind");
		List<Finding> judged = new ArrayList<>(List.of(stale));
		ReplicaStatus critical = ok.withFindings(judged);
		judged.clear();

		assertThat(critical.status()).isEqualTo(HealthStatus.CRITICAL);
		assertThat(critical.findings()).containsExactly(stale);
		assertThat(critical.freshness()).isEqualTo(ok.freshness());
		assertThat(critical.restore()).isEqualTo(ok.restore());
		assertThat(critical.restoreWindow()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void aRestoreRangeWithAnEndUnknownHasNoWindow() {
		Instant t = NOW.minusSeconds(60);
		assertThat(new RestoreRange(t, NOW, "snapshots").window()).isEqualTo(Duration.ofSeconds(60));
		assertThat(new RestoreRange(null, NOW, "inventory: no snapshot replays to the end").window()).isNull();
		assertThat(new RestoreRange(t, null, "snapshots").window()).isNull();
	}

	@Test
	void everyReplicaHasAVerdictFreshnessSnapshotsAndARestoreRange() {
		assertThatThrownBy(() -> new ReplicaStatus(PRIMARY, Verdict.of(List.of()), null, SnapshotState.none(),
				RestoreRange.unknown(), null, null, null))
			.isInstanceOf(NullPointerException.class)
			.hasMessage("freshness");
	}

}
