package io.litewatch.poll;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.litewatch.config.DbConfig;
import io.litewatch.config.LitestreamConfig;
import io.litewatch.config.LitestreamConfigParser;
import io.litewatch.config.LitestreamDialect;
import io.litewatch.docker.ContainerState;
import io.litewatch.health.AccessoryState;
import io.litewatch.health.DatabaseObservation;
import io.litewatch.health.ReplicaObservation;
import io.litewatch.inventory.InventoryBook;
import io.litewatch.s3.LtxLister;
import io.litewatch.s3.S3ClientFactory;
import io.litewatch.s3.S3ReplicaLister;
import io.litewatch.testsupport.InProcessS3Proxy;
import io.litewatch.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which {@link ReplicaFormat} reads a replica, with the real formats, listers and
 * commands against an in-process s3proxy; only the accessory is scripted, as it stands
 * for a container. Each replica's prefix is empty, which both listers read as a replica
 * with nothing in it yet.
 */
class DatabaseCollectorTest {

	private static final String KEY = "collector-test-key";

	private static final String SECRET = "collector-test-secret";

	private static final String DB = "/data/app.db";

	private static final AccessoryState RUNNING = new AccessoryState("unix:///var/run/docker.sock", "litestream", null,
			new ContainerState("litestream", true, "running", true, false, 0, null, null, null, null), null, null);

	@TempDir
	static Path dir;

	static InProcessS3Proxy s3;

	static S3ClientFactory clients;

	final TestClock clock = new TestClock(Instant.parse("2026-11-30T12:00:00Z"));

	final ScriptedAccessory accessory = new ScriptedAccessory(List.of(DB));

	final S3ReplicaLister lister = new S3ReplicaLister(clients, clock, Duration.ofHours(6));

	final LtxLister ltxLister = new LtxLister(clients, clock, Duration.ofHours(6));

	final LitestreamCommands commands = accessory.commands(clock);

	final ExecutorService executor = Executors.newSingleThreadExecutor();

	final AccessoryQuestions questions = ScriptedAccessory.questions(commands, executor, clock);

	final DatabaseCollector collector = new DatabaseCollector(accessory, formats());

	@BeforeAll
	static void startS3() throws Exception {
		s3 = new InProcessS3Proxy(dir.resolve("s3"), KEY, SECRET);
		s3.createBucket("backups");
		clients = new S3ClientFactory(Duration.ofSeconds(5));
	}

	@AfterEach
	void stopExecutor() {
		executor.shutdownNow();
	}

	@AfterAll
	static void stopS3() throws Exception {
		clients.close();
		s3.close();
	}

	/** As {@link PollingConfiguration} builds them. */
	ReplicaFormats formats() {
		return new ReplicaFormats(Map.of(LitestreamDialect.V0_3,
				new Replica03Format(commands, lister, new InventoryBook(true, clock, Map.of())), LitestreamDialect.V0_5,
				new Replica05Format(ltxLister)));
	}

	@Test
	void a05ReplicaIsListedAsLtxAndItsDatabaseAskedForItsTxid() {
		DatabaseObservation observed = observe(db05(s3.endpoint()));

		assertThat(observed.replicas()).singleElement().satisfies((replica) -> {
			assertThat(replica.listingError()).isNull();
			assertThat(replica.ltx()).isNotNull();
			assertThat(replica.listing()).isNull();
			assertThat(replica.inventory()).isNull();
		});
		assertThat(observed.litestream().local().txid()).isEqualTo(7L);
		assertThat(accessory.asked).containsExactly(List.of("litestream", "status", "-json"));
	}

	@Test
	void a03ReplicaIsListedAsGenerationsAndTheInventoryAsked() {
		DatabaseObservation observed = observe(db03(s3.endpoint()));

		assertThat(observed.replicas()).singleElement().satisfies((replica) -> {
			assertThat(replica.listingError()).isNull();
			assertThat(replica.listing()).isNotNull();
			assertThat(replica.ltx()).isNull();
			assertThat(replica.inventory()).isNotNull();
		});
		// Litewatch lists every replica itself, so Litestream's generations is not run;
		// snapshots checks that Litestream reaches the storage, one database a poll.
		assertThat(accessory.asked).containsExactly(List.of("litestream", "databases"),
				List.of("litestream", "snapshots", DB));
	}

