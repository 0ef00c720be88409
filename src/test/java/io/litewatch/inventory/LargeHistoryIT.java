package io.litewatch.inventory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.litewatch.s3.ReplicaKeys;
import io.litewatch.testsupport.LitewatchApp;
import io.litewatch.testsupport.LitewatchApp.Json;
import io.litewatch.testsupport.S3ProxyServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case on the real app and a real s3proxy: one replica whose generation holds
 * 30,000 WAL segments, written straight into s3proxy's folder. The tests build on each
 * other: the first status, the steady state, a restart that neither lists the tail again
 * nor starts the inventory over, then retention's deletions while Litewatch was down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LargeHistoryIT {

	private static final Logger log = LoggerFactory.getLogger(LargeHistoryIT.class);

	private static final String IDENTITY = "litewatch-large-key";

	private static final String SECRET = "litewatch-large-secret-4c3b2a";

	private static final String BUCKET = "backups";

	private static final String GEN = "5eed5eed5eed5eed";

	private static final int SEGMENTS = 30_000;

	/** Every 10,000 indexes, and one 10 indexes before the end: the tail is 10. */
	private static final long[] SNAPSHOTS = { 0, 10_000, 20_000, SEGMENTS - 10 };

	private static final String REPLICA = "$.databases[0].replicas[0]";

	private Path work;

	private S3ProxyServer s3;

	private Path wal;

	private Path snapshots;

	private Instant t0;

	private LitewatchApp app;

	private String passStartedAt;

	@BeforeAll
	void synthesize() throws Exception {
		work = Files.createTempDirectory("litewatch-large");
		s3 = new S3ProxyServer(work.resolve("s3"), IDENTITY, SECRET).start();
		s3.createBucket(BUCKET);
		String prefix = "big.db/generations/";
		wal = s3.blobDir().resolve(BUCKET).resolve(ReplicaKeys.walPrefix(prefix, GEN));
		snapshots = s3.blobDir().resolve(BUCKET).resolve(ReplicaKeys.snapshotsPrefix(prefix, GEN));
		Files.createDirectories(wal);
		Files.createDirectories(snapshots);
		// One segment a second up to now, as a busy database with sync-interval 1s
		// writes them.
		t0 = Instant.now().minusSeconds(SEGMENTS + 5);
		writeSegments(0, SEGMENTS);
		for (long index : SNAPSHOTS) {
			Path file = snapshots.resolve(String.format("%08x.snapshot.lz4", index));
			Files.write(file, new byte[4096]);
			Files.setLastModifiedTime(file, FileTime.from(t0.plusSeconds(index)));
		}
		Files.writeString(work.resolve("litestream.yml"), """
				dbs:
				  - path: /data/big.db
				    replicas:
				      - type: s3
				        bucket: %s
				        path: big.db
				        endpoint: %s
				        force-path-style: true
				        access-key-id: %s
				        secret-access-key: %s
				        sync-interval: 1s
				        snapshot-interval: 1h
				        retention: 720h
				""".formatted(BUCKET, s3.endpoint(), IDENTITY, SECRET));
	}

	private void writeSegments(long from, long to) throws IOException {
		byte[] frame = new byte[64];
		for (long index = from; index < to; index++) {
			Path file = wal.resolve(String.format("%08x_00000000.wal.lz4", index));
			Files.write(file, frame);
			Files.setLastModifiedTime(file, FileTime.from(t0.plusSeconds(index)));
		}
	}

	@AfterAll
	void stop() throws IOException {
		if (app != null) {
			app.close();
		}
		if (s3 != null) {
			s3.close();
		}
		if (work != null) {
			try (Stream<Path> files = Files.walk(work)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	/**
	 * No Docker here: the accessory is unreachable, which holds back the database's own
	 * findings but not the listing, which is what is measured.
	 */
	private LitewatchApp start(String... more) throws IOException {
		List<String> args = new ArrayList<>(List.of("--litewatch.litestream-config=" + work.resolve("litestream.yml"),
				"--litewatch.data-dir=" + work.resolve("litewatch"), "--litewatch.poll-interval=2s",
				"--litewatch.docker.host=tcp://127.0.0.1:" + closedPort(), "--litewatch.docker.api-timeout=2s",
				"--litewatch.inventory.requests-per-minute=120"));
		args.addAll(List.of(more));
		return new LitewatchApp(args.toArray(String[]::new));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Test
	@Order(1)
	void theFirstPollAlreadyGivesTheWholeStatus() throws Exception {
		app = start();
		Json first = app.awaitStatus(Duration.ofSeconds(60), "a first poll",
				(s) -> s.json().read("$.sequence", Long.class) != null);
		long sequence = first.read("$.sequence", Long.class);
		// The first poll, or the second if the app answered while the first ran.
		assertThat(sequence).isLessThanOrEqualTo(2);
		assertThat(first.read(REPLICA + ".generation", String.class)).isEqualTo(GEN);
		assertNear(first.read(REPLICA + ".lastSyncAt", String.class), t0.plusSeconds(SEGMENTS - 1));
		assertThat(first.read(REPLICA + ".lastSnapshotAt", String.class)).isNotNull();
		assertThat(first.read(REPLICA + ".walSegmentCount", Long.class)).isEqualTo(10);
		// The generation ids, its snapshots, and its WAL from the newest snapshot on.
		int requests = first.read(REPLICA + ".s3Requests", Integer.class);
		assertThat(requests).isEqualTo(3);
		log.info("MEASURED first poll on {} WAL segments: sequence {}, {} S3 requests", SEGMENTS, sequence, requests);
	}

	@Test
	@Order(2)
	void aSteadyStatePollCostsTwoRequests() throws Exception {
		long before = app.sequence();
		Json steady = app.awaitPolls(2, Duration.ofSeconds(30));
		assertThat(steady.read("$.sequence", Long.class)).isGreaterThan(before);
		assertThat(steady.read(REPLICA + ".s3Requests", Integer.class)).isEqualTo(2);
		assertThat(steady.read(REPLICA + ".restoreWindow.basis", String.class)).startsWith("snapshots");
	}

	@Test
	@Order(3)
	void theInventoryResumesWhereARestartCutItOff() throws Exception {
		Json partway = app.awaitStatus(Duration.ofSeconds(120), "the inventory a fifth through its first pass",
				(s) -> progress(s) >= 0.2);
		passStartedAt = partway.read(REPLICA + ".inventory.passStartedAt", String.class);
		int requestsBefore = partway.read(REPLICA + ".inventory.passRequests", Integer.class);
		assertThat(partway.read(REPLICA + ".inventory.state", String.class)).isEqualTo("first-pass");
		assertThat(app.get("/").body()).contains("inventory: ").contains("% of the first pass");
		app.close();
		app = null;

		app = start();
		// The lister's memory was saved at shutdown: the tail is not listed again.
		Json firstAfterRestart = app.awaitStatus(Duration.ofSeconds(60), "the first poll after the restart",
				(s) -> s.json().read("$.sequence", Long.class) != null);
		assertThat(firstAfterRestart.read(REPLICA + ".s3Requests", Integer.class)).isEqualTo(2);
		assertThat(firstAfterRestart.read(REPLICA + ".walSegmentCount", Long.class)).isEqualTo(10);
		Json done = app.awaitStatus(Duration.ofSeconds(180), "the first inventory pass complete",
				(s) -> "complete".equals(s.json().read(REPLICA + ".inventory.state", String.class)));
		String inventory = REPLICA + ".inventory";
		// The same pass, carried on: not started over.
		assertThat(done.read(inventory + ".lastPassStartedAt", String.class)).isEqualTo(passStartedAt);
		assertThat(done.read(inventory + ".walSegments", Long.class)).isEqualTo(SEGMENTS);
		assertThat(done.read(inventory + ".walBytes", Long.class)).isEqualTo(64L * SEGMENTS);
		assertThat(done.read(inventory + ".snapshots", Integer.class)).isEqualTo(SNAPSHOTS.length);
		assertThat(done.read(inventory + ".walGaps", Long.class)).isZero();
		// 1 for the generation ids, 1 for the snapshots, 30 pages of 1000 segments,
		// perhaps one empty last page, and at most the one request the restart cut.
		int requests = done.read(inventory + ".lastPassRequests", Integer.class);
		assertThat(requests).isBetween(2 + SEGMENTS / 1000, 2 + SEGMENTS / 1000 + 2).isGreaterThan(requestsBefore);
		assertThat(done.read(REPLICA + ".restoreWindow.basis", String.class)).isEqualTo("inventory");
		assertThat(app.get("/").body()).contains("history: 30,000 WAL segments").contains("from inventory");
		assertNear(done.read(REPLICA + ".restoreWindow.from", String.class), t0);
		log.info("MEASURED inventory of {} WAL segments: {} requests, cut by a restart after {}", SEGMENTS, requests,
				requestsBefore);
	}

	@Test
	@Order(4)
	void retentionsDeletionsWhileLitewatchWasDownAreNoticed() throws Exception {
		app.close();
		app = null;
		// Retention keeps the snapshots from index 10,000 on and the WAL they need;
		// meanwhile Litestream wrote 5 more segments.
		Files.delete(snapshots.resolve(String.format("%08x.snapshot.lz4", 0)));
		for (long index = 0; index < 10_000; index++) {
			Files.delete(wal.resolve(String.format("%08x_00000000.wal.lz4", index)));
		}
		writeSegments(SEGMENTS, SEGMENTS + 5);

		app = start("--litewatch.inventory.pass-interval=1s");
		Json noticed = app.awaitStatus(Duration.ofSeconds(180), "the deletion noticed",
				(s) -> s.code() != 0 && s.json().read(REPLICA + ".inventory.lastDeletion", Object.class) != null);
		String deletion = REPLICA + ".inventory.lastDeletion";
		assertThat(noticed.read(deletion + ".walSegments", Long.class)).isEqualTo(10_000);
		assertThat(noticed.read(deletion + ".snapshots", Integer.class)).isEqualTo(1);
		assertThat(noticed.read(deletion + ".generations", Integer.class)).isZero();
		assertThat(app.get("/").body()).contains("retention removed 10,000 WAL segments, 1 snapshot (");
		assertThat(noticed.read(REPLICA + ".inventory.walSegments", Long.class)).isEqualTo(SEGMENTS - 10_000 + 5);
		assertNear(noticed.read(REPLICA + ".restoreWindow.from", String.class), t0.plusSeconds(10_000));
	}

	/** S3 gives LastModified to the second. */
	private static void assertNear(String actual, Instant expected) {
		assertThat(actual).isNotNull();
		assertThat(Duration.between(expected, Instant.parse(actual)).abs()).isLessThan(Duration.ofSeconds(2));
	}

	private static double progress(Json status) {
		Number progress = status.json().read(REPLICA + ".inventory.progress", Number.class);
		return progress == null ? 0 : progress.doubleValue();
	}

}
