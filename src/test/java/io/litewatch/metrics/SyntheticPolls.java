package io.litewatch.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.litewatch.config.DbConfig;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.config.S3Credentials;
import io.litewatch.health.AccessoryState;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.DbFileState;
import io.litewatch.health.DrillObservation;
import io.litewatch.health.DrillObservation.ReplicaDrill;
import io.litewatch.health.Finding;
import io.litewatch.health.HealthStatus;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.testsupport.ReplicaStatuses;
import io.litewatch.inventory.GenerationTally;
import io.litewatch.inventory.InventoryFigures;
import io.litewatch.inventory.InventoryPass;
import io.litewatch.inventory.ReplicaInventory;
import io.litewatch.poll.ConfigState;
import io.litewatch.poll.PollResult;

/**
 * Polls built from the real records, with figures chosen so that each gauge and badge has
 * its own recognisable value. Shared by the metrics and badge tests.
 */
public final class SyntheticPolls {

	public static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

	public static final String GENERATION = "00fbc4bd93036238";

	/** A secret the config carries: it must never appear in a badge or a metric. */
	public static final String SECRET = "synthetic-secret-0123456789";

	private SyntheticPolls() {
	}

	public static ReplicaConfig replicaConfig(String name) {
		return new ReplicaConfig(name, "s3", "s3://backups/" + name, "backups", name, "http://127.0.0.1:9000",
				"us-east-1", true, false, new S3Credentials("synthetic-key", SECRET, "litestream.yml"),
				Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(1), Duration.ZERO,
				5);
	}

	/**
	 * A replica with lag as given (null: unknown), a snapshot 1,200.5 s old, a restore
	 * window of 20 h, 2 snapshots, 7 WAL segments of 4,152 bytes and 3 S3 requests.
	 */
	public static ReplicaStatus replica(String name, Duration lag, Finding... findings) {
		return replica(name, lag, null, findings);
	}

	public static ReplicaStatus replica(String name, Duration lag, ReplicaInventory inventory, Finding... findings) {
		Instant restoreFrom = T0.minus(Duration.ofHours(20));
		return ReplicaStatuses.replica(replicaConfig(name))
			.findings(findings)
			.lag(lag, "db-file")
			.lastSyncAt(T0.minusSeconds(2))
			.snapshots(T0.minusMillis(1_200_500), Duration.ofMillis(1_200_500), 2)
			.restore(restoreFrom, T0, "snapshots")
			.s3Requests(3)
			.inventory(inventory)
			.generation(GENERATION, 1, restoreFrom)
			.wal(7, 4152)
			.generationEnds(Map.of(GENERATION, T0.minusSeconds(2)))
			.generationFirstSeen(Map.of(GENERATION, restoreFrom))
			.build();
	}

	/**
	 * An inventory with a complete pass (120 WAL segments, 4,000,000 bytes, 3 gaps) and
	 * the next pass 40% done.
	 */
	public static ReplicaInventory inventory() {
		GenerationTally tally = new GenerationTally(GENERATION, List.of(), 2, 120, 4_000_000, 1L, 120L,
				T0.minus(Duration.ofHours(20)), T0, List.of(), 3, null, 0);
		InventoryFigures figures = new InventoryFigures(T0.minusSeconds(600), T0.minusSeconds(60), 40, List.of(tally),
				null);
		InventoryPass pass = new InventoryPass(T0.minusSeconds(30), 5, List.of(GENERATION), 0, true, List.of(), null);
		return new ReplicaInventory(pass, figures, 0.4, null, null);
	}

	public static DatabaseStatus database(String name, List<Finding> findings, ReplicaStatus... replicas) {
		List<ReplicaStatus> list = List.of(replicas);
		DbConfig config = new DbConfig("/data/" + name + ".db", name, "/data/." + name + ".db-litestream",
				Duration.ofSeconds(1), Duration.ofMinutes(1),
				Arrays.stream(replicas).map(ReplicaStatus::config).toList(), 3);
		return new DatabaseStatus(config, DatabaseStatus.worstOf(findings, list), findings,
				new DbFileState(true, 4096, T0.minusSeconds(3), null), LitestreamView.none("not asked"), list);
	}

	/**
	 * The database with restore drills: s3's newest passed 20 min ago in 1.25 s, 90,112
	 * bytes restored, RPO 0.5 s, its point-in-time restore passed; offsite's newest was
	 * refused, with no RPO and no point in time. The last passed drill started 20 min
	 * ago.
	 */
	public static DatabaseStatus withDrills(DatabaseStatus db) {
		Instant started = T0.minus(Duration.ofMinutes(20));
		DrillObservation drills = new DrillObservation(T0.minus(Duration.ofDays(2)), Duration.ofHours(24),
				Duration.ofMinutes(15), started,
				List.of(new ReplicaDrill("s3", started, "PASSED", Duration.ofMillis(1_250), 90_112, null,
						started.minusSeconds(3_600), "PASSED", null, Duration.ofMillis(500)),
						new ReplicaDrill("offsite", T0.minusSeconds(60), "REFUSED", Duration.ofMillis(4), 0,
								"not enough scratch space", null, null, null, null)),
				started.plus(Duration.ofHours(24)));
		return new DatabaseStatus(db.config(), db.status(), db.findings(), db.file(), db.litestream(), db.replicas(),
				db.heldBy(), drills);
	}

	public static DatabaseStatus database(String name, ReplicaStatus... replicas) {
		return database(name, List.of(), replicas);
	}

	public static PollResult poll(long sequence, Instant checkedAt, List<Finding> findings,
			DatabaseStatus... databases) {
		HealthStatus status = HealthStatus.of(findings);
		for (DatabaseStatus db : databases) {
			status = status.worse(db.status());
		}
		return new PollResult(sequence, checkedAt, Duration.ofMillis(850), status, findings,
				new ConfigState(Path.of("/etc/litestream.yml"), true, 0, null, T0.minus(Duration.ofDays(1)), false),
				new AccessoryState("unix:///var/run/docker.sock", "litestream", null, null, null, "not asked"),
				List.of(databases));
	}

	public static PollResult poll(long sequence, Instant checkedAt, DatabaseStatus... databases) {
		return poll(sequence, checkedAt, List.of(), databases);
	}

}
