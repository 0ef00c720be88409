package io.litewatch.health;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.litewatch.config.ConfigFixtures;
import io.litewatch.config.LitestreamConfigParser;
import io.litewatch.config.LitestreamDialect;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.s3.LtxFile;
import io.litewatch.s3.LtxListing;
import io.litewatch.testsupport.LtxFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.litewatch.testsupport.LtxFixtures.byLevel;
import static io.litewatch.testsupport.LtxFixtures.files;
import static io.litewatch.testsupport.LtxFixtures.listedAt;
import static io.litewatch.testsupport.LtxFixtures.listing;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Litestream 0.5 replica judged from listings: the files Litestream 0.5.17 itself
 * listed (fixtures/litestream-0.5/ltx-level-all.json, newest file 02:54:56Z at TXID
 * 0x114), changed the way each failure changes them.
 */
class LtxEvaluatorTest {

	static final Instant LISTED = LtxFixtures.LISTED;

	final ReplicaEvaluator evaluator = new ReplicaEvaluator(new LitewatchProperties.Health(3, 10,
			Duration.ofSeconds(10), 1, 2, Duration.ofMinutes(1), Duration.ofHours(1)));

	final ReplicaConfig production = LtxFixtures.production();

	@Test
	void aReplicaHoldingTheDatabasesTxidIsHealthyInItsOwnTerms() throws IOException {
		ReplicaStatus status = evaluate(listing(files()), 0x114L, null, LISTED);
		assertThat(status.findings()).isEmpty();
		assertThat(status.layout()).isEqualTo("0.5");
		assertThat(status.ltx().replicatedTxid()).isEqualTo(0x114);
		assertThat(status.ltx().restoreTxid()).isEqualTo(0x114);
		assertThat(status.ltx().chainComplete()).isTrue();
		assertThat(status.ltx().snapshotTxid()).isEqualTo(0xf6);
		assertThat(status.freshness().lag()).isZero();
		assertThat(status.freshness().lagSource()).isEqualTo("litestream-txid");
		assertThat(status.restore().to()).isEqualTo(Instant.parse("2026-12-07T02:54:56Z"));
		assertThat(status.ltx().levels()).extracting(LtxState.Level::level).containsExactly(0, 1, 2, 9);
	}

	@Test
	void aStalledReplicaIsStaleFromThePollThatFirstSawTheDatabaseAhead() throws IOException {
		LtxListing listing = listing(files());
		ReplicaStatus first = evaluate(listing, 0x120L, null, LISTED);
		assertThat(first.findings()).isEmpty();
		assertThat(first.ltx().behind().since()).isEqualTo(LISTED);
		ReplicaStatus later = evaluate(listing, 0x130L, first, LISTED.plusSeconds(30));
		assertThat(later.freshness().lag()).isEqualTo(Duration.ofSeconds(30));
		assertThat(codes(later)).containsExactly(FindingCode.REPLICA_STALE);
		assertThat(later.status()).isEqualTo(HealthStatus.CRITICAL);
		assertThat(later.findings().get(0).message()).contains("TXID 0000000000000130", "at 0000000000000114");
	}

	@Test
	void aReplicaThatCaughtUpWithTheLastPollsTxidIsDatedFromThatPoll() {
		LtxState.Behind was = new LtxState.Behind(0x120, LISTED, 0x130, LISTED.plusSeconds(10));
		LtxState before = new LtxState("0.5", 0x110, null, 0x110, true, 1, 1, 0x130L, List.of(), List.of(), 0, was,
				null);
		assertThat(LtxEvaluator.behind(0x140L, 0x125, before, LISTED.plusSeconds(20)).since())
			.isEqualTo(LISTED.plusSeconds(10));
		assertThat(LtxEvaluator.behind(0x140L, 0x135, before, LISTED.plusSeconds(20)).since())
			.isEqualTo(LISTED.plusSeconds(20));
		assertThat(LtxEvaluator.behind(0x140L, 0x140, before, LISTED.plusSeconds(20))).isNull();
	}

