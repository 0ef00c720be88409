package io.litewatch.restore;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.litewatch.config.ConfigFixtures;
import io.litewatch.config.LitestreamConfigParser;
import io.litewatch.config.LitestreamDialect;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaEvaluator;
import io.litewatch.health.ReplicaObservation;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.restore.RestorePlan.Verdict;
import io.litewatch.s3.LtxFile;
import io.litewatch.s3.LtxListing;

import io.litewatch.testsupport.LtxFixtures;

import static io.litewatch.testsupport.LtxFixtures.LISTED;
import static io.litewatch.testsupport.LtxFixtures.files;
import static io.litewatch.testsupport.LtxFixtures.listing;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Point-in-time plans for a Litestream 0.5 replica judged from the files 0.5.17 listed
 * (snapshots uploaded 02:50:00, 02:52:00 and 02:54:00 at TXIDs 0x7a, 0xb8, 0xf6; newest
 * file 02:54:56 at 0x114), with production's settings in rails-four-dbs-05.yml (sync 1s,
 * L1 every 30s, l0-retention 5m by default).
 */
class LtxRestorePlannerTest {

	final ReplicaConfig production = LtxFixtures.production();

	final LtxRestorePlanner planner = new LtxRestorePlanner();

	@Test
	void aTimeInsideStartsFromTheNewestSnapshotBeforeItAndReachesTheLastSync() throws IOException {
		RestorePlan plan = planner.plan(status(listing(files())), Instant.parse("2026-12-07T02:53:30.700Z"), LISTED);

		assertThat(plan.verdict()).isEqualTo(Verdict.INSIDE);
		assertThat(plan.timestamp()).isEqualTo("2026-12-07T02:53:30Z");
		assertThat(plan.ltx().snapshotTxid()).isEqualTo(0xb8);
		assertThat(plan.ltx().snapshotAt()).isEqualTo(Instant.parse("2026-12-07T02:52:00Z"));
		assertThat(plan.ltx().reachTxid()).isNull();
		assertThat(plan.ltx().slack()).isEqualTo(Duration.ofSeconds(1));
		assertThat(plan.generation()).isNull();
		assertThat(plan.reasons()).anyMatch((r) -> r.contains("snapshot of TXID 00000000000000b8"))
			.anyMatch((r) -> r.contains("reaches the last sync before it, at most 1s earlier"));
		assertThat(plan.spans()).singleElement()
			.satisfies((s) -> assertThat(s.from()).isEqualTo(Instant.parse("2026-12-07T02:50:01Z")))
			.satisfies((s) -> assertThat(s.to()).isEqualTo(Instant.parse("2026-12-07T02:54:56Z")));
	}

	@Test
	void onceLevelZeroIsGoneTheRestoreMayStopOneLevelOneIntervalShort() throws IOException {
		Instant later = LISTED.plus(Duration.ofMinutes(20));
		RestorePlan plan = planner.plan(status(listing(files())), Instant.parse("2026-12-07T02:53:30Z"), later);

		assertThat(plan.verdict()).isEqualTo(Verdict.INSIDE);
		assertThat(plan.ltx().slack()).isEqualTo(Duration.ofSeconds(30));
		assertThat(plan.reasons()).anyMatch((r) -> r.contains("level 0's files for that time are gone"));
	}

	@Test
	void aTimeNotAfterTheOldestSnapshotCannotBeRestored() throws IOException {
		ReplicaStatus status = status(listing(files()));

		RestorePlan before = planner.plan(status, Instant.parse("2026-12-07T02:49:00Z"), LISTED);
		RestorePlan same = planner.plan(status, Instant.parse("2026-12-07T02:50:00Z"), LISTED);
		RestorePlan just = planner.plan(status, Instant.parse("2026-12-07T02:50:01Z"), LISTED);

		assertThat(before.verdict()).isEqualTo(Verdict.BEFORE_OLDEST);
		assertThat(before.nearest()).isEqualTo(Instant.parse("2026-12-07T02:50:01Z"));
		assertThat(before.reasons().get(0)).contains("no matching backup files available");
		// Litestream takes a snapshot only when it was created before the -timestamp.
		assertThat(same.verdict()).isEqualTo(Verdict.BEFORE_OLDEST);
		assertThat(just.verdict()).isEqualTo(Verdict.INSIDE);
		assertThat(just.ltx().snapshotTxid()).isEqualTo(0x7a);
	}

	@Test
	void aTimePastTheNewestFileGivesTheLatestState() throws IOException {
		ReplicaStatus status = status(listing(files()));

		RestorePlan plan = planner.plan(status, Instant.parse("2026-12-07T03:10:00Z"), LISTED);

		assertThat(plan.verdict()).isEqualTo(Verdict.INSIDE);
		assertThat(plan.ltx().snapshotTxid()).isEqualTo(0xf6);
		assertThat(plan.ltx().reachTxid()).isEqualTo(0x114);
		assertThat(LtxRestorePlanner.newestRestorable(status)).isEqualTo(Instant.parse("2026-12-07T02:54:57Z"));
		assertThat(planner.plan(status, LtxRestorePlanner.newestRestorable(status), LISTED).ltx().reachTxid())
			.isEqualTo(0x114);
	}

	@Test
	void aTimePastAGapIsRestoredOnlyUpToTheGap() throws IOException {
		List<LtxFile> gap = new ArrayList<>(files());
		// What a lost upload leaves: 0x106..0x10a is in no level.
		gap.removeIf((f) -> f.level() < 9 && f.maxTxid() >= 0x106 && f.minTxid() <= 0x10a);

		RestorePlan plan = planner.plan(status(listing(gap)), Instant.parse("2026-12-07T02:54:58Z"), LISTED);

		assertThat(plan.verdict()).isEqualTo(Verdict.WAL_GAP);
		assertThat(plan.ltx().reachTxid()).isEqualTo(0x105);
		assertThat(plan.reasons()).anyMatch((r) -> r.contains("no level holds TXID 0000000000000106"));
		assertThat(plan.nearest()).isNotNull();
	}

	@Test
	void aPathHoldingBothFormatsSaysLitestreamMayTakeThe03Generation() throws IOException {
		RestorePlan plan = planner.plan(status(listing(files(), true)), Instant.parse("2026-12-07T02:53:30Z"), LISTED);

		assertThat(plan.verdict()).isEqualTo(Verdict.INSIDE);
		assertThat(plan.reasons()).anyMatch((r) -> r.contains("0.3 generations sit under the same path"));
	}

	@Test
	void nothingStoredIsNothingToRestoreAndOnly03GenerationsAreLeftToTheDryRun() {
		RestorePlan none = planner.plan(status(listing(List.of())), LISTED, LISTED);
		RestorePlan only03 = planner.plan(status(listing(List.of(), true)), LISTED, LISTED);

		assertThat(none.verdict()).isEqualTo(Verdict.NO_BACKUP);
		assertThat(only03.verdict()).isEqualTo(Verdict.UNCHECKED);
		assertThat(only03.reasons().get(0)).contains("0.3 generations are");
		assertThat(LtxRestorePlanner.newestRestorable(status(listing(List.of())))).isNull();
	}

	private ReplicaStatus status(LtxListing listing) {
		LitestreamView view = LitestreamView.of05(new LitestreamView.LocalStatus(0x114L, "ok", LISTED), null);
		return new ReplicaEvaluator(new LitewatchProperties.Health(3, 10, Duration.ofSeconds(10), 1, 2,
				Duration.ofMinutes(1), Duration.ofHours(1)))
			.evaluate(ReplicaObservation.listed(production, listing), null, view, null, LISTED);
	}

}
