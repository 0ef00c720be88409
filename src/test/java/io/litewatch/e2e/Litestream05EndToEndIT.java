package io.litewatch.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

import org.awaitility.core.ConditionTimeoutException;

import com.jayway.jsonpath.DocumentContext;

import io.litewatch.testsupport.HeartbeatReceiver;
import io.litewatch.testsupport.LitestreamContainer;
import io.litewatch.testsupport.LitewatchApp;
import io.litewatch.testsupport.LitewatchApp.Json;
import io.litewatch.testsupport.ReplicationStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The core monitor on the real stack with Litestream v0.5.17: the real 0.5 container
 * replicates a Rails 8 app's four SQLite files (primary, queue, cache, cable) to a real
 * s3proxy as LTX files while writers insert rows, and Litewatch runs as the Spring Boot
 * app against the same litestream.yml (0.5 dialect: one {@code replica:} per database,
 * top-level snapshot, levels and L0 retention). The steps run in order and share that
 * stack: replicating, healthy with the idle cable still ok, accessory down and back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Litestream05EndToEndIT {

	private static final Logger log = LoggerFactory.getLogger(Litestream05EndToEndIT.class);

	static final Duration POLL = Duration.ofSeconds(2);

	static final List<String> DATABASES = List.of("production", "queue", "cache", "cable");

	// Past l0-retention (30s) plus one run of its monitor (15s): by then an idle
	// database's L0 files may be gone, and it must still be ok.
	static final Duration CABLE_IDLE = Duration.ofSeconds(50);

	private ReplicationStack stack;

	private LitewatchApp app;

	private Instant cableLastWrite;

	/**
	 * The outside dead-man's switch, as Healthchecks answers; its check id is a secret.
	 */
	private HeartbeatReceiver heartbeat;

	private static final String CHECK = java.util.UUID.randomUUID().toString();

	static final Path BINARY05 = Path
		.of(java.util.Objects.requireNonNullElse(System.getenv("LITEWATCH_TEST_LITESTREAM05_BINARY"),
				".cache/litestream-0.5.17-venv/bin/litestream"))
		.toAbsolutePath();

	@BeforeAll
	void startStack() throws Exception {
		stack = new ReplicationStack(LitestreamContainer.Version.V0_5_17, """
				snapshot:
				  interval: 1m
				  retention: 5m
				levels:
				  - interval: 10s
				  - interval: 30s
				l0-retention: 30s""",
				List.of(new ReplicationStack.Db("production", Duration.ofMillis(250), """
						sync-interval: 1s"""), new ReplicationStack.Db("queue", Duration.ofMillis(700), null),
						new ReplicationStack.Db("cache", Duration.ofSeconds(2), """
								sync-interval: 5s"""),
						// cable stays idle after its first write: an idle database must
						// not be
						// reported stale.
						new ReplicationStack.Db("cable", null, """
								sync-interval: 5s""")));
		cableLastWrite = Instant.now();
		assertThat(BINARY05).as("scripts/test-env.sh installs Litestream 0.5.17 there").isExecutable();
		// The first drill runs a second after the start: it must find the snapshot 0.5
		// takes at its own start.
		awaitKeys(Duration.ofSeconds(30), "a snapshot of every database", (k) -> DATABASES.stream()
			.allMatch((db) -> k.getOrDefault(db, List.of()).stream().anyMatch((key) -> key.startsWith("0009/"))));
		heartbeat = new HeartbeatReceiver();
		app = new LitewatchApp("--litewatch.litestream-config=" + stack.config(),
				"--litewatch.heartbeat.url=" + heartbeat.url(CHECK), "--litewatch.heartbeat.method=POST",
				"--litewatch.heartbeat.timeout=2s", "--litewatch.data-dir=" + stack.work().resolve("litewatch-data"),
				"--litewatch.poll-interval=" + POLL.toSeconds() + "s",
				"--litewatch.docker.container=" + stack.litestream().name(), "--litewatch.docker.exec-timeout=5s",
				"--litewatch.s3.api-call-timeout=3s", "--litewatch.drills.binary05=" + BINARY05,
				"--litewatch.drills.first-delay=1s", "--litewatch.drills.jitter=0s", "--litewatch.drills.interval=1h");
	}

	@AfterAll
	void stopStack() throws Exception {
		if (app != null) {
			app.close();
		}
		if (heartbeat != null) {
			heartbeat.close();
		}
		if (stack != null) {
			log.info("stack under {} (litestream.yml, container log, s3proxy blobs)", stack.work());
			stack.close();
		}
	}

	/**
	 * Before Litewatch is judged at all: the 0.5 container runs and writes LTX files (L0
	 * as it syncs, the L9 snapshot it takes at startup) for every database.
	 */
	@Test
	@Order(1)
	void litestreamReplicatesEveryDatabaseAsLtxFiles() throws Exception {
		assertThat(stack.litestream().environment()).noneMatch((e) -> e.startsWith("AWS_CA_BUNDLE="))
			.anyMatch((e) -> e.startsWith("LITESTREAM_ACCESS_KEY_ID="));
		assertThat(stack.validConfig()).contains("    replica:\n      type: s3\n      bucket: backups\n")
			.doesNotContain("replicas:")
			.contains("l0-retention: 30s");

		Map<String, List<String>> keys = awaitKeys(Duration.ofSeconds(30), "L0 and L9 files of every database",
				(k) -> DATABASES.stream()
					.allMatch((db) -> k.getOrDefault(db, List.of()).stream().anyMatch((key) -> key.startsWith("0000/"))
							&& k.get(db).stream().anyMatch((key) -> key.startsWith("0009/"))));
		keys.forEach((db, list) -> {
			assertThat(list).as(db).allMatch((key) -> key.matches("000[0-9]/[0-9a-f]{16}-[0-9a-f]{16}\\.ltx"));
			log.info("{}: {} LTX files, first {}", db, list.size(), list.get(0));
		});
	}

	@Test
	@Order(2)
	void everyDatabaseIsOkAndTheIdleCableStaysOk() throws Exception {
		Json status = app.awaitStatus(Duration.ofSeconds(60), "all four databases ok", Litestream05EndToEndIT::allOk);
		DocumentContext json = status.json();
		assertThat(json.read("$.status", String.class)).isEqualTo("ok");
		assertThat(status.strings("$.databases[*].name")).containsExactlyElementsOf(DATABASES);
		assertThat(json.read("$.accessory.state", String.class)).isEqualTo("running");
		assertThat(json.read("$.accessory.litestreamVersion", String.class))
			.isEqualTo(LitestreamContainer.Version.V0_5_17.printed());
		for (int i = 0; i < DATABASES.size(); i++) {
			String db = "$.databases[" + i + "]";
			assertThat(json.read(db + ".replicas.length()", Integer.class)).as(DATABASES.get(i)).isEqualTo(1);
			String replica = db + ".replicas[0]";
			assertThat(json.read(replica + ".status", String.class)).as(DATABASES.get(i)).isEqualTo("ok");
			assertThat(json.read(replica + ".layout", String.class)).as(DATABASES.get(i)).isEqualTo("0.5");
			assertThat(json.read(replica + ".ltx.replicatedTxid", String.class)).as(DATABASES.get(i))
				.matches("[0-9a-f]{16}");
			// From the newest snapshot's header, which 0.5.17 wrote: a whole number of
			// 4 KiB pages.
			assertThat(json.read(replica + ".ltx.snapshotDatabaseBytes", Long.class)).as(DATABASES.get(i))
				.isPositive()
				.satisfies((bytes) -> assertThat(bytes % 4096).isZero());
		}
		assertNoSecret(status.body());
		assertThat(status.body()).doesNotContain(CHECK);
		// One ping per completed poll, each naming its poll, none of these at /fail.
		long seen = status.read("$.sequence", Long.class);
		List<Long> ok = java.util.stream.LongStream.rangeClosed(Math.max(1, seen - 3), seen).boxed().toList();
		await("pings of polls " + ok).atMost(POLL.multipliedBy(3)).until(() -> pingedPolls(false).containsAll(ok));
		assertThat(pingedPolls(true)).doesNotContainAnyElementsOf(ok);
		assertThat(heartbeat.pings())
			.allMatch((p) -> p.method().equals("POST") && p.path().startsWith("/ping/" + CHECK));

		Json idle = app.awaitStatus(CABLE_IDLE.plusSeconds(30), "cable idle for " + CABLE_IDLE.toSeconds() + "s",
				(s) -> Duration.between(cableLastWrite, Instant.parse(s.json().read("$.checkedAt")))
					.compareTo(CABLE_IDLE) > 0);
		assertThat(idle.json().read("$.databases[3].status", String.class)).isEqualTo("ok");
		assertThat(idle.strings("$.databases[3].replicas[*].status")).containsOnly("ok");
		assertThat(idle.strings("$.databases[3].replicas[*].findings[*].code")).isEmpty();
		log.info("cable idle since {}, replicated txid {}, still ok", cableLastWrite,
				idle.json().read("$.databases[3].replicas[0].ltx.replicatedTxid", String.class));
	}

	@Test
	@Order(3)
	void stoppedAccessoryIsCriticalWithinOnePollAndOkOnceBack() throws Exception {
		app.awaitStatus(Duration.ofSeconds(30), "all ok before the stop", Litestream05EndToEndIT::allOk);

		Instant stoppedAt = Instant.now();
		stack.litestream().stop();
		// The poll running when the stop returned may have seen the container up; the
		// next one started after it.
		long running = app.sequence() + 1;
		Json down = app.awaitStatus(POLL.multipliedBy(2).plusSeconds(15), "poll #" + (running + 1) + " after the stop",
				(s) -> s.read("$.sequence", Long.class) > running);
		Duration toCritical = Duration.between(stoppedAt, Instant.now());
		log.info("MEASURED 0.5 container stop -> /api/status 503: {} ms (poll interval {}s)", toCritical.toMillis(),
				POLL.toSeconds());
		assertThat(down.code()).as(down.body()).isEqualTo(503);
		assertThat(down.read("$.status", String.class)).isEqualTo("critical");
		assertThat(down.read("$.accessory.running", Boolean.class)).isFalse();
		assertThat(down.strings("$.findings[*].code")).contains("ACCESSORY_DOWN");
		assertThat(down.strings("$.databases[*].status")).containsOnly("critical");
		assertNoSecret(down.body());
		// The switch hears it too, at /fail, for the poll that went critical.
		long critical = down.read("$.sequence", Long.class);
		await("a /fail ping for poll " + critical).atMost(POLL.plusSeconds(5))
			.until(() -> pingedPolls(true).contains(critical));
		log.info("MEASURED 0.5 container stop -> heartbeat /fail: {} ms",
				Duration.between(stoppedAt,
						heartbeat.pings().stream().filter(HeartbeatReceiver.Ping::fail).findFirst().orElseThrow().at())
					.toMillis());

		Instant startedAt = Instant.now();
		stack.litestream().start();
		Json back = app.awaitStatus(Duration.ofSeconds(45), "all ok once Litestream 0.5 is back",
				Litestream05EndToEndIT::allOk);
		log.info("MEASURED 0.5 container start -> /api/status 200 ok: {} ms",
				Duration.between(startedAt, Instant.now()).toMillis());
		assertThat(back.read("$.status", String.class)).isEqualTo("ok");
		assertThat(back.read("$.accessory.running", Boolean.class)).isTrue();
		long ok = back.read("$.sequence", Long.class);
		await("an ok ping for poll " + ok).atMost(POLL.plusSeconds(5)).until(() -> pingedPolls(false).contains(ok));
	}

	/**
	 * Every database restored by the 0.5 binary from its LTX files, checked by
	 * {@code -integrity-check full} and by Litewatch's own checks of the file.
	 */
	@Test
	@Order(4)
	void drillsRestoreEveryDatabaseWithLitestream05() throws Exception {
		Json drilled = app.awaitStatus(Duration.ofSeconds(90), "a passed drill of every database",
				(s) -> s.strings("$.databases[*].drills.last[0].outcome")
					.equals(List.of("PASSED", "PASSED", "PASSED", "PASSED")));
		for (int i = 0; i < DATABASES.size(); i++) {
			String at = "$.databases[" + i + "].drills.last[0].";
			assertThat(drilled.read(at + "restoredBytes", Long.class)).as(DATABASES.get(i)).isPositive();
			assertThat(drilled.read(at + "message", String.class)).as(DATABASES.get(i)).isNull();
			// From the TXID 0.5's restore -json reports against the replicated one.
			assertThat(drilled.read(at + "achievedRpoSeconds", Double.class)).as(DATABASES.get(i))
				.isNotNull()
				.isNotNegative();
			log.info("MEASURED 0.5 drill of {}: achieved RPO {} s, restored {} bytes", DATABASES.get(i),
					drilled.read(at + "achievedRpoSeconds", Double.class),
					drilled.read(at + "restoredBytes", Long.class));
		}
		assertNoSecret(drilled.body());
	}

	/**
	 * The point-in-time helper's docker commands for a time 10 s before the newest file,
	 * run as printed (by sh, with the S3 variables in the environment its {@code -e NAME}
	 * expects), only with {@code -o} pointed at a scratch file: the dry run, then the
	 * restore, which gives an intact database whose newest row is from just before that
	 * time. 0.5 has no {@code -replica} flag; a command carrying one would fail.
	 */
	@Test
	@Order(5)
	void thePrintedRestoreCommandsOfLitestream05RestoreTheChosenTime() throws Exception {
		String window = app.get("/databases/production/restore").body();
		Matcher span = Pattern.compile("data-from=\"([^\"]+)\" data-to=\"([^\"]+)\"").matcher(window);
		assertThat(span.find()).as("the LTX span on the helper\n%s", window).isTrue();
		Instant from = LocalDateTime.parse(span.group(1)).toInstant(ZoneOffset.UTC);
		Instant to = LocalDateTime.parse(span.group(2)).toInstant(ZoneOffset.UTC);
		Instant at = to.minusSeconds(10).isBefore(from) ? to : to.minusSeconds(10);
		String html = app.get("/databases/production/restore?at=" + at).body();
		assertThat(html).contains("data-verdict=\"INSIDE\"")
			.contains("data-testid=\"restore-ltx\"")
			.doesNotContain("-replica ")
			.doesNotContain(ReplicationStack.SECRET)
			.doesNotContain(ReplicationStack.ACCESS_KEY + "=");
		String db = stack.data().resolve("production.sqlite3").toString();
		String suffix = " -timestamp " + at + " -integrity-check full -o " + db + " " + db;
		String restore = PrintedCommands.command(html, "docker run --rm", suffix);
		String dryRun = PrintedCommands.command(html, "docker run --rm", " -dry-run -o " + db + " " + db);
		Path scratch = stack.data().resolve("restored-" + java.util.UUID.randomUUID() + ".sqlite3");
		Path out = Path.of("target", "litestream05-it");
		Files.createDirectories(out);
		try {
			PrintedCommands.Run plan = PrintedCommands.run(dryRun, out.resolve("dry-run.log"), Duration.ofSeconds(60));
			assertThat(plan.exit()).as("%s\n%s", dryRun, plan.output()).isZero();
			assertThat(plan.output()).contains("txid range");
			assertThat(scratch).doesNotExist();
			String command = restore.replace("-o " + db + " " + db, "-o " + scratch + " " + db);
			PrintedCommands.Run run = PrintedCommands.run(command, out.resolve("restore.log"), Duration.ofSeconds(120));
			assertThat(run.exit()).as("%s\n%s", command, run.output()).isZero();
			assertThat(run.output()).contains("post-restore integrity check passed");
			try (java.sql.Connection c = java.sql.DriverManager
				.getConnection("jdbc:sqlite:file:" + scratch + "?mode=ro");
					java.sql.Statement st = c.createStatement();
					java.sql.ResultSet rs = st.executeQuery("SELECT max(created_at), count(*) FROM events")) {
				assertThat(rs.next()).isTrue();
				Instant newest = LocalDateTime.parse(rs.getString(1).replace(' ', 'T')).toInstant(ZoneOffset.UTC);
				// A file is taken when its own time (its newest change's) is before the
				// -timestamp; level 0 still holds a file per 1 s sync 10 s back.
				assertThat(newest).isBefore(at).isAfter(at.minusSeconds(20));
				assertThat(rs.getLong(2)).isPositive().isLessThan(stack.writer("production").rows());
				log.info("MEASURED 0.5 point-in-time restore to {}: newest row {} ms before it", at,
						Duration.between(newest, at).toMillis());
			}
		}
		finally {
			for (String s : List.of("", "-wal", "-shm")) {
				Files.deleteIfExists(Path.of(scratch + s));
			}
		}
	}

	/**
	 * A switch that hangs (longer than the 2 s heartbeat timeout) delays no poll: they go
	 * on at their interval while it hangs, HEARTBEAT_FAILED says so as a warning (never
	 * naming the check), and it clears once the switch answers again.
	 */
	@Test
	@Order(6)
	void aHangingSwitchDelaysNoPollAndIsAWarningUntilItAnswers() throws Exception {
		long before = app.sequence();
		heartbeat.mode(HeartbeatReceiver.Mode.HANG);
		try {
			Json failing = app.awaitStatus(POLL.multipliedBy(8).plusSeconds(10), "HEARTBEAT_FAILED",
					(s) -> s.strings("$.findings[*].code").contains("HEARTBEAT_FAILED"));
			assertThat(failing.strings("$.findings[?(@.code == 'HEARTBEAT_FAILED')].severity"))
				.containsExactly("warning");
			assertThat(failing.strings("$.findings[?(@.code == 'HEARTBEAT_FAILED')].message")).singleElement()
				.asString()
				.contains("no answer within 2s")
				.doesNotContain(CHECK);
			assertThat(failing.body()).doesNotContain(CHECK);
			// Each failed ping waited 2 s twice while the polls went on every 2 s.
			long during = failing.read("$.sequence", Long.class);
			app.awaitStatus(POLL.multipliedBy(4).plusSeconds(5), "3 more polls while the switch hangs",
					(s) -> s.read("$.sequence", Long.class) >= during + 3);
			log.info("MEASURED hanging switch: polls {} to {} published, HEARTBEAT_FAILED from poll {}", before,
					app.sequence(), during);
		}
		finally {
			heartbeat.mode(HeartbeatReceiver.Mode.OK);
		}
		app.awaitStatus(POLL.multipliedBy(6).plusSeconds(10), "HEARTBEAT_FAILED cleared",
				(s) -> !s.strings("$.findings[*].code").contains("HEARTBEAT_FAILED"));
	}

	/** The polls the switch was pinged for, at /fail or not, from the POST bodies. */
	private java.util.Set<Long> pingedPolls(boolean fail) {
		java.util.Set<Long> polls = new java.util.HashSet<>();
		for (HeartbeatReceiver.Ping p : heartbeat.pings()) {
			Matcher m = Pattern.compile("^Litewatch poll (\\d+): ").matcher(p.body());
			if (p.fail() == fail && m.find()) {
				polls.add(Long.parseLong(m.group(1)));
			}
		}
		return polls;
	}

	private static boolean allOk(Json s) {
		return s.code() == 200 && "ok".equals(s.read("$.status", String.class))
				&& s.read("$.databases.length()", Integer.class) == DATABASES.size()
				&& s.strings("$.databases[*].status").stream().allMatch("ok"::equals)
				&& s.strings("$.databases[*].replicas[*].status").size() == DATABASES.size()
				&& s.strings("$.databases[*].replicas[*].status").stream().allMatch("ok"::equals);
	}

	/**
	 * Polls s3proxy's filesystem backend (an object is a file under its bucket's
	 * directory) until the keys under backups/, per database, satisfy the condition.
	 */
	private Map<String, List<String>> awaitKeys(Duration timeout, String what,
			Predicate<Map<String, List<String>>> condition) {
		AtomicReference<Map<String, List<String>>> last = new AtomicReference<>(Map.of());
		try {
			return await(what).atMost(timeout)
				.pollInterval(Duration.ofMillis(250))
				// Litestream deletes L0 files (l0-retention) while they are being listed.
				.ignoreExceptionsMatching((e) -> e instanceof IOException || e instanceof java.io.UncheckedIOException)
				.until(() -> {
					last.set(keys(stack.s3().blobDir().resolve("backups")));
					return last.get();
				}, condition);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Timed out after " + timeout.toSeconds() + "s waiting for " + what + "; keys: "
					+ last.get() + "; container log:\n" + stack.litestream().logs(), ex);
		}
	}

	/** The keys under s3proxy's bucket directory, by first path segment. */
	static Map<String, List<String>> keys(Path bucket) throws IOException {
		Map<String, List<String>> keys = new TreeMap<>();
		if (!Files.isDirectory(bucket)) {
			return keys;
		}
		try (Stream<Path> files = Files.walk(bucket)) {
			files.filter(Files::isRegularFile).map(bucket::relativize).sorted().forEach((p) -> {
				if (p.getNameCount() > 1) {
					keys.computeIfAbsent(p.getName(0).toString(), (db) -> new java.util.ArrayList<>())
						.add(p.subpath(1, p.getNameCount()).toString());
				}
			});
		}
		return keys;
	}

	private static void assertNoSecret(String body) {
		assertThat(body).doesNotContain(ReplicationStack.SECRET).doesNotContain(ReplicationStack.ACCESS_KEY);
	}

}
