package io.litewatch.restore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.litewatch.config.ReplicaConfig;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.testsupport.ReplicaStatuses;
import io.litewatch.inventory.IndexGap;
import io.litewatch.restore.RestorePlan.Snapshot;
import io.litewatch.restore.RestorePlan.Span;
import io.litewatch.restore.RestorePlan.Verdict;
import io.litewatch.restore.RestorePlan.WalRange;
import io.litewatch.s3.WalSegment;

import static io.litewatch.restore.RestoreFixtures.CURRENT;
import static io.litewatch.restore.RestoreFixtures.CURRENT_END;
import static io.litewatch.restore.RestoreFixtures.OLD;
import static io.litewatch.restore.RestoreFixtures.OLD_END;
import static io.litewatch.restore.RestoreFixtures.database;
import static io.litewatch.restore.RestoreFixtures.production;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code litestream restore -timestamp} would do, by Litestream 0.3.13's rules, on
 * the two generations of {@link RestoreFixtures}.
 */
class RestorePlanTest {

	private final RestorePlanner planner = new RestorePlanner();

	private final DatabaseStatus db = production(List.of());

	RestorePlan plan(DatabaseStatus db, String at) {
		return planner.plan(db, db.replicas().get(0), Instant.parse(at));
	}

	@Test
	void aTimeBetweenTwoSnapshotsUsesTheEarlierAndAtMostTheWalUpToTheLater() {
		RestorePlan plan = plan(db, "2026-11-25T12:30:00.750Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.INSIDE);
		assertThat(plan.timestamp()).isEqualTo("2026-11-25T12:30:00Z");
		assertThat(plan.generation()).isEqualTo(CURRENT);
		// k=17: 12:00:03, index 51; the next (13:00:03) was taken at index 54.
		assertThat(plan.snapshot()).isEqualTo(new Snapshot(51, Instant.parse("2026-11-25T12:00:03Z")));
		assertThat(plan.snapshot().hex()).isEqualTo("00000033");
		assertThat(plan.wal()).isEqualTo(new WalRange(51, 54L, false));
		assertThat(plan.reasons()).containsExactly(
				"2026-11-25 12:30:00 UTC lies in generation c9802732cb14c102 (the current one), from 2026-11-24 "
						+ "18:59:58 UTC to 2026-11-25 14:51:58 UTC.",
				"Litestream would start from snapshot 51 (00000033, taken 2026-11-25 12:00:03 UTC) and replay the WAL "
						+ "from index 00000033 up to the last segment uploaded by then (index 00000036 at most).");
		assertThat(plan.nearest()).isNull();
	}

	@Test
	void atTheNewestObjectTheWalRangeIsExact() {
		RestorePlan plan = plan(db, "2026-11-25T14:51:58Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.INSIDE);
		assertThat(plan.snapshot().index()).isEqualTo(57);
		assertThat(plan.wal()).isEqualTo(new WalRange(57, 59L, true));
		assertThat(plan.reasons().get(1)).endsWith("replay WAL indexes 00000039 to 0000003b.");
	}

	@Test
	void atASnapshotItselfThatSnapshotIsUsed() {
		RestorePlan plan = plan(db, "2026-11-25T13:00:03Z");

		assertThat(plan.snapshot().index()).isEqualTo(54);
		// The next snapshot is at 57: the WAL is bounded by it.
		assertThat(plan.wal()).isEqualTo(new WalRange(54, 57L, false));
	}

	@Test
	void afterTheNewestObjectLitestreamFindsNoBackupAndTheNewestIsOffered() {
		RestorePlan plan = plan(db, "2026-11-25T14:52:30Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.AFTER_NEWEST);
		assertThat(plan.verdict().inside()).isFalse();
		assertThat(plan.nearest()).isEqualTo(CURRENT_END);
		assertThat(plan.reasons()).containsExactly("2026-11-25 14:52:30 UTC is after the newest object of replica "
				+ "s3 (2026-11-25 14:51:58 UTC, generation c9802732cb14c102, as of the last poll): Litestream would "
				+ "answer \"no matching backups found\".");
		assertThat(RestorePlanner.newestRestorable(db, db.replicas().get(0))).isEqualTo(CURRENT_END);
	}

	@Test
	void beforeTheOldestSnapshotTheOldestIsOffered() {
		RestorePlan plan = plan(db, "2026-11-24T09:00:00Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.BEFORE_OLDEST);
		assertThat(plan.nearest()).isEqualTo(Instant.parse("2026-11-24T10:00:01Z"));
		assertThat(plan.reasons().get(0)).isEqualTo("2026-11-24 09:00:00 UTC is before the oldest snapshot of replica "
				+ "s3 (2026-11-24 10:00:01 UTC): retention has removed anything older, if it ever existed.");
	}

	@Test
	void betweenGenerationsTheNearerEdgeIsOffered() {
		RestorePlan plan = plan(db, "2026-11-24T18:50:00Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.BETWEEN_GENERATIONS);
		// 9 min 48 s after the old one's end, 9 min 58 s before the new one's start.
		assertThat(plan.nearest()).isEqualTo(OLD_END);
		assertThat(plan(db, "2026-11-24T18:55:00Z").nearest()).isEqualTo(Instant.parse("2026-11-24T19:00:03Z"));
		assertThat(plan.reasons().get(0)).contains("falls between generation 00fbc4bd93036238, which ends at "
				+ "2026-11-24 18:40:12 UTC, and generation c9802732cb14c102, which starts at 2026-11-24 18:59:58 UTC");
	}

	@Test
	void theCurrentGenerationsWalBeforeItsFirstSnapshotIsNotRestorable() {
		// Its [start, end] holds the time, so Litestream picks it, and finds no snapshot.
		RestorePlan plan = plan(db, "2026-11-24T18:59:59Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.BEFORE_OLDEST);
		assertThat(plan.generation()).isEqualTo(CURRENT);
		assertThat(plan.nearest()).isEqualTo(Instant.parse("2026-11-24T19:00:03Z"));
		assertThat(plan.reasons().get(1)).contains("\"no snapshots available\"");
	}

	@Test
	void anOlderGenerationIsUsedForATimeOnlyItHolds() {
		RestorePlan plan = plan(db, "2026-11-24T15:00:00Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.INSIDE);
		assertThat(plan.generation()).isEqualTo(OLD);
		assertThat(plan.snapshot().index()).isEqualTo(12);
		// No later snapshot: bounded by the inventory's last index of that generation.
		assertThat(plan.wal()).isEqualTo(new WalRange(12, 20L, false));
		assertThat(plan.reasons().get(0)).contains(", an older one:");
		assertThat(plan(db, "2026-11-24T18:40:12Z").wal()).isEqualTo(new WalRange(12, 20L, true));
	}

	@Test
	void aGapTheReplayMayReachIsAWarningWithTheTimesAroundIt() {
		DatabaseStatus gapped = production(List.of(new IndexGap(52, 52)));

		RestorePlan plan = plan(gapped, "2026-11-25T12:30:00Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.WAL_GAP);
		assertThat(plan.verdict().inside()).isTrue();
		assertThat(plan.verdict().warning()).isTrue();
		assertThat(plan.nearest()).isEqualTo(Instant.parse("2026-11-25T13:00:03Z"));
		assertThat(plan.reasons().get(2)).isEqualTo("But WAL index 00000034 is missing (the inventory's last walk): "
				+ "Litestream may, if the WAL uploaded by then reaches it, stop with \"missing WAL index: "
				+ "c9802732cb14c102/00000034\".");
		assertThat(plan.reasons().get(3)).isEqualTo("From 2026-11-25 13:00:03 UTC on (snapshot 00000036, past the "
				+ "gap) the replay is whole again; or choose 2026-11-25 12:00:03 UTC, before the replay reaches the gap.");
		// From the next snapshot on the gap lies behind.
		assertThat(plan(gapped, "2026-11-25T13:30:00Z").verdict()).isEqualTo(Verdict.INSIDE);
	}

	@Test
	void aGapInAnExactRangeStopsTheRestore() {
		RestorePlan plan = plan(production(List.of(new IndexGap(58, 58))), "2026-11-25T14:51:58Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.WAL_GAP);
		assertThat(plan.reasons().get(2))
			.contains("Litestream would stop with \"missing WAL index: " + "c9802732cb14c102/0000003a\"");
		assertThat(plan.nearest()).isEqualTo(Instant.parse("2026-11-25T14:00:03Z"));
	}

	@Test
	void withoutTheAccessorysListTheInventorysSnapshotsAreUsed() {
		DatabaseStatus down = database(RestoreFixtures.litestream(List.of()),
				RestoreFixtures.replica(RestoreFixtures.inventory(List.of()), RestoreFixtures.ends()));

		RestorePlan plan = plan(down, "2026-11-25T12:30:00Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.INSIDE);
		assertThat(plan.snapshot().index()).isEqualTo(51);
	}

	@Test
	void withNoSnapshotListAtAllLitestreamIsLeftToJudge() {
		DatabaseStatus blind = database(RestoreFixtures.litestream(List.of()),
				RestoreFixtures.replica(null, RestoreFixtures.ends()));

		RestorePlan plan = plan(blind, "2026-11-25T12:30:00Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.UNCHECKED);
		assertThat(plan.verdict().inside()).isTrue();
		assertThat(plan.generation()).isEqualTo(CURRENT);
		assertThat(plan.snapshot()).isNull();
	}

	@Test
	void withoutInventoryTheSnapshotsBoundTheWalAndContinuityIsUnknown() {
		ReplicaStatus replica = RestoreFixtures.replica(null, RestoreFixtures.ends());
		replica = ReplicaStatuses.copyOf(replica)
			.restoreBasis("snapshots; WAL continuity not yet checked (inventory 40% through its first pass)")
			.inventory(null)
			.build();

		RestorePlan plan = plan(database(RestoreFixtures.litestream(RestoreFixtures.snapshots()), replica),
				"2026-11-24T15:00:00Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.INSIDE);
		// The old generation: its last snapshot, nothing bounds the WAL.
		assertThat(plan.wal()).isEqualTo(new WalRange(12, null, false));
		assertThat(plan.reasons()).last()
			.isEqualTo("Whether every WAL index is there is not known yet: snapshots; WAL continuity not yet checked "
					+ "(inventory 40% through its first pass).");
	}

	@Test
	void nothingStoredIsNoBackup() {
		DatabaseStatus empty = database(RestoreFixtures.litestream(List.of()), RestoreFixtures.replica(null, Map.of()));

		RestorePlan plan = plan(empty, "2026-11-25T12:30:00Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.NO_BACKUP);
		assertThat(plan.spans()).isEmpty();
		assertThat(RestorePlanner.newestRestorable(empty, empty.replicas().get(0))).isNull();
	}

	@Test
	void theSpansAreEachGenerationFromItsOldestSnapshotNewestFirst() {
		assertThat(plan(db, "2026-11-25T12:30:00Z").spans()).containsExactly(
				new Span(CURRENT, Instant.parse("2026-11-24T19:00:03Z"), CURRENT_END, true),
				new Span(OLD, Instant.parse("2026-11-24T10:00:01Z"), OLD_END, false));
	}

	/**
	 * The WAL still at the newest snapshot's index 57 (no checkpoint since 14:00:03): the
	 * hourly snapshot at 15:00:03 rewrites 00000039.snapshot.lz4 and moves its time on.
	 */
	@Test
	void aTimeOnTheNewestSnapshotStillAtTheWalsIndexLastsUntilTheNextSnapshot() {
		WalSegment sameIndex = new WalSegment(CURRENT, 57, 4152, 120, CURRENT_END);
		DatabaseStatus quiet = database(RestoreFixtures.litestream(RestoreFixtures.snapshots()),
				RestoreFixtures.replica(RestoreFixtures.replicaConfig(), RestoreFixtures.inventory(List.of()),
						RestoreFixtures.ends(), sameIndex));

		RestorePlan plan = plan(quiet, "2026-11-25T14:30:00Z");

		assertThat(plan.verdict()).isEqualTo(Verdict.INSIDE);
		assertThat(plan.snapshot().index()).isEqualTo(57);
		assertThat(plan.restorableUntil()).isEqualTo(Instant.parse("2026-11-25T15:00:03Z"));
		assertThat(plan.reasons()).last()
			.isEqualTo("Snapshot 57 is this generation's newest and its WAL is still at that index, so Litestream's "
					+ "next snapshot (every 1h0m0s by its snapshot-interval) writes the same object again, about "
					+ "2026-11-25 15:00:03 UTC. From then on no earlier time can be restored, unless the WAL has "
					+ "moved to a new index first: if you need this one, restore it before then.");
		// An older snapshot is never rewritten: the next one is taken at index 57 or
		// later.
		assertThat(plan(quiet, "2026-11-25T13:30:00Z").restorableUntil()).isNull();
	}

	@Test
	void withoutASnapshotIntervalRetentionTakesTheNextSnapshotAtTheSameIndex() {
		ReplicaConfig c = RestoreFixtures.replicaConfig();
		ReplicaConfig noInterval = new ReplicaConfig(c.name(), c.type(), c.url(), c.bucket(), c.path(), c.endpoint(),
				c.region(), c.forcePathStyle(), c.skipVerify(), c.credentials(), c.syncInterval(), Duration.ZERO,
				Duration.ofHours(24), c.retentionCheckInterval(), c.validationInterval(), c.line(), c.settingLines());
		DatabaseStatus quiet = database(RestoreFixtures.litestream(RestoreFixtures.snapshots()),
				RestoreFixtures.replica(noInterval, RestoreFixtures.inventory(List.of()), RestoreFixtures.ends(),
						new WalSegment(CURRENT, 57, 4152, 120, CURRENT_END)));

		RestorePlan plan = plan(quiet, "2026-11-25T14:30:00Z");

		assertThat(plan.restorableUntil()).isEqualTo(Instant.parse("2026-11-26T14:00:03Z"));
		assertThat(plan.reasons().get(plan.reasons().size() - 1))
			.contains("(once its retention of 24h0m0s finds no younger one)");
	}

	@Test
	void aWalPastTheNewestSnapshotsIndexLeavesItInPlace() {
		assertThat(plan(db, "2026-11-25T14:30:00Z").restorableUntil()).isNull();
	}

}