	@Test
	void aReplicaTrailingBySteadyTimeHasABoundedLag() {
		Instant t0 = LISTED;
		LtxState.Behind first = LtxEvaluator.behind(100L, 90, null, t0);
		LtxState.Behind second = LtxEvaluator.behind(115L, 99, state(first), t0.plusSeconds(15));
		LtxState.Behind third = LtxEvaluator.behind(130L, 114, state(second), t0.plusSeconds(30));
		// Each poll the replica holds what the poll before last saw: 15s behind, not
		// more.
		assertThat(second.since()).isEqualTo(t0);
		assertThat(third.since()).isEqualTo(t0.plusSeconds(15));
	}

	@Test
	void oneWriteAfterDaysIdleIsNoOverdueSnapshotUntilAnIntervalPassed() throws IOException {
		List<LtxFile> idle = new ArrayList<>(files());
		idle.removeIf((f) -> f.maxTxid() > 0xf6);
		Instant daysLater = LISTED.plus(Duration.ofDays(3));
		idle.add(new LtxFile(0, 0xf7, 0xf7, 300, daysLater.minusSeconds(5)));
		assertThat(codes(evaluate(listing(idle), 0xf7L, null, daysLater))).isEmpty();
		assertThat(codes(evaluate(listing(idle), 0xf7L, null, daysLater.plus(Duration.ofHours(7)))))
			.containsExactly(FindingCode.SNAPSHOT_OVERDUE);
	}

	private static LtxState state(LtxState.Behind behind) {
		return new LtxState("0.5", 0, null, 0, true, 1, 1, behind.lastLocal(), List.of(), List.of(), 0, behind, null);
	}

	@Test
	void anIdleDatabaseKeepsItsLastSnapshotWithoutItBeingOverdue() throws IOException {
		List<LtxFile> idle = new ArrayList<>(files());
		idle.removeIf((f) -> f.maxTxid() > 0xf6);
		Instant muchLater = LISTED.plus(Duration.ofDays(3));
		assertThat(codes(evaluate(listing(idle), 0xf6L, null, muchLater))).isEmpty();
		assertThat(codes(evaluate(listing(files()), 0x114L, null, muchLater))).contains(FindingCode.SNAPSHOT_OVERDUE);
	}

	@Test
	void aMissingFileIsAGapARestoreStopsAt() throws IOException {
		List<LtxFile> gap = new ArrayList<>(files());
		gap.removeIf((f) -> f.level() < 9 && f.minTxid() <= 0x100 && f.maxTxid() >= 0x100);
		ReplicaStatus status = evaluate(listing(gap), 0x114L, null, LISTED);
		assertThat(codes(status)).contains(FindingCode.WAL_GAP);
		assertThat(status.ltx().chainComplete()).isFalse();
		assertThat(status.ltx().restoreTxid()).isLessThan(0x100);
	}

	@Test
	void overlappingFilesInOneLevelAreTwoWriters() throws IOException {
		List<LtxFile> files = new ArrayList<>(files());
		// As in keys-two-writers-after.jsonl: another process wrote its own file of the
		// same TXIDs.
		files.add(new LtxFile(1, 0x10b, 0x10b, 100, LISTED));
		assertThat(codes(evaluate(listing(files), 0x114L, null, LISTED))).contains(FindingCode.SPLIT_BRAIN);
	}

	@Test
	void aReplicatedTxidThatGoesBackIsSaidOnce() throws IOException {
		ReplicaStatus before = evaluate(listing(files()), 0x114L, null, LISTED);
		List<LtxFile> wiped = List.of(new LtxFile(9, 1, 3, 10, LISTED), new LtxFile(0, 4, 4, 10, LISTED));
		ReplicaStatus after = evaluate(listing(wiped), 4L, before, LISTED.plusSeconds(5));
		assertThat(codes(after)).containsExactly(FindingCode.GENERATION_CHANGED);
		assertThat(after.findings().get(0).message()).contains("from 0000000000000114 to 0000000000000004");
	}

	@Test
	void levelZeroWaitingPastTwoIntervalsOfLevelOneIsCompactionBehind() throws IOException {
		List<LtxFile> files = new ArrayList<>(files());
		files.add(new LtxFile(0, 0x115, 0x115, 10, LISTED.minus(Duration.ofMinutes(3))));
		files.add(new LtxFile(0, 0x116, 0x116, 10, LISTED));
		ReplicaStatus status = evaluate(listing(files), 0x116L, null, LISTED);
		assertThat(codes(status)).containsExactly(FindingCode.COMPACTION_BEHIND);
		assertThat(status.findings().get(0).message()).startsWith("Level 1 of s3://backups/production is behind");
	}

