package io.litewatch.drill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.litewatch.config.DbConfig;
import io.litewatch.config.LitestreamConfig;
import io.litewatch.config.LitestreamConfigParser;
import io.litewatch.docker.ExecResult;
import io.litewatch.docker.LocalAccessory;
import io.litewatch.drill.DrillResult.Outcome;
import io.litewatch.testsupport.ReplicationStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restore drills on the real stack: Litestream 0.3.13 in its container replicating two
 * written-to databases to s3proxy, and the same binary run by Litewatch (as the image
 * ships it) restoring them into a scratch directory.
 */
class RestoreDrillIT {

	private static final Logger log = LoggerFactory.getLogger(RestoreDrillIT.class);

	private static final Path BINARY = Path.of("target/litestream/package/litestream").toAbsolutePath();

	static ReplicationStack stack;

	static LocalAccessory litestream;

	static LitestreamConfig config;

	static Path scratch;

	@BeforeAll
	static void replicate() throws Exception {
		assertThat(BINARY).as("run ./mvnw generate-test-resources").isExecutable();
		// A Rails 8 app's four databases, three written to at their own pace and cable
		// idle,
		// and a fifth whose replica the damage test breaks.
		stack = new ReplicationStack(List.of(new ReplicationStack.Db("production", Duration.ofMillis(200), """
				sync-interval: 1s"""), new ReplicationStack.Db("queue", Duration.ofMillis(500), """
				sync-interval: 1s"""), new ReplicationStack.Db("cache", Duration.ofSeconds(1), """
				sync-interval: 1s"""), new ReplicationStack.Db("cable", null, """
				sync-interval: 1s"""), new ReplicationStack.Db("damaged", null, """
				sync-interval: 1s""")));
		litestream = new LocalAccessory(BINARY.toString(), Map.of("LITESTREAM_ACCESS_KEY_ID",
				ReplicationStack.ACCESS_KEY, "LITESTREAM_SECRET_ACCESS_KEY", ReplicationStack.SECRET));
		config = new LitestreamConfigParser(System.getenv(), stack.work()).parse(stack.validConfig(), "litestream.yml");
		scratch = stack.work().resolve("drills");
		for (DbConfig db : config.dbs()) {
			// Replicated: a snapshot and WAL are listed for it.
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
				ExecResult wal = litestream.exec(
						List.of("litestream", "wal", "-config", stack.config().toString(), db.path()),
						Duration.ofSeconds(20));
				return wal.exitCode() == 0 && wal.stdout().lines().count() > 1;
			});
		}
	}

	@AfterAll
	static void stop() throws Exception {
		if (litestream != null) {
			litestream.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	RestoreDrill drill() {
		return new RestoreDrill(litestream, stack.config(), scratch, Duration.ofSeconds(60), Clock.systemUTC());
	}

	DbConfig db(String name) {
		return config.dbs().stream().filter((d) -> d.name().equals(name)).findFirst().orElseThrow();
	}

	@Test
	void aDrillOfEachOfTheFourDatabasesRestoresEveryRowWrittenAndLeavesNothingBehind() throws Exception {
		for (String name : List.of("production", "queue", "cache", "cable")) {
			DbConfig db = db(name);
			stack.writer(name).pause();
			try {
				// Once Litestream has uploaded the last write, the restore holds
				// every row (read each time: a write already under way when the pause
				// came still lands).
				DrillResult[] last = new DrillResult[1];
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
					last[0] = drill().run(db, db.replicas().get(0), 1);
					assertThat(last[0].outcome()).as("%s", last[0]).isEqualTo(Outcome.PASSED);
					assertThat(last[0].rowCounts()).containsEntry("events", stack.writer(name).rows());
				});
				DrillResult result = last[0];
				assertThat(result.integrity()).isEqualTo("ok");
				assertThat(result.restoredBytes()).isPositive();
				assertThat(result.took()).isPositive();
				assertThat(result.message()).isNull();
				assertThat(result.litestreamOutput()).isNull();
				assertThat(result.generation()).as("the generation Litestream logged").matches("[0-9a-f]{16}");
				assertThat(result.newestRow()).as("the data's own newest point: the writer's newest row")
					.isEqualTo(new DrillResult.NewestRow("events.created_at", stack.writer(name).newestCreatedAt()));
				assertThat(files(scratch)).as("scratch directory after the drill of %s", name).isEmpty();
				log.info("MEASURED drill of {}: {} ms, {} bytes restored, {} rows in events", name,
						result.took().toMillis(), result.restoredBytes(), result.rowCounts().get("events"));
			}
			finally {
				stack.writer(name).resume();
			}
		}
	}

	@Test
	void aPointInTimeDrillRestoresTheRowsWrittenUpToThatMoment() throws Exception {
		DbConfig production = db("production");
		// A moment a few seconds back: the writer adds a row every 200 ms, so it restores
		// fewer rows than written by now. Retried while the generation is younger than
		// that moment (then Litestream has no backup for it: "no matching backups
		// found").
		DrillResult[] last = new DrillResult[1];
		long[] rowsNow = new long[1];
		Instant[] moment = new Instant[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			moment[0] = Instant.now().minusSeconds(3);
			rowsNow[0] = stack.writer("production").rows();
			last[0] = drill().run(production, production.replicas().get(0), 1, moment[0]);
			assertThat(last[0].outcome()).as("%s", last[0]).isEqualTo(Outcome.PASSED);
		});
		DrillResult result = last[0];
		assertThat(result.integrity()).isEqualTo("ok");
		assertThat(result.rowCounts().get("events")).isPositive().isLessThan(rowsNow[0]);
		assertThat(result.newestRow().at()).as("nothing written after the moment restored to")
			.isBeforeOrEqualTo(moment[0])
			.isAfter(moment[0].minusSeconds(30));
		assertThat(files(scratch)).as("scratch directory after the drill").isEmpty();
		log.info("MEASURED point-in-time drill of production to {}: {} ms, {} of {} rows", moment[0],
				result.took().toMillis(), result.rowCounts().get("events"), rowsNow[0]);
	}

	@Test
	void aReplicaWithoutItsSnapshotFailsWithLitestreamsReason() throws Exception {
		DbConfig damaged = db("damaged");
		Path snapshots;
		try (Stream<Path> walk = Files.walk(stack.s3().blobDir().resolve("backups").resolve("damaged"))) {
			snapshots = walk.filter((p) -> p.getFileName().toString().endsWith(".snapshot.lz4"))
				.findFirst()
				.orElseThrow();
		}
		Files.delete(snapshots);

		DrillResult result = drill().run(damaged, damaged.replicas().get(0), 1);

		assertThat(result.outcome()).as("%s", result).isEqualTo(Outcome.FAILED);
		assertThat(result.message()).startsWith("The restore failed (exit 1): ");
		assertThat(result.litestreamOutput()).contains("level=ERROR");
		assertThat(result.integrity()).isNull();
		assertThat(files(scratch)).as("scratch directory after the drill").isEmpty();
		log.info("MEASURED drill of damaged without its snapshot: {} ({} ms)", result.message(),
				result.took().toMillis());
	}

	@Test
	void aScratchDiskWithoutRoomForTwiceTheDatabaseIsRefusedUnrun() throws Exception {
		DbConfig production = db("production");
		long free = Files.getFileStore(stack.work()).getUsableSpace();

		DrillResult result = drill().run(production, production.replicas().get(0), free);

		assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
		assertThat(result.message()).contains("needs twice the database's size");
		assertThat(files(scratch)).isEmpty();
	}

	static List<Path> files(Path dir) throws Exception {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> list = Files.list(dir)) {
			return list.toList();
		}
	}

}
