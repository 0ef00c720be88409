package io.litewatch.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.docker.GenerationRow;
import io.litewatch.s3.GenerationListing;
import io.litewatch.s3.ReplicaListing;
import io.litewatch.s3.SnapshotObject;
import io.litewatch.s3.WalSegment;
import io.litewatch.s3.WalStats;
import io.litewatch.testsupport.ReplicaStatuses;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaEvaluatorTest {

	static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	static final String GEN_A = "00fbc4bd93036238";

	static final String GEN_B = "c9802732cb14c102";

	final ReplicaEvaluator evaluator = new ReplicaEvaluator(new LitewatchProperties.Health(3, 10,
			Duration.ofSeconds(10), 1, 2, Duration.ofMinutes(1), Duration.ofHours(1)));

	static ReplicaConfig replica(Duration sync, Duration snapshot, Duration retention) {
		return new ReplicaConfig("s3", "s3", "s3://backups/production", "backups", "production",
				"http://127.0.0.1:9000", "us-east-1", true, false, null, sync, snapshot, retention, Duration.ofHours(1),
				Duration.ZERO, 5);
	}

	static final ReplicaConfig PRIMARY = replica(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(720));

	static GenerationListing generation(String id, Instant firstSnapshot, Instant lastSnapshot, Instant lastWal) {
		List<SnapshotObject> snapshots = firstSnapshot.equals(lastSnapshot)
				? List.of(new SnapshotObject(id, 0, 1000, firstSnapshot)) : List
					.of(new SnapshotObject(id, 0, 1000, firstSnapshot), new SnapshotObject(id, 7, 1000, lastSnapshot));
		WalStats wal = WalStats.EMPTY.plus(new WalSegment(id, 0, 0, 100, firstSnapshot))
			.plus(new WalSegment(id, 7, 4152, 120, lastWal));
		return GenerationListing.of(id, snapshots, wal);
	}

	static ReplicaListing listing(GenerationListing... generations) {
		return new ReplicaListing(List.of(generations), 3, false, NOW);
	}

	static DbFileState file(Instant updatedAt) {
		return new DbFileState(true, 4096, updatedAt, null);
	}

	static final LitestreamView NO_VIEW = LitestreamView.none("not asked");

	ReplicaStatus evaluate(ReplicaConfig config, ReplicaListing listing, DbFileState file, ReplicaStatus previous,
			Instant now) {
		return evaluator.evaluate(ReplicaObservation.listed(config, listing), file, NO_VIEW, previous, now);
	}

	@Test
	void caughtUpReplicaIsOkWithItsFigures() {
		GenerationListing gen = generation(GEN_A, NOW.minus(Duration.ofDays(3)), NOW.minusSeconds(1200),
				NOW.minusSeconds(2));
		ReplicaStatus status = evaluate(PRIMARY, listing(gen), file(NOW.minusSeconds(3)), null, NOW);

		assertThat(status.status()).isEqualTo(HealthStatus.OK);
		assertThat(status.findings()).isEmpty();
		assertThat(status.generations().current()).isEqualTo(GEN_A);
		assertThat(status.freshness().lag()).isEqualTo(Duration.ofSeconds(-1));
		assertThat(status.freshness().lagSource()).isEqualTo("db-file");
		assertThat(status.snapshots().newestAge()).isEqualTo(Duration.ofSeconds(1200));
		assertThat(status.snapshots().count()).isEqualTo(2);
		assertThat(status.generations().walSegmentCount()).isEqualTo(2);
		assertThat(status.restoreWindow()).isEqualTo(Duration.ofDays(3).minusSeconds(2));
	}

	@Test
	void anIdleDatabaseIsNotStaleHoweverOldItsLastUpload() {
		// Nothing changed for two days; the replica has the last change: that is not lag.
		Instant lastChange = NOW.minus(Duration.ofDays(2));
		GenerationListing gen = generation(GEN_A, NOW.minus(Duration.ofDays(3)), NOW.minusSeconds(600), lastChange);
		ReplicaStatus status = evaluate(PRIMARY, listing(gen), file(lastChange.minusMillis(400)), null, NOW);

		assertThat(status.findings()).extracting(Finding::code).doesNotContain(FindingCode.REPLICA_STALE);
		assertThat(status.status()).isEqualTo(HealthStatus.OK);
	}

	@Test
	void lagIsJudgedAgainstTheReplicasOwnSyncInterval() {
		GenerationListing gen = generation(GEN_A, NOW.minus(Duration.ofDays(1)), NOW.minusSeconds(60),
				NOW.minusSeconds(30));
		// sync-interval 1s: warning above 1×3+10 = 13s, critical above 1×10+10 = 20s.
		assertThat(evaluate(PRIMARY, listing(gen), file(NOW.minusSeconds(30 - 12)), null, NOW).findings()).isEmpty();
		assertThat(evaluate(PRIMARY, listing(gen), file(NOW.minusSeconds(30 - 15)), null, NOW).findings())
			.singleElement()
			.satisfies((f) -> {
				assertThat(f.code()).isEqualTo(FindingCode.REPLICA_STALE);
				assertThat(f.severity()).isEqualTo(Severity.WARNING);
				assertThat(f.message()).contains("15s behind", "sync-interval 1s");
			});
		assertThat(evaluate(PRIMARY, listing(gen), file(NOW), null, NOW).findings()).singleElement()
			.satisfies((f) -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
		// The same 15s behind on a 10s sync-interval is fine (warning only above 40s).
		ReplicaConfig cache = replica(Duration.ofSeconds(10), Duration.ZERO, Duration.ofHours(24));
		assertThat(evaluate(cache, listing(gen), file(NOW.minusSeconds(15)), null, NOW).findings()).isEmpty();
	}

	@Test
	void withoutTheFileTheLagComesFromLitestreamsOwnGenerationsOutput() {
		GenerationListing gen = generation(GEN_A, NOW.minus(Duration.ofDays(1)), NOW.minusSeconds(60),
				NOW.minusSeconds(30));
		LitestreamView view = new LitestreamView(NOW, List.of(), NOW, List.of(new GenerationRow("s3", GEN_A,
				Duration.ofSeconds(25), NOW.minus(Duration.ofDays(1)), NOW.minusSeconds(30))), List.of(), null);
		ReplicaStatus status = evaluator.evaluate(ReplicaObservation.listed(PRIMARY, listing(gen)),
				DbFileState.unknown("engine unreachable"), view, null, NOW);
		assertThat(status.freshness().lag()).isEqualTo(Duration.ofSeconds(25));
		assertThat(status.freshness().lagSource()).isEqualTo("litestream");
		assertThat(status.findings()).extracting(Finding::code).containsExactly(FindingCode.REPLICA_STALE);
	}

	@Test
	void snapshotAgeIsJudgedAgainstSnapshotIntervalOrElseRetention() {
		GenerationListing gen = generation(GEN_A, NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofMinutes(90)),
				NOW.minusSeconds(1));
		// 1h interval: overdue (warning) after 1h + 1m, critical after 2h + 1m.
		ReplicaStatus overdue = evaluate(PRIMARY, listing(gen), file(NOW.minusSeconds(2)), null, NOW);
		assertThat(overdue.findings()).singleElement().satisfies((f) -> {
			assertThat(f.code()).isEqualTo(FindingCode.SNAPSHOT_OVERDUE);
			assertThat(f.severity()).isEqualTo(Severity.WARNING);
			assertThat(f.message()).contains("1h30m0s old", "snapshot-interval 1h0m0s");
		});
		// No snapshot-interval: Litestream snapshots at retention checks, so 90 minutes
		// is normal.
		ReplicaConfig noInterval = replica(Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(24));
		assertThat(evaluate(noInterval, listing(gen), file(NOW.minusSeconds(2)), null, NOW).findings()).isEmpty();
		GenerationListing old = generation(GEN_A, NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofHours(26)),
				NOW.minusSeconds(1));
		assertThat(evaluate(noInterval, listing(old), file(NOW.minusSeconds(2)), null, NOW).findings())
			.extracting(Finding::code)
			.contains(FindingCode.SNAPSHOT_OVERDUE);
	}

	@Test
	void theCurrentGenerationIsTheOneWithTheNewestEndNotTheHighestId() {
		// GEN_B sorts last but ended an hour ago; GEN_A is the live one.
		GenerationListing live = generation(GEN_A, NOW.minusSeconds(600), NOW.minusSeconds(600), NOW.minusSeconds(1));
		GenerationListing superseded = generation(GEN_B, NOW.minus(Duration.ofDays(1)), NOW.minusSeconds(7200),
				NOW.minusSeconds(3600));
		ReplicaStatus status = evaluate(PRIMARY, listing(superseded, live), file(NOW.minusSeconds(2)), null, NOW);
		assertThat(status.generations().current()).isEqualTo(GEN_A);
		assertThat(status.generations().count()).isEqualTo(2);
	}

	@Test
	void aChangeOfGenerationIsReportedForAWhile() {
		GenerationListing first = generation(GEN_A, NOW.minus(Duration.ofDays(1)), NOW.minusSeconds(600),
				NOW.minusSeconds(30));
		ReplicaStatus before = evaluate(PRIMARY, listing(first), file(NOW.minusSeconds(31)), null,
				NOW.minusSeconds(15));
		GenerationListing second = generation(GEN_B, NOW.minusSeconds(5), NOW.minusSeconds(5), NOW.minusSeconds(2));
		ReplicaStatus after = evaluate(PRIMARY, listing(first, second), file(NOW.minusSeconds(3)), before, NOW);

		assertThat(after.findings()).singleElement().satisfies((f) -> {
			assertThat(f.code()).isEqualTo(FindingCode.GENERATION_CHANGED);
			assertThat(f.message()).contains(GEN_A, GEN_B);
		});
		assertThat(after.status()).isEqualTo(HealthStatus.WARNING);
		// Still reported within the window, gone after it.
		ReplicaStatus later = evaluate(PRIMARY, listing(first, second), file(NOW.plusSeconds(1700)), after,
				NOW.plusSeconds(1800));
		assertThat(later.findings()).extracting(Finding::code).contains(FindingCode.GENERATION_CHANGED);
		ReplicaStatus muchLater = evaluate(PRIMARY, listing(first, second), file(NOW.plusSeconds(3700)), later,
				NOW.plusSeconds(3700));
		assertThat(muchLater.findings()).extracting(Finding::code).doesNotContain(FindingCode.GENERATION_CHANGED);
	}

	@Test
	void twoGenerationsAdvancingAtOnceIsSplitBrain() {
		GenerationListing a1 = generation(GEN_A, NOW.minusSeconds(600), NOW.minusSeconds(600), NOW.minusSeconds(20));
		GenerationListing b1 = generation(GEN_B, NOW.minusSeconds(500), NOW.minusSeconds(500), NOW.minusSeconds(19));
		ReplicaStatus before = evaluate(PRIMARY, listing(a1, b1), file(NOW.minusSeconds(20)), null,
				NOW.minusSeconds(15));
		GenerationListing a2 = generation(GEN_A, NOW.minusSeconds(600), NOW.minusSeconds(600), NOW.minusSeconds(2));
		GenerationListing b2 = generation(GEN_B, NOW.minusSeconds(500), NOW.minusSeconds(500), NOW.minusSeconds(1));
		ReplicaStatus after = evaluate(PRIMARY, listing(a2, b2), file(NOW.minusSeconds(2)), before, NOW);
		assertThat(after.findings()).extracting(Finding::code).contains(FindingCode.SPLIT_BRAIN);
		assertThat(after.status()).isEqualTo(HealthStatus.CRITICAL);
	}

	@Test
	void noGenerationIsCriticalAndAFailedListingKeepsTheLastFigures() {
		ReplicaStatus empty = evaluate(PRIMARY, listing(), file(NOW), null, NOW);
		assertThat(empty.findings()).extracting(Finding::code).containsExactly(FindingCode.NO_GENERATION);
		assertThat(empty.status()).isEqualTo(HealthStatus.CRITICAL);

		GenerationListing gen = generation(GEN_A, NOW.minusSeconds(600), NOW.minusSeconds(600), NOW.minusSeconds(2));
		ReplicaStatus ok = evaluate(PRIMARY, listing(gen), file(NOW.minusSeconds(2)), null, NOW);
		ReplicaStatus failed = evaluator.evaluate(
				ReplicaObservation.failed(PRIMARY, "Cannot list s3://backups/production: connection refused"),
				file(NOW), NO_VIEW, ok, NOW.plusSeconds(15));
		assertThat(failed.findings()).extracting(Finding::code).containsExactly(FindingCode.S3_UNREACHABLE);
		assertThat(failed.generations().current()).isEqualTo(GEN_A);
		assertThat(failed.freshness().lastSyncAt()).isEqualTo(ok.freshness().lastSyncAt());
		assertThat(failed.freshness().lag()).isNull();
	}

	@Test
	void aRestoreWindowShorterThanRetentionPromisesIsReported() {
		ReplicaConfig daily = replica(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(24));
		// The generation has been seen for 3 days, yet only 2 hours can be restored.
		GenerationListing gen = generation(GEN_A, NOW.minus(Duration.ofHours(2)), NOW.minusSeconds(1200),
				NOW.minusSeconds(1));
		ReplicaStatus previous = ReplicaStatuses.replica(daily)
			.generation(GEN_A, 1, null)
			.generationEnds(Map.of(GEN_A, NOW.minusSeconds(20)))
			.generationFirstSeen(Map.of(GEN_A, NOW.minus(Duration.ofDays(3))))
			.build();
		ReplicaStatus status = evaluate(daily, listing(gen), file(NOW.minusSeconds(2)), previous, NOW);
		assertThat(status.findings()).extracting(Finding::code).containsExactly(FindingCode.RETENTION_SHORT);
		// A young generation explains a short window: no finding.
		assertThat(evaluate(daily, listing(gen), file(NOW.minusSeconds(2)), null, NOW).findings()).isEmpty();
	}

}
