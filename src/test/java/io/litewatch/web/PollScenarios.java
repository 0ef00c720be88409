package io.litewatch.web;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.litewatch.config.DbConfig;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.config.LtxSettings;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.s3.LtxFile;
import io.litewatch.s3.LtxListing;
import io.litewatch.docker.ContainerState;
import io.litewatch.docker.EngineInfo;
import io.litewatch.health.AccessoryDatabases;
import io.litewatch.health.AccessoryState;
import io.litewatch.health.ConfigObservation;
import io.litewatch.health.DatabaseObservation;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.DbFileState;
import io.litewatch.health.DrillObservation;
import io.litewatch.health.Diagnosis;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.PollEvaluator;
import io.litewatch.health.PollObservation;
import io.litewatch.health.ReplicaEvaluator;
import io.litewatch.health.ReplicaObservation;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.testsupport.ReplicaStatuses;
import io.litewatch.inventory.GenerationTally;
import io.litewatch.inventory.InventoryFigures;
import io.litewatch.inventory.InventoryPass;
import io.litewatch.inventory.ReplicaInventory;
import io.litewatch.inventory.RetentionDeletion;
import io.litewatch.poll.ConfigState;
import io.litewatch.poll.PollResult;
import io.litewatch.s3.GenerationListing;
import io.litewatch.s3.ReplicaListing;
import io.litewatch.s3.SnapshotObject;
import io.litewatch.s3.WalSegment;
import io.litewatch.s3.WalStats;

/**
 * Polls as the page receives them, made by the real {@link PollEvaluator} from
 * observations (what S3 listed, the file's mtime, the container's state), so the causes
 * and what they hold back are the production rules, not a guess of them.
 */
final class PollScenarios {

	/** 14:52 UTC: a snapshot made at 14:00 with an hourly interval is due at 15:00. */
	static final Instant NOW = Instant.parse("2026-11-25T14:52:00Z");

	static final Path CONFIG = Path.of("/etc/litestream.yml");

	static final String GENERATION = "00fbc4bd93036238";

	/** Litewatch's defaults, bound as at startup: lag warns above 1s × 3 + 10s = 13s. */
	static final LitewatchProperties PROPERTIES = new Binder(new MapConfigurationPropertySource(Map.of()))
		.bindOrCreate("litewatch", LitewatchProperties.class);

	static final AccessoryState RUNNING = accessory(container("running", true));

	static final AccessoryState STOPPED = accessory(container("exited", false));

	private PollScenarios() {
	}

	static ContainerState container(String status, boolean running) {
		return new ContainerState("myapp-litestream", true, status, running, false, 0, NOW.minusSeconds(7200),
				running ? null : NOW.minusSeconds(90), running ? null : 1, "litestream");
	}

	static AccessoryState accessory(ContainerState state) {
		return new AccessoryState("unix:///var/run/docker.sock", "myapp-litestream",
				new EngineInfo("27.3.1", "1.47", "1.24", "1.47"), state, "v0.3.13", null);
	}

	/** sync 1s, snapshots every hour, 24h retention checked hourly. */
	static ReplicaConfig replicaConfig(String db) {
		return new ReplicaConfig("s3", "s3", "s3://backups/" + db, "backups", db, "http://127.0.0.1:9000", "us-east-1",
				true, false, null, Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(24),
				Duration.ofHours(1), Duration.ZERO, 5, java.util.Map.of("snapshot-interval", 7));
	}

	static DbConfig dbConfig(String name) {
		return new DbConfig("/rails/storage/" + name + ".sqlite3", name,
				"/rails/storage/." + name + ".sqlite3-litestream", Duration.ofSeconds(1), Duration.ofMinutes(1),
				List.of(replicaConfig(name)), 3);
	}

	/**
	 * A database whose replica is {@code lag} behind its file and whose newest snapshot
	 * is {@code snapshotAge} old; the oldest snapshot is 20h old.
	 */
	static DatabaseObservation database(String name, Duration lag, Duration snapshotAge) {
		DbConfig config = dbConfig(name);
		Instant fileChanged = NOW.minusSeconds(2);
		Instant oldest = NOW.minus(Duration.ofHours(20));
		Instant newest = NOW.minus(snapshotAge);
		WalStats wal = WalStats.EMPTY.plus(new WalSegment(GENERATION, 0, 0, 100, oldest))
			.plus(new WalSegment(GENERATION, 7, 4152, 120, fileChanged.minus(lag)));
		GenerationListing generation = GenerationListing.of(GENERATION, List
			.of(new SnapshotObject(GENERATION, 0, 1000, oldest), new SnapshotObject(GENERATION, 7, 1000, newest)), wal);
		return DatabaseObservation.collected(config, new DbFileState(true, 4096, fileChanged, null),
				new LitestreamView(NOW.minusSeconds(60), List.of(), NOW.minusSeconds(60), List.of(), List.of(), null),
				List.of(ReplicaObservation.listed(config.replicas().get(0),
						new ReplicaListing(List.of(generation), 3, false, NOW))));
	}