	@Test
	void keysThatAreNoLtxFileAreNamed() throws IOException {
		LtxListing listing = new LtxListing(byLevel(files()), listedAt(), false,
				List.of("production/0000/zz-not-litestream.txt"), 1, 2, false, LISTED);
		ReplicaStatus status = evaluate(listing, 0x114L, null, LISTED);
		assertThat(codes(status)).containsExactly(FindingCode.LTX_KEY_INVALID);
		assertThat(status.findings().get(0).message()).contains("production/0000/zz-not-litestream.txt");
	}

	@Test
	void anLtxFileWrittenAgainWithOtherContentsIsSplitBrainForAnHour() throws IOException {
		LtxListing.Rewrite rewrite = new LtxListing.Rewrite("production/0000/0000000000000114-0000000000000114.ltx",
				4120, 3977, LISTED);
		LtxListing listing = new LtxListing(byLevel(files()), listedAt(), false, List.of(), 0, 2, false, LISTED,
				rewrite);
		ReplicaStatus status = evaluate(listing, 0x114L, null, LISTED);
		assertThat(codes(status)).containsExactly(FindingCode.SPLIT_BRAIN);
		assertThat(status.findings().get(0).message())
			.startsWith("production/0000/0000000000000114-0000000000000114.ltx was written again with other contents "
					+ "(4120 bytes, then 3977");
		ReplicaStatus hourLater = evaluate(listing, 0x114L, null, LISTED.plus(Duration.ofHours(1)));
		assertThat(codes(hourLater)).doesNotContain(FindingCode.SPLIT_BRAIN);
	}

	@Test
	void aPathWithOnlyThe03GenerationsHasNoLtxBackupYet() {
		LtxListing listing = new LtxListing(new TreeMap<>(), Map.of(), true, List.of(), 0, 2, true, LISTED);
		ReplicaStatus status = evaluate(listing, null, null, LISTED);
		assertThat(codes(status)).containsExactly(FindingCode.NO_GENERATION);
		assertThat(status.layout()).isEqualTo("0.3");
		assertThat(status.findings().get(0).message()).contains("0.3's generations");
	}

	@Test
	void aNewestSnapshotThatIsNoLtxFileFailsEveryRestoreAndIsNamed() throws IOException {
		String key = "myapp/production/0009/0000000000000001-00000000000000f6.ltx";
		LtxListing bad = new LtxListing(byLevel(files()), listedAt(), false, List.of(), 0, 2, false, LISTED, null,
				new LtxListing.SnapshotHeader(key, null, "it does not start with LTX1", true));
		LtxListing good = new LtxListing(byLevel(files()), listedAt(), false, List.of(), 0, 2, false, LISTED, null,
				new LtxListing.SnapshotHeader(key,
						new io.litewatch.s3.LtxHeader(4096, 22, 1, 0xf6, Instant.parse("2026-12-07T02:54:00.093Z")),
						null, true));

		ReplicaStatus failing = evaluate(bad, 0x114L, null, LISTED);
		ReplicaStatus fine = evaluate(good, 0x114L, null, LISTED);

		assertThat(codes(failing)).containsExactly(FindingCode.LTX_KEY_INVALID);
		assertThat(failing.status()).isEqualTo(HealthStatus.CRITICAL);
		assertThat(failing.findings().get(0).message()).contains(key).contains("it does not start with LTX1");
		assertThat(failing.ltx().newestSnapshot()).isNull();
		assertThat(codes(fine)).isEmpty();
		assertThat(fine.ltx().newestSnapshot().databaseBytes()).isEqualTo(22 * 4096);
		assertThat(fine.ltx().snapshots()).extracting(LtxState.Snapshot::txid).containsExactly(0x7aL, 0xb8L, 0xf6L);
	}

	private ReplicaStatus evaluate(LtxListing listing, Long localTxid, ReplicaStatus previous, Instant now) {
		LitestreamView view = LitestreamView
			.of05(localTxid != null ? new LitestreamView.LocalStatus(localTxid, "ok", now) : null, null);
		return evaluator.evaluate(ReplicaObservation.listed(production, listing), null, view, previous, now);
	}

	private static List<FindingCode> codes(ReplicaStatus status) {
		return status.findings().stream().map(Finding::code).toList();
	}

}
