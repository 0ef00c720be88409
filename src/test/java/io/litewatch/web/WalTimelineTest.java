package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.litewatch.docker.SnapshotRow;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.testsupport.ReplicaStatuses;
import io.litewatch.inventory.GenerationTally;
import io.litewatch.inventory.IndexGap;
import io.litewatch.inventory.InventoryFigures;
import io.litewatch.inventory.ReplicaInventory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WAL timeline: bands and ticks proportional to time, and what a restore to a time in
 * each stretch between snapshots replays.
 */
class WalTimelineTest {

	private static final Instant NOW = Instant.parse("2026-11-25T14:00:00Z");

	private static final String OLD = "1111111111111111";

	private static final String CURRENT = "2222222222222222";

	/** An old generation over the first 2 h of 10, the current one over the last 8 h. */
	private static ReplicaStatus replica(ReplicaInventory inventory) {
		Instant t0 = NOW.minus(Duration.ofHours(10));
		return ReplicaStatuses.replica(PollScenarios.replicaConfig("production"))
			.lag(Duration.ZERO, "db-file")
			.lastSyncAt(NOW)
			.snapshots(NOW.minus(Duration.ofHours(2)), Duration.ofHours(2), 3)
			.restore(t0, NOW, "snapshots")
			.s3Requests(3)
			.inventory(inventory)
			.generation(CURRENT, 2, NOW.minus(Duration.ofHours(8)))
			.previousGeneration(OLD, NOW.minus(Duration.ofHours(8)))
			.wal(10, 40_000)
			.generationEnds(Map.of(OLD, t0.plus(Duration.ofHours(2)), CURRENT, NOW))
			.generationFirstSeen(Map.of(OLD, t0, CURRENT, NOW.minus(Duration.ofHours(8))))
			.build();
	}

	private static final List<SnapshotRow> SNAPSHOTS = List.of(
			new SnapshotRow("s3", OLD, 0, 4096, NOW.minus(Duration.ofHours(10))),
			new SnapshotRow("s3", CURRENT, 0, 8192, NOW.minus(Duration.ofHours(8))),
			new SnapshotRow("s3", CURRENT, 40, 9000, NOW.minus(Duration.ofHours(2))));

	@Test
	void generationsAreBandsAndSnapshotsTicksProportionalToTime() {
		WalTimeline t = WalTimeline.of(replica(null), List.of(), SNAPSHOTS, NOW);

		assertThat(t.from().iso()).isEqualTo("2026-11-25T04:00:00Z");
		// 10 h over 600 units: the old generation spans 0–120, the current one 120–600.
		assertThat(t.bands()).extracting(WalTimeline.Band::css, WalTimeline.Band::x, WalTimeline.Band::width)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("generation", "0", "120"),
					org.assertj.core.groups.Tuple.tuple("generation current", "120", "480"));
		assertThat(t.ticks()).extracting(WalTimeline.Tick::x).containsExactly("480", "120", "0");
		assertThat(t.window().x()).isEqualTo("0");
		assertThat(t.window().width()).isEqualTo("600");
		assertThat(t.label()).isEqualTo("WAL timeline: 2 generations, 3 snapshots, restore window 10 h");
	}

	@Test
	void eachStretchSaysWhichSnapshotAndWalIndexesARestoreUsesNewestFirst() {
		WalTimeline t = WalTimeline.of(replica(null), List.of(), SNAPSHOTS, NOW);

		assertThat(t.stretches()).extracting(WalTimeline.Stretch::snapshotIndex, WalTimeline.Stretch::wal)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(40L, "WAL index 40 on"),
					org.assertj.core.groups.Tuple.tuple(0L, "WAL indexes 0–39"),
					org.assertj.core.groups.Tuple.tuple(0L, "WAL index 0 on"));
		WalTimeline.Stretch newest = t.stretches().get(0);
		assertThat(newest.current()).isTrue();
		assertThat(newest.from().iso()).isEqualTo("2026-11-25T12:00:00Z");
		assertThat(newest.to().iso()).isEqualTo("2026-11-25T14:00:00Z");
		assertThat(t.stretches().get(2).to().iso()).isEqualTo("2026-11-25T06:00:00Z");
	}

	@Test
	void anInventoryGapMarksTheStretchARestoreCannotCross() {
		GenerationTally tally = new GenerationTally(CURRENT, List.of(), 2, 500, 2_000_000, 0L, 55L,
				NOW.minus(Duration.ofHours(8)), NOW, List.of(new IndexGap(20, 21)), 1, null, 0);
		ReplicaInventory inventory = new ReplicaInventory(null,
				new InventoryFigures(NOW.minusSeconds(600), NOW.minusSeconds(60), 30, List.of(tally), null), 0, null,
				null);

		WalTimeline t = WalTimeline.of(replica(inventory), List.of(), SNAPSHOTS, NOW);

		assertThat(t.stretches()).extracting(WalTimeline.Stretch::wal, WalTimeline.Stretch::gap)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("WAL indexes 40–55", null),
					org.assertj.core.groups.Tuple.tuple("WAL indexes 0–39",
							"index 20–21 missing: a restore to a time after index 19 from this snapshot fails "
									+ "(missing WAL index)"),
					org.assertj.core.groups.Tuple.tuple("WAL index 0 on", null));
		assertThat(t.label()).endsWith(", 1 stretch with an index gap");
	}

	@Test
	void nothingListedYetDrawsNothing() {
		ReplicaStatus empty = ReplicaStatuses.replica(PollScenarios.replicaConfig("production")).build();

		assertThat(WalTimeline.of(empty, List.of(), List.of(), NOW)).isNull();
	}

}
