package io.litewatch.e2e;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.jayway.jsonpath.DocumentContext;

import io.litewatch.testsupport.LitewatchApp;
import io.litewatch.testsupport.LitewatchApp.Json;
import io.litewatch.testsupport.ReplicationStack;
import io.litewatch.testsupport.SqliteWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core monitor on the real stack: a real Litestream v0.3.13 container replicates four
 * real SQLite files (a Rails 8 app's primary, cache, queue and cable databases, each with
 * its own intervals) to a real s3proxy while writers insert rows, and Litewatch runs as
 * the Spring Boot app against the same litestream.yml. The steps run in order and share
 * that stack, as an operator's day would: healthy, idle, S3 down, broken config,
 * accessory down, restart after a checkpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorEndToEndIT {

	private static final Logger log = LoggerFactory.getLogger(MonitorEndToEndIT.class);

	static final Duration POLL = Duration.ofSeconds(2);

	private ReplicationStack stack;

	private LitewatchApp app;

	private Instant cableLastWrite;

	@BeforeAll
	void startStack() throws Exception {
		stack = new ReplicationStack(List.of(new ReplicationStack.Db("production", Duration.ofMillis(250), """
				sync-interval: 1s
				snapshot-interval: 20s
				retention: 1h
				retention-check-interval: 10m"""), new ReplicationStack.Db("queue", Duration.ofMillis(700), """
				sync-interval: 1s
				snapshot-interval: 30s
				retention: 72h"""), new ReplicationStack.Db("cache", Duration.ofSeconds(2), """
				sync-interval: 5s
				retention: 24h"""),
				// cable stays idle after its first write: an idle database must not be
				// reported stale.
				new ReplicationStack.Db("cable", null, """
						sync-interval: 5s
						retention: 24h""")));
		cableLastWrite = Instant.now();
		app = new LitewatchApp("--litewatch.litestream-config=" + stack.config(),
				"--litewatch.data-dir=" + stack.work().resolve("litewatch-data"),
				"--litewatch.poll-interval=" + POLL.toSeconds() + "s",
				"--litewatch.docker.container=" + stack.litestream().name(),
				"--litewatch.docker.generations-interval=20s", "--litewatch.docker.exec-timeout=5s",
				"--litewatch.s3.api-call-timeout=3s");
	}

	@AfterAll
	void stopStack() throws Exception {
		if (app != null) {
			app.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Order(1)
	void everyDatabaseIsOkWithSaneFigures() throws Exception {
		Json status = app.awaitStatus(Duration.ofSeconds(90), "all four databases ok",
				(s) -> s.code() == 200 && s.json().read("$.databases.length()", Integer.class) == 4
						&& s.strings("$.databases[*].status").stream().allMatch("ok"::equals)
						&& s.strings("$.databases[*].replicas[*].generation").size() == 4);
		DocumentContext json = status.json();
		assertThat(json.read("$.status", String.class)).isEqualTo("ok");
		assertThat(status.strings("$.databases[*].name")).containsExactly("production", "queue", "cache", "cable");
		for (int i = 0; i < 4; i++) {
			String replica = "$.databases[" + i + "].replicas[0]";
			assertThat(json.read(replica + ".generation", String.class)).matches("[0-9a-f]{16}");
			assertThat(json.read(replica + ".snapshotCount", Integer.class)).isGreaterThanOrEqualTo(1);
			// No count of WAL segments: the tail from the newest snapshot's index on is
			// empty
			// right after a snapshot.
			assertThat(json.read(replica + ".lagSource", String.class)).isEqualTo("db-file");
			assertThat(json.read(replica + ".lagSeconds", Double.class)).isLessThan(10.0);
			assertThat(json.read(replica + ".restoreWindow.from", String.class)).isNotNull();
			assertThat(json.read(replica + ".findings.length()", Integer.class)).isZero();
		}
		assertThat(json.read("$.databases[0].replicas[0].intervals.sync", String.class)).isEqualTo("1s");
		assertThat(json.read("$.databases[0].replicas[0].intervals.snapshot", String.class)).isEqualTo("20s");
		assertThat(json.read("$.databases[2].replicas[0].intervals.snapshot", String.class)).isNull();
		assertThat(json.read("$.accessory.state", String.class)).isEqualTo("running");
		assertThat(json.read("$.accessory.apiVersion", String.class)).isNotBlank();
		assertThat(json.read("$.accessory.litestreamVersion", String.class)).isEqualTo("v0.3.13");
		assertThat(json.read("$.litewatch.version", String.class)).isEqualTo("0.1.0-SNAPSHOT");
		assertThat(json.read("$.litewatch.commit", String.class)).matches("[0-9a-f]{7,}");

		// A steady-state poll lists the generation ids and the current generation's new
		// WAL, and its snapshots only while the next one is due.
		Json steady = app.awaitPolls(2, Duration.ofSeconds(20));
		List<Integer> requests = steady.json().read("$.databases[*].replicas[*].s3Requests");
		log.info("MEASURED s3 requests per replica in a steady-state poll: {} (total {}), poll took {} ms", requests,
				requests.stream().mapToInt(Integer::intValue).sum(),
				steady.json().read("$.pollDurationMs", Long.class));
		assertThat(requests).allSatisfy((n) -> assertThat(n).isBetween(2, 3));

		// Poll duration for the four databases over ten consecutive polls (a measurement,
		// not a bound).
		java.util.List<Long> durations = new java.util.ArrayList<>();
		long lastSequence = -1;
		while (durations.size() < 10) {
			Json sample = app.status();
			long sequence = sample.read("$.sequence", Long.class);
			if (sequence != lastSequence) {
				durations.add(sample.read("$.pollDurationMs", Long.class));
				lastSequence = sequence;
			}
			app.awaitPolls(1, Duration.ofSeconds(20));
		}
		java.util.List<Long> sorted = durations.stream().sorted().toList();
		log.info("MEASURED poll duration, four databases, 10 polls: min {} ms, median {} ms, max {} ms (all: {})",
				sorted.get(0), sorted.get(5), sorted.get(9), durations);

		assertNoSecret(status.body());
		HttpResponse<String> page = app.get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("production", "queue", "cache", "cable", "hx-get", "htmx.min.js");
		assertNoSecret(page.body());
		HttpResponse<String> fragment = app.send(HttpRequest.newBuilder(app.uri("/")).header("HX-Request", "true"));
		assertThat(fragment.body()).contains("id=\"status\"").doesNotContain("<html");
		HttpResponse<String> htmx = app.get("/webjars/htmx.org/dist/htmx.min.js");
		assertThat(htmx.statusCode()).isEqualTo(200);
	}

	@Test
	@Order(2)
	void anIdleDatabaseIsNotStale() throws Exception {
		Json status = app.awaitStatus(Duration.ofSeconds(90), "cable idle for 40s",
				(s) -> Duration
					.between(Instant.parse(s.json().read("$.databases[3].replicas[0].lastSyncAt")),
							Instant.parse(s.json().read("$.checkedAt")))
					.toSeconds() > 40);
		assertThat(status.json().read("$.databases[3].status", String.class)).isEqualTo("ok");
		assertThat(status.json().read("$.databases[3].replicas[0].lagSeconds", Double.class)).isLessThanOrEqualTo(1.0);
		log.info("cable idle since {} (last write {}), still ok",
				status.json().read("$.databases[3].replicas[0].lastSyncAt"), cableLastWrite);
	}

	@Test
	@Order(3)
	void s3OutageIsReportedAndRecovers() throws Exception {
		stack.s3().stop();
		try {
			Json down = app.awaitStatus(Duration.ofSeconds(30), "S3_UNREACHABLE on every replica",
					(s) -> s.code() == 503 && s.strings("$.databases[*].replicas[*].findings[*].code")
						.stream()
						.filter("S3_UNREACHABLE"::equals)
						.count() == 4);
			assertThat(down.json().read("$.status", String.class)).isEqualTo("critical");
			assertThat(app.get("/").statusCode()).isEqualTo(200);
			assertNoSecret(down.body());
		}
		finally {
			stack.s3().start();
		}
		app.awaitStatus(Duration.ofSeconds(60), "ok again after S3 is back",
				(s) -> s.code() == 200 && s.strings("$.databases[*].status").stream().allMatch("ok"::equals));
	}

	@Test
	@Order(4)
	void brokenConfigIsReportedAndThePageStillRenders() throws Exception {
		stack.writeConfig(stack.validConfig()
			.replace("sync-interval: 1s\n        snapshot-interval: 20s",
					"sync-interval: 1s\n      snapshot-interval: [20s"));
		try {
			Json broken = app.awaitStatus(Duration.ofSeconds(20), "CONFIG_INVALID",
					(s) -> s.strings("$.findings[*].code").contains("CONFIG_INVALID"));
			assertThat(broken.code()).isEqualTo(503);
			assertThat(broken.json().read("$.config.valid", Boolean.class)).isFalse();
			assertThat(broken.json().read("$.config.errorLine", Integer.class)).isPositive();
			assertThat(broken.json().read("$.config.usingLastValid", Boolean.class)).isTrue();
			// The last valid config keeps the databases on the page.
			assertThat(broken.json().read("$.databases.length()", Integer.class)).isEqualTo(4);
			HttpResponse<String> page = app.get("/");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("CONFIG_INVALID", stack.config().toString(), "production");
		}
		finally {
			stack.writeConfig(stack.validConfig());
		}
		app.awaitStatus(Duration.ofSeconds(30), "config valid again",
				(s) -> s.code() == 200 && s.json().read("$.config.valid", Boolean.class));
	}

	@Test
	@Order(5)
	void stoppedAccessoryTurnsCriticalAndARestartAfterACheckpointChangesTheGeneration() throws Exception {
		Json before = app.status();
		String generation = before.json().read("$.databases[0].replicas[0].generation");

		Instant stoppedAt = Instant.now();
		stack.litestream().stop();
		Json down = app.awaitStatus(Duration.ofSeconds(30), "503 with ACCESSORY_DOWN",
				(s) -> s.code() == 503 && s.strings("$.findings[*].code").contains("ACCESSORY_DOWN"));
		// Said once, at the top; every database says what holds it back instead of
		// repeating it.
		assertThat(down.strings("$.databases[*].findings[*].code")).doesNotContain("ACCESSORY_DOWN");
		assertThat(down.strings("$.databases[*].heldBy[*]")).containsOnly("ACCESSORY_DOWN").hasSize(4);
		assertThat(down.strings("$.databases[*].status")).containsOnly("critical");
		Duration toCritical = Duration.between(stoppedAt, Instant.now());
		log.info("MEASURED container stop -> /api/status 503: {} ms (poll interval {}s)", toCritical.toMillis(),
				POLL.toSeconds());
		assertThat(down.json().read("$.accessory.running", Boolean.class)).isFalse();
		Json stale = app.awaitStatus(Duration.ofSeconds(40), "REPLICA_STALE on the busy primary",
				(s) -> s.strings("$.databases[0].replicas[0].findings[*].code").contains("REPLICA_STALE"));
		assertThat(stale.strings("$.databases[3].replicas[0].findings[*].code")).doesNotContain("REPLICA_STALE");
		assertThat(stale.strings("$.databases[0].replicas[0].findings[?(@.code == 'REPLICA_STALE')].heldBy"))
			.containsExactly("ACCESSORY_DOWN");
		HttpResponse<String> page = app.get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).containsOnlyOnce("ACCESSORY_DOWN</code>").contains("held back by ACCESSORY_DOWN");

		// The app checkpoints while Litestream is away: the WAL restarts under
		// Litestream's feet.
		SqliteWriter production = stack.writer("production");
		production.pause();
		production.checkpointTruncate();
		production.write();
		production.resume();
		stack.litestream().start();

		Json changed = app.awaitStatus(Duration.ofSeconds(60), "GENERATION_CHANGED on production",
				(s) -> s.strings("$.databases[0].replicas[0].findings[*].code").contains("GENERATION_CHANGED"));
		assertThat(changed.json().read("$.databases[0].replicas[0].generation", String.class)).isNotEqualTo(generation);
		Json recovered = app.awaitStatus(Duration.ofSeconds(60), "no critical finding once Litestream is back",
				(s) -> s.code() == 200);
		assertThat(recovered.json().read("$.databases[0].status", String.class)).isEqualTo("warning");
		assertThat(recovered.json().read("$.databases[3].status", String.class)).isEqualTo("ok");
	}

	private static void assertNoSecret(String body) {
		assertThat(body).doesNotContain(ReplicationStack.SECRET).doesNotContain(ReplicationStack.ACCESS_KEY);
	}

}
