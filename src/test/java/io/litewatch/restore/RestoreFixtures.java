package io.litewatch.restore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.litewatch.config.DbConfig;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.docker.GenerationRow;
import io.litewatch.docker.SnapshotRow;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.DbFileState;
import io.litewatch.health.HealthStatus;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.testsupport.ReplicaStatuses;
import io.litewatch.inventory.GenerationTally;
import io.litewatch.inventory.IndexGap;
import io.litewatch.inventory.InventoryFigures;
import io.litewatch.inventory.ReplicaInventory;
import io.litewatch.inventory.SnapshotMark;
import io.litewatch.s3.WalSegment;

/**
 * A Rails app's production database as a poll leaves it at 14:52 UTC, with an hourly
 * snapshot-interval and two generations kept:
 * <ul>
 * <li>{@code 00fbc4bd93036238}, the older: 2026-11-24 10:00:01 (snapshot 0) to 18:40:12
 * (snapshot 12 at 14:00:02, WAL up to index 20); Litestream was stopped, and its WAL
 * replaced, at 18:40;
 * <li>{@code c9802732cb14c102}, the current: its first WAL at 18:59:58, then a snapshot
 * every hour at hh:00:03 from 19:00:03 (index 0, 3, 6 … 57 at 14:00:03), its newest
 * segment index 59 at 14:51:58.
 * </ul>
 */
final class RestoreFixtures {

	static final Instant NOW = Instant.parse("2026-11-25T14:52:00Z");

	static final String OLD = "00fbc4bd93036238";

	static final String CURRENT = "c9802732cb14c102";

	static final Instant OLD_END = Instant.parse("2026-11-24T18:40:12Z");

	static final Instant CURRENT_START = Instant.parse("2026-11-24T18:59:58Z");

	static final Instant CURRENT_END = Instant.parse("2026-11-25T14:51:58Z");

	static final String DB_PATH = "/rails/storage/production.sqlite3";

	private RestoreFixtures() {
	}

	static ReplicaConfig replicaConfig() {
		return new ReplicaConfig("s3", "s3", "s3://backups/production", "backups", "production",
				"http://127.0.0.1:9000", "us-east-1", true, false, null, Duration.ofSeconds(1), Duration.ofHours(1),
				Duration.ofHours(72), Duration.ofHours(1), Duration.ZERO, 5);
	}

	static DbConfig dbConfig() {
		return new DbConfig(DB_PATH, "production", "/rails/storage/.production.sqlite3-litestream",
				Duration.ofSeconds(1), Duration.ofMinutes(1), List.of(replicaConfig()), 3);
	}

	static List<SnapshotRow> snapshots() {
		List<SnapshotRow> rows = new ArrayList<>();
		rows.add(new SnapshotRow("s3", OLD, 0, 40_960, Instant.parse("2026-11-24T10:00:01Z")));
		rows.add(new SnapshotRow("s3", OLD, 12, 41_200, Instant.parse("2026-11-24T14:00:02Z")));
		for (int k = 0; k < 20; k++) {
			rows.add(new SnapshotRow("s3", CURRENT, 3L * k, 42_000 + k,
					Instant.parse("2026-11-24T19:00:03Z").plus(Duration.ofHours(k))));
		}
		return rows;
	}

	static LitestreamView litestream(List<SnapshotRow> snapshots) {
		return new LitestreamView(NOW.minusSeconds(3), snapshots, null, List.<GenerationRow>of(), List.of(), null);
	}

	static ReplicaInventory inventory(List<IndexGap> currentGaps) {
		GenerationTally old = new GenerationTally(OLD,
				List.of(new SnapshotMark(0, Instant.parse("2026-11-24T10:00:01Z")),
						new SnapshotMark(12, Instant.parse("2026-11-24T14:00:02Z"))),
				2, 900, 900L * 4152, 0L, 20L, Instant.parse("2026-11-24T10:00:00Z"), OLD_END, List.of(), 0,
				"wal/00000014_00001038.wal.lz4", 0);
		List<SnapshotMark> marks = snapshots().stream()
			.filter((s) -> s.generation().equals(CURRENT))
			.map((s) -> new SnapshotMark(s.index(), s.created()))
			.toList();
		GenerationTally current = new GenerationTally(CURRENT, marks, marks.size(), 4_100, 4_100L * 4152, 0L, 59L,
				CURRENT_START, CURRENT_END, currentGaps, currentGaps.size(), "wal/0000003b_00001038.wal.lz4", 0);
		InventoryFigures figures = new InventoryFigures(NOW.minus(Duration.ofMinutes(20)),
				NOW.minus(Duration.ofMinutes(12)), 14, List.of(old, current), null);
		return new ReplicaInventory(null, figures, 0, null, null);
	}

	static ReplicaStatus replica(ReplicaInventory inventory, Map<String, Instant> ends) {
		return replica(replicaConfig(), inventory, ends, new WalSegment(CURRENT, 59, 4152, 120, CURRENT_END));
	}

	static ReplicaStatus replica(ReplicaConfig config, ReplicaInventory inventory, Map<String, Instant> ends,
			WalSegment newest) {
		return ReplicaStatuses.replica(config)
			.lag(Duration.ofSeconds(-1), "db-file")
			.lastSyncAt(CURRENT_END)
			.snapshots(Instant.parse("2026-11-25T14:00:03Z"), Duration.ofMinutes(52), 22)
			.restore(Instant.parse("2026-11-24T19:00:03Z"), CURRENT_END, inventory == null ? "snapshots" : "inventory")
			.s3Requests(2)
			.inventory(inventory)
			.generation(CURRENT, ends.size(), CURRENT_START)
			.previousGeneration(OLD, Instant.parse("2026-11-24T19:00:05Z"))
			.wal(12, 12L * 4152)
			.generationEnds(ends)
			.generationFirstSeen(Map.of(OLD, Instant.parse("2026-11-24T10:00:00Z"), CURRENT, CURRENT_START))
			.newestWal(newest)
			.build();
	}

	static Map<String, Instant> ends() {
		return Map.of(OLD, OLD_END, CURRENT, CURRENT_END);
	}

	/** The database with both generations listed, the snapshots and a complete walk. */
	static DatabaseStatus production(List<IndexGap> gaps) {
		return database(litestream(snapshots()), replica(inventory(gaps), ends()));
	}

	static DatabaseStatus database(LitestreamView litestream, ReplicaStatus replica) {
		return new DatabaseStatus(dbConfig(), HealthStatus.OK, List.of(), new DbFileState(true, 1 << 20, NOW, null),
				litestream, List.of(replica));
	}

}
