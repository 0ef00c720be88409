package io.litewatch.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.litewatch.drill.DrillRunner;
import io.litewatch.s3.S3ClientFactory;
import io.litewatch.s3.S3Location;
import io.litewatch.testsupport.FaultProxy;
import io.litewatch.testsupport.LitestreamContainer;
import io.litewatch.testsupport.LitewatchApp;
import io.litewatch.testsupport.LitewatchApp.Json;
import io.litewatch.testsupport.ReplicationStack;
import io.litewatch.testsupport.SqliteWriter;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What goes wrong around a Litestream 0.5.17 accessory, on the real stack: 0.3 keys the
 * running 0.5 ignores, a bucket holding both formats after an upgrade, uploads that stop
 * while the listing stays fine (the silent stall), a restore drill after the snapshot
 * level is gone, and a second writer on the same replica path. Litestream reaches S3
 * through a {@link FaultProxy}; Litewatch reads a copy of the same litestream.yml that
 * points at s3proxy itself, so cutting the proxy stops only the uploads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Litestream05FaultsIT {

	private static final Logger log = LoggerFactory.getLogger(Litestream05FaultsIT.class);

	static final Duration POLL = Duration.ofSeconds(2);

	static final List<String> DATABASES = List.of("production", "queue", "cache");

	/** 0.3 keys under a 0.5 replica: 0.5.17 starts with them and uses neither. */
	static final String QUEUE_03_KEYS = """
			retention: 24h
			snapshot-interval: 1h""";

	private FaultProxy uploads;

	private ReplicationStack stack;

	private Path litewatchConfig;

	private LitewatchApp app;

	private S3ClientFactory clients;

	private final List<AutoCloseable> extra = new ArrayList<>();

	@BeforeAll
	void startStack() throws Exception {
		stack = new ReplicationStack(LitestreamContainer.Version.V0_5_17, """
				snapshot:
				  interval: 1h
				  retention: 2h
				levels:
				  - interval: 10s
				  - interval: 30s
				l0-retention: 30s""",
				List.of(new ReplicationStack.Db("production", Duration.ofMillis(250), "sync-interval: 1s"),
						new ReplicationStack.Db("queue", Duration.ofMillis(700), QUEUE_03_KEYS),
						new ReplicationStack.Db("cache", Duration.ofSeconds(1), "sync-interval: 1s")),
				(s3) -> {
					uploads = FaultProxy.toLoopbackPort(s3.port()).start();
					return uploads.httpEndpoint();
				});
		litewatchConfig = stack.work().resolve("litewatch-litestream.yml");
		Files.writeString(litewatchConfig, stack.validConfig().replace(uploads.httpEndpoint(), stack.s3().endpoint()));
		assertThat(Litestream05EndToEndIT.BINARY05).isExecutable();
		clients = new S3ClientFactory(Duration.ofSeconds(5));
		app = new LitewatchApp("--litewatch.litestream-config=" + litewatchConfig,
				"--litewatch.data-dir=" + stack.work().resolve("litewatch-data"),
				"--litewatch.poll-interval=" + POLL.toSeconds() + "s",
				"--litewatch.docker.container=" + stack.litestream().name(), "--litewatch.docker.exec-timeout=5s",
				"--litewatch.s3.api-call-timeout=3s", "--litewatch.drills.binary05=" + Litestream05EndToEndIT.BINARY05,
				// Drills only when a test asks for one.
				"--litewatch.drills.first-delay=1h", "--litewatch.drills.jitter=0s", "--litewatch.drills.interval=24h");
	}

	@AfterAll
	void stopStack() throws Exception {
		for (AutoCloseable c : extra) {
			c.close();
		}
		if (app != null) {
			app.close();
		}
		if (clients != null) {
			clients.close();
		}
		if (stack != null) {
			log.info("stack under {} (litestream.yml, container log, s3proxy blobs)", stack.work());
			stack.close();
		}
		if (uploads != null) {
			uploads.close();
		}
	}

	@Test
	@Order(1)
	void the03KeysThat05IgnoresAreNamedWithTheirLines() throws Exception {
		int retentionLine = lineOf(stack.validConfig(), "      retention: 24h");
		int intervalLine = lineOf(stack.validConfig(), "      snapshot-interval: 1h");
		Json status = app.awaitStatus(Duration.ofSeconds(60), "every replica listed, queue's 0.3 keys named",
				(s) -> s.strings("$.databases[*].replicas[*].ltx.replicatedTxid").size() == DATABASES.size()
						&& s.strings("$.databases[1].findings[*].code").contains("CONFIG_SUSPICIOUS"));
		assertThat(status.read("$.accessory.running", Boolean.class)).as("0.5.17 started with them").isTrue();
		List<String> messages = status.strings("$.databases[1].findings[?(@.code == 'CONFIG_SUSPICIOUS')].message");
		assertThat(messages).anySatisfy((m) -> assertThat(m).contains("line " + retentionLine + ": `retention`")
			.contains("Litestream 0.5 silently ignores"));
		assertThat(messages).anySatisfy((m) -> assertThat(m).contains("line " + intervalLine + ": `snapshot-interval`")
			.contains("Litestream 0.5 silently ignores"));
		assertThat(status.strings("$.databases[0].findings[*].code")).doesNotContain("CONFIG_SUSPICIOUS");
		assertThat(status.read("$.databases[1].replicas[0].layout", String.class)).isEqualTo("0.5");
	}

	/**
	 * An upgrade from 0.3 leaves its generations under the same path: the real 0.3.13
	 * binary replicates an older copy of cache there, then stops, as the old accessory
	 * did before 0.5 took over.
	 */
	@Test
	@Order(2)
	void aPathHoldingBoth03GenerationsAndLtxFilesShowsBoth() throws Exception {
		Path old = Files.createDirectories(stack.work().resolve("old-0.3"));
		try (SqliteWriter before = new SqliteWriter(old.resolve("cache.sqlite3"))) {
			before.write();
		}
		Path config = old.resolve("litestream.yml");
		Files.writeString(config, ReplicationStack.litestreamYaml(List.of(new ReplicationStack.Db("cache", null, null)),
				old, stack.s3().endpoint()));
		Path binary03 = Path.of("target/litestream/package/litestream").toAbsolutePath();
		ProcessBuilder replicate = new ProcessBuilder(binary03.toString(), "replicate", "-config", config.toString())
			.redirectErrorStream(true)
			.redirectOutput(old.resolve("litestream-0.3.log").toFile());
		replicate.environment().put("LITESTREAM_ACCESS_KEY_ID", ReplicationStack.ACCESS_KEY);
		replicate.environment().put("LITESTREAM_SECRET_ACCESS_KEY", ReplicationStack.SECRET);
		Process process = replicate.start();
		try {
			await("a 0.3 snapshot under cache/generations/").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptionsMatching((e) -> e instanceof IOException || e instanceof java.io.UncheckedIOException)
				.until(() -> Litestream05EndToEndIT.keys(stack.s3().blobDir().resolve("backups"))
					.getOrDefault("cache", List.of())
					.stream()
					.anyMatch((k) -> k.startsWith("generations/") && k.contains("/snapshots/")));
		}
		finally {
			process.destroy();
			process.waitFor(10, TimeUnit.SECONDS);
			process.destroyForcibly();
		}
		Json both = app.awaitStatus(Duration.ofSeconds(60), "cache's layout both",
				(s) -> "both".equals(s.read("$.databases[2].replicas[0].layout", String.class)));
		assertThat(both.read("$.databases[2].replicas[0].ltx.replicatedTxid", String.class)).matches("[0-9a-f]{16}");
		Json ok = app.awaitStatus(Duration.ofSeconds(30), "cache ok with both formats",
				(s) -> "ok".equals(s.read("$.databases[2].status", String.class)));
		assertThat(ok.read("$.databases[2].replicas[0].layout", String.class)).isEqualTo("both");
		assertThat(app.get("/databases/cache").body()).contains("Litestream 0.3 generations from before the upgrade");
	}

	/**
	 * Litestream keeps syncing locally but no upload gets through; every listing
	 * Litewatch makes still succeeds, so only the TXIDs tell.
	 */
	@Test
	@Order(4)
	void uploadsThatStopWhileTheListingIsFineAreAStaleReplica() throws Exception {
		app.awaitStatus(Duration.ofSeconds(30), "production ok before the stall",
				(s) -> "ok".equals(s.read("$.databases[0].status", String.class)));
		Instant cut = Instant.now();
		uploads.stop();
		Json stale;
		try {
			stale = app.awaitStatus(Duration.ofSeconds(60), "production REPLICA_STALE while uploads fail",
					(s) -> s.strings("$.databases[0].replicas[0].findings[*].code").contains("REPLICA_STALE"));
			log.info("MEASURED 0.5 uploads cut -> REPLICA_STALE on production: {} ms (poll {}s, sync-interval 1s)",
					Duration.between(cut, Instant.now()).toMillis(), POLL.toSeconds());
			assertThat(stale.strings("$..findings[*].code")).doesNotContain("S3_UNREACHABLE", "ACCESSORY_DOWN");
			assertThat(stale.read("$.accessory.running", Boolean.class)).isTrue();
			assertThat(stale.strings("$.databases[0].replicas[0].findings[?(@.code == 'REPLICA_STALE')].message"))
				.singleElement()
				.asString()
				.contains("behind");
			Json critical = app.awaitStatus(Duration.ofSeconds(60), "503 once the lag passes the critical bound",
					(s) -> s.code() == 503);
			log.info("MEASURED 0.5 uploads cut -> 503: {} ms", Duration.between(cut, Instant.now()).toMillis());
			assertThat(critical.strings("$.databases[0].replicas[0].findings[*].code")).contains("REPLICA_STALE");
		}
		finally {
			uploads.start();
		}
		Instant restored = Instant.now();
		app.awaitStatus(Duration.ofSeconds(90), "production ok once uploads get through",
				(s) -> "ok".equals(s.read("$.databases[0].status", String.class)));
		log.info("MEASURED 0.5 uploads back -> production ok: {} ms",
				Duration.between(restored, Instant.now()).toMillis());
	}

	/**
	 * A drill passes, then the snapshot level is deleted along with the level files from
	 * TXID 1 (what retention deletes once a snapshot covers them): nothing starts the
	 * chain any more, Litewatch says so, and the next drill fails.
	 */
	@Test
	@Order(3)
	void aDrillAfterTheSnapshotLevelIsDeletedFails() throws Exception {
		Json passed = drill("queue");
		assertThat(passed.read("$.databases[1].drills.last[0].outcome", String.class)).isEqualTo("PASSED");

		S3Client s3 = clients.client(new S3Location(stack.s3().endpoint(), "us-east-1", true, false,
				ReplicationStack.ACCESS_KEY, ReplicationStack.SECRET, "backups", "queue"));
		List<ObjectIdentifier> gone = new ArrayList<>();
		s3.listObjectsV2Paginator((b) -> b.bucket("backups").prefix("queue/"))
			.contents()
			.stream()
			.filter((o) -> o.key().startsWith("queue/0009/") || o.key().contains("/0000000000000001-"))
			.forEach((o) -> gone.add(ObjectIdentifier.builder().key(o.key()).build()));
		assertThat(gone).isNotEmpty();
		s3.deleteObjects((b) -> b.bucket("backups").delete(Delete.builder().objects(gone).build()));
		log.info("deleted {} objects of queue: {}", gone.size(), gone.stream().map(ObjectIdentifier::key).toList());

		Json broken = app.awaitStatus(Duration.ofSeconds(60), "queue has nothing to restore from",
				(s) -> s.strings("$.databases[1].replicas[0].findings[*].code").contains("SNAPSHOT_OVERDUE")
						|| s.strings("$.databases[1].replicas[0].findings[*].code").contains("NO_GENERATION")
						|| s.strings("$.databases[1].replicas[0].findings[*].code").contains("WAL_GAP"));
		log.info("queue after the deletion: {}", broken.strings("$.databases[1].replicas[0].findings[*].message"));
		Json failed = drill("queue");
		assertThat(failed.read("$.databases[1].drills.last[0].outcome", String.class)).isEqualTo("FAILED");
		assertThat(failed.read("$.databases[1].drills.last[0].message", String.class)).isNotBlank();
		log.info("the failed drill says: {}", failed.read("$.databases[1].drills.last[0].message", String.class));
	}

	/**
	 * Another database (a second host, or a copy started by mistake) replicates to
	 * production's path with its own TXIDs.
	 */
	@Test
	@Order(5)
	void aSecondWriterOnTheSamePathIsSplitBrain() throws Exception {
		app.awaitStatus(Duration.ofSeconds(60), "production ok before the second writer",
				(s) -> "ok".equals(s.read("$.databases[0].status", String.class)));
		// A second host started from a copy of the database (not of Litestream's
		// state): 0.5 finds the replica ahead, takes its position, and goes on writing
		// the same TXIDs as the first.
		Path data = Files.createDirectories(stack.work().resolve("intruder"));
		try (java.sql.Connection c = java.sql.DriverManager
			.getConnection("jdbc:sqlite:" + stack.data().resolve("production.sqlite3"));
				java.sql.Statement st = c.createStatement()) {
			st.execute("VACUUM INTO '" + data.resolve("production.sqlite3") + "'");
		}
		SqliteWriter writer = new SqliteWriter(data.resolve("production.sqlite3"));
		extra.add(writer);
		writer.writeEvery(Duration.ofMillis(300));
		Path config = data.resolve("litestream.yml");
		Files.writeString(config,
				ReplicationStack.litestreamYaml(LitestreamContainer.Version.V0_5_17, null,
						List.of(new ReplicationStack.Db("production", null, "sync-interval: 1s")), data,
						stack.s3().endpoint()));
		LitestreamContainer second = new LitestreamContainer(LitestreamContainer.Version.V0_5_17, data, config,
				Map.of("LITESTREAM_ACCESS_KEY_ID", ReplicationStack.ACCESS_KEY, "LITESTREAM_SECRET_ACCESS_KEY",
						ReplicationStack.SECRET),
				null);
		extra.add(0, second);
		Instant started = Instant.now();
		second.start();
		Json split;
		try {
			split = app.awaitStatus(Duration.ofSeconds(90), "SPLIT_BRAIN on production",
					(s) -> s.strings("$.databases[0].replicas[0].findings[*].code").contains("SPLIT_BRAIN"));
		}
		finally {
			log.info("second writer's log:\n{}", second.logs());
		}
		log.info("MEASURED second 0.5 writer started -> SPLIT_BRAIN: {} ms",
				Duration.between(started, Instant.now()).toMillis());
		assertThat(split.code()).isEqualTo(503);
		assertThat(split.read("$.databases[0].status", String.class)).isEqualTo("critical");
		assertThat(split.strings("$.databases[1].replicas[0].findings[*].code")).doesNotContain("SPLIT_BRAIN");
		log.info("production with two writers: {}", split.strings("$.databases[0].replicas[0].findings[*].message"));
	}

	/** Asks for a drill of {@code db} and waits for its result. */
	private Json drill(String db) throws Exception {
		int index = DATABASES.indexOf(db);
		String at = "$.databases[" + index + "].drills.last[*].startedAt";
		List<String> before = app.status().strings(at);
		assertThat(app.bean(DrillRunner.class).request(db)).isEqualTo(DrillRunner.Request.QUEUED);
		return app.awaitStatus(Duration.ofSeconds(90), "a new drill of " + db,
				(s) -> !s.strings(at).isEmpty() && !s.strings(at).equals(before));
	}

	private static int lineOf(String text, String line) {
		List<String> lines = text.lines().toList();
		int at = lines.indexOf(line);
		assertThat(at).as("%s in%n%s", line, text).isNotNegative();
		return at + 1;
	}

}