	/**
	 * A database Litestream 0.5 replicates (default settings): a snapshot at TXID 0x100
	 * 40 min ago, L1 up to 0x120, L0 up to 0x123 uploaded 2s ago, and the database at
	 * 0x123 by {@code litestream status}.
	 */
	static DatabaseObservation ltxHealthy(String name) {
		ReplicaConfig base = replicaConfig(name);
		ReplicaConfig replica = new ReplicaConfig(base.name(), base.type(), base.url(), base.bucket(), base.path(),
				base.endpoint(), base.region(), true, false, null, Duration.ofSeconds(1), Duration.ofHours(24),
				Duration.ofHours(24), Duration.ofHours(24), Duration.ZERO, 5, Map.of(), LtxSettings.defaults());
		DbConfig db = dbConfig(name);
		DbConfig config = new DbConfig(db.path(), db.name(), db.metaPath(), db.monitorInterval(),
				db.checkpointInterval(), List.of(replica), db.line());
		java.util.TreeMap<Integer, List<LtxFile>> levels = new java.util.TreeMap<>();
		levels.put(9, List.of(new LtxFile(9, 1, 0x100, 40_000, NOW.minus(Duration.ofMinutes(40)))));
		levels.put(1, List.of(new LtxFile(1, 0x101, 0x120, 2_000, NOW.minusSeconds(20))));
		levels.put(0, List.of(new LtxFile(0, 0x121, 0x121, 300, NOW.minusSeconds(4)),
				new LtxFile(0, 0x122, 0x123, 310, NOW.minusSeconds(2))));
		LtxListing listing = new LtxListing(levels, Map.of(0, NOW, 1, NOW, 9, NOW), true, List.of(), 0, 2, false, NOW);
		return DatabaseObservation.collected(config, new DbFileState(true, 4096, NOW.minusSeconds(2), null),
				LitestreamView.of05(new LitestreamView.LocalStatus(0x123L, "ok", NOW), null),
				List.of(ReplicaObservation.listed(replica, listing)));
	}

	/** Lag 3s, newest snapshot 52 min old: OK. */
	static DatabaseObservation healthy(String name) {
		return database(name, Duration.ofSeconds(3), Duration.ofMinutes(52));
	}

	/** Lag 15s, above the 13s warning, below the 20s critical limit. */
	static DatabaseObservation lagging(String name) {
		return database(name, Duration.ofSeconds(15), Duration.ofMinutes(52));
	}

	/** Newest snapshot 3h old, past twice the hourly interval: critical. */
	static DatabaseObservation snapshotOverdue(String name) {
		return database(name, Duration.ofSeconds(3), Duration.ofHours(3));
	}

	/**
	 * The same poll with the first replica's inventory (and the window's basis) as the
	 * background walk would have left them: 30,000 WAL segments counted, retention seen
	 * removing 10,000, the next pass 62% through.
	 */
	static PollResult withInventory(PollResult poll, boolean complete) {
		GenerationTally tally = new GenerationTally(GENERATION, List.of(), 2, 30_000, 30_000L * 4152, 0L, 29_999L,
				NOW.minus(Duration.ofHours(20)), NOW.minusSeconds(5), List.of(), 0, "wal/29999", 0);
		InventoryFigures figures = new InventoryFigures(NOW.minus(Duration.ofMinutes(10)),
				NOW.minus(Duration.ofMinutes(3)), 32, List.of(tally),
				new RetentionDeletion(NOW.minus(Duration.ofMinutes(3)), 10_000, 1, List.of()));
		InventoryPass pass = new InventoryPass(NOW.minusSeconds(60), 5, List.of(GENERATION), 0, true, List.of(), null);
		ReplicaInventory inventory = new ReplicaInventory(pass, complete ? figures : null, 0.62, null, null);
		DatabaseStatus db = poll.databases().get(0);
		ReplicaStatus r = db.replicas().get(0);
		ReplicaStatus walked = ReplicaStatuses.copyOf(r)
			.restoreBasis(complete ? "inventory" : r.restore().basis())
			.inventory(inventory)
			.build();
		List<DatabaseStatus> databases = new java.util.ArrayList<>(poll.databases());
		databases.set(0, new DatabaseStatus(db.config(), db.status(), db.findings(), db.file(), db.litestream(),
				List.of(walked), db.heldBy()));
		return new PollResult(poll.sequence(), poll.checkedAt(), poll.duration(), poll.status(), poll.findings(),
				poll.config(), poll.accessory(), databases, poll.held());
	}

	static PollResult poll(AccessoryState accessory, DatabaseObservation... databases) {
		return poll(accessory, null, databases);
	}

	/**
	 * @param drills each database's restore drills by name, as the drill runner hands
	 * them to a poll; null or no entry: drills off
	 */
	static PollResult poll(AccessoryState accessory, Map<String, DrillObservation> drills,
			DatabaseObservation... databases) {
		PollObservation observation = new PollObservation(
				new ConfigObservation(CONFIG, null, true, NOW.minus(Duration.ofDays(1)), List.of()), accessory,
				AccessoryDatabases.notAsked(), Arrays.asList(databases), null, null, drills);
		Diagnosis d = new PollEvaluator(new ReplicaEvaluator(PROPERTIES.health())).evaluate(observation, Map.of(), NOW);
		return new PollResult(7, NOW.minusSeconds(3), Duration.ofMillis(850), d.status(), d.findings(),
				new ConfigState(CONFIG, true, 0, null, NOW.minus(Duration.ofDays(1)), false), accessory, d.databases(),
				d.held());
	}

}