	@Test
	void a03ReplicaNotOnS3IsUnsupportedAndLitestreamListsItsGenerations() {
		DatabaseObservation observed = observe(db(LitestreamDialect.V0_3, """
				replicas:
				  - url: s3://backups/app03
				    endpoint: %s
				  - type: file
				    path: /backups/app
				""".formatted(s3.endpoint())));

		assertThat(observed.replicas()).extracting(ReplicaObservation::unsupported).containsExactly(false, true);
		assertThat(accessory.asked).containsExactly(List.of("litestream", "databases"),
				List.of("litestream", "snapshots", DB), List.of("litestream", "generations", DB));
	}

	@Test
	void a05ReplicaNotOnS3IsUnsupportedAndItsDatabaseStillAskedForItsTxid() {
		DatabaseObservation observed = observe(db(LitestreamDialect.V0_5, """
				replica:
				  type: file
				  path: /backups/app
				"""));

		assertThat(observed.replicas()).singleElement().satisfies((replica) -> {
			assertThat(replica.unsupported()).isTrue();
			assertThat(replica.config().dialect()).isEqualTo(LitestreamDialect.V0_5);
		});
		assertThat(accessory.asked).containsExactly(List.of("litestream", "status", "-json"));
	}

	@Test
	void aFailedListingIsWordedAlikeByEitherFormat() {
		String nobody = "http://127.0.0.1:" + closedPort();
		ReplicaObservation v03 = observe(db03(nobody)).replicas().get(0);
		ReplicaObservation v05 = observe(db05(nobody)).replicas().get(0);

		assertThat(v03.listingError()).startsWith("Cannot list s3://backups/app03 (endpoint unreachable): ");
		assertThat(v05.listingError()).startsWith("Cannot list s3://backups/app05 (endpoint unreachable): ");
	}

	@Test
	void forgettingAReplicaReachesEveryFormat() {
		DbConfig v03 = db03(s3.endpoint());
		DbConfig v05 = db05(s3.endpoint());
		observe(v03);
		observe(v05);
		collector.retainOnly(List.of(v03, v05));
		assertThat(observe(v03).replicas().get(0).listing().fullPass()).isFalse();
		assertThat(observe(v05).replicas().get(0).ltx().fullPass()).isFalse();

		collector.retainOnly(List.of());

		// Forgotten, so listed afresh like a replica never seen.
		assertThat(observe(v03).replicas().get(0).listing().fullPass()).isTrue();
		assertThat(observe(v05).replicas().get(0).ltx().fullPass()).isTrue();
	}

	@Test
	void everyDialectNeedsAFormat() {
		assertThatThrownBy(() -> new ReplicaFormats(Map.of(LitestreamDialect.V0_3, formats().of(db03("")))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("No replica format for Litestream 0.5");
	}

	/** One poll's questions to the accessory, then the database's reading. */
	private DatabaseObservation observe(DbConfig db) {
		LitestreamDialect dialect = db.replicas().stream().anyMatch((r) -> r.dialect() == LitestreamDialect.V0_5)
				? LitestreamDialect.V0_5 : LitestreamDialect.V0_3;
		AccessoryAnswers answers = questions.ask(new LitestreamConfig(null, List.of(db), List.of(), dialect, null),
				RUNNING, null);
		return collector.observe(db, RUNNING, true, answers);
	}

	/** A database with one 0.3 replica in {@code s3://backups/app03}. */
	private static DbConfig db03(String endpoint) {
		return db(LitestreamDialect.V0_3, """
				replicas:
				  - url: s3://backups/app03
				    endpoint: %s
				""".formatted(endpoint));
	}

	/** A database with one 0.5 replica in {@code s3://backups/app05}. */
	private static DbConfig db05(String endpoint) {
		return db(LitestreamDialect.V0_5, """
				replica:
				  url: s3://backups/app05
				  endpoint: %s
				""".formatted(endpoint));
	}

	/** One database at {@link #DB} with these replica lines, as that dialect reads it. */
	private static DbConfig db(LitestreamDialect dialect, String replicaLines) {
		String yaml = "dbs:\n  - path: " + DB + "\n" + replicaLines.indent(4);
		return new LitestreamConfigParser(
				Map.of("LITESTREAM_ACCESS_KEY_ID", KEY, "LITESTREAM_SECRET_ACCESS_KEY", SECRET), Path.of("/"))
			.parse(yaml, "litestream.yml", dialect, "Litestream " + dialect.label() + " runs it")
			.dbs()
			.get(0);
	}

	private static int closedPort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
