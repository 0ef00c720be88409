package io.litewatch.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.litewatch.LitewatchApplication;
import io.litewatch.testsupport.LitestreamContainer;
import io.litewatch.testsupport.S3ProxyServer;
import io.litewatch.testsupport.SqliteWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core monitor on the real stack: a real Litestream v0.3.13 container replicates four real
 * SQLite files (a Rails 8 app's primary, cache, queue and cable databases, each with its own
 * intervals) to a real s3proxy while writers insert rows, and Litewatch runs as the Spring Boot app
 * against the same litestream.yml. The steps run in order and share that stack, as an operator's
 * day would: healthy, idle, S3 down, broken config, accessory down, restart after a checkpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorEndToEndIT {

	private static final Logger log = LoggerFactory.getLogger(MonitorEndToEndIT.class);

	/** Set for this JVM by the failsafe configuration, exactly as Kamal gives them to the accessory. */
	static final String ACCESS_KEY = System.getenv("LITESTREAM_ACCESS_KEY_ID");

	static final String SECRET = System.getenv("LITESTREAM_SECRET_ACCESS_KEY");

	static final Duration POLL = Duration.ofSeconds(2);

	private Path work;

	private Path config;

	private String validConfig;

	private S3ProxyServer s3;

	private LitestreamContainer litestream;

	private final Map<String, SqliteWriter> writers = new LinkedHashMap<>();

	private ConfigurableApplicationContext app;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private String base;

	private Instant cableLastWrite;

	@BeforeAll
	void startStack() throws Exception {
		assertThat(ACCESS_KEY).as("LITESTREAM_ACCESS_KEY_ID from the failsafe configuration").isNotBlank();
		work = Files.createTempDirectory("litewatch-e2e-");
		Path data = Files.createDirectories(work.resolve("data"));
		s3 = new S3ProxyServer(work.resolve("s3"), ACCESS_KEY, SECRET).start();
		s3.createBucket("backups");

		for (String name : List.of("production", "cache", "queue", "cable")) {
			SqliteWriter writer = new SqliteWriter(data.resolve(name + ".sqlite3"));
			writer.write();
			writers.put(name, writer);
		}
		cableLastWrite = Instant.now();
		writers.get("production").writeEvery(Duration.ofMillis(250));
		writers.get("queue").writeEvery(Duration.ofMillis(700));
		writers.get("cache").writeEvery(Duration.ofSeconds(2));
		// cable stays idle from here on: an idle database must not be reported stale.

		validConfig = """
				# A Rails 8 app's four databases; credentials come from LITESTREAM_* in the environment.
				dbs:
				  - path: %1$s/production.sqlite3
				    replicas:
				      - name: s3
				        url: s3://backups/production
				        endpoint: %2$s
				        sync-interval: 1s
				        snapshot-interval: 20s
				        retention: 1h
				        retention-check-interval: 10m
				  - path: %1$s/queue.sqlite3
				    replicas:
				      - name: s3
				        type: s3
				        bucket: backups
				        path: queue
				        endpoint: %2$s
				        force-path-style: true
				        sync-interval: 1s
				        snapshot-interval: 30s
				        retention: 72h
				  - path: %1$s/cache.sqlite3
				    replicas:
				      - name: s3
				        url: s3://backups/cache
				        endpoint: %2$s
				        sync-interval: 5s
				        retention: 24h
				  - path: %1$s/cable.sqlite3
				    replicas:
				      - name: s3
				        url: s3://backups/cable
				        endpoint: %2$s
				        sync-interval: 5s
				        retention: 24h
				""".formatted(data, s3.endpoint());
		config = work.resolve("litestream.yml");
		Files.writeString(config, validConfig);

		litestream = new LitestreamContainer(data, config,
				Map.of("LITESTREAM_ACCESS_KEY_ID", ACCESS_KEY, "LITESTREAM_SECRET_ACCESS_KEY", SECRET));
		litestream.start();

		app = new SpringApplicationBuilder(LitewatchApplication.class).run("--server.port=0",
				"--litewatch.litestream-config=" + config, "--litewatch.poll-interval=" + POLL.toSeconds() + "s",
				"--litewatch.docker.container=" + litestream.name(), "--litewatch.docker.generations-interval=20s",
				"--litewatch.docker.exec-timeout=5s", "--litewatch.s3.api-call-timeout=3s",
				"--litewatch.data-dir=" + work.resolve("litewatch-data"));
		base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
	}

	@AfterAll
	void stopStack() throws Exception {
		if (app != null) {
			app.close();
		}
		for (SqliteWriter writer : writers.values()) {
			writer.close();
		}
		if (litestream != null) {
			Files.writeString(work.resolve("litestream-container.log"), litestream.logs());
			litestream.close();
		}
		if (s3 != null) {
			s3.close();
		}
	}

	@Test
	@Order(1)
	void everyDatabaseIsOkWithSaneFigures() throws Exception {
		Status status = awaitStatus(Duration.ofSeconds(90), "all four databases ok",
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
			assertThat(json.read(replica + ".walSegmentCount", Long.class)).isGreaterThanOrEqualTo(1);
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

		// A steady-state poll lists the generations, then each generation's snapshots and new WAL.
		Status steady = awaitStatus(Duration.ofSeconds(20), "a steady-state poll", (s) -> s.code() == 200);
		List<Integer> requests = steady.json().read("$.databases[*].replicas[*].s3Requests");
		log.info("MEASURED s3 requests per replica in a steady-state poll: {} (total {}), poll took {} ms", requests,
				requests.stream().mapToInt(Integer::intValue).sum(), steady.json().read("$.pollDurationMs", Long.class));
		assertThat(requests).allSatisfy((n) -> assertThat(n).isBetween(3, 5));

		assertNoSecret(status.body());
		HttpResponse<String> page = get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("production", "queue", "cache", "cable", "hx-get", "htmx.min.js");
		assertNoSecret(page.body());
		HttpResponse<String> fragment = http.send(
				HttpRequest.newBuilder(URI.create(base + "/")).header("HX-Request", "true").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(fragment.body()).contains("id=\"status\"").doesNotContain("<html");
		HttpResponse<String> htmx = get("/webjars/htmx.org/dist/htmx.min.js");
		assertThat(htmx.statusCode()).isEqualTo(200);
	}

	@Test
	@Order(2)
	void anIdleDatabaseIsNotStale() throws Exception {
		Status status = awaitStatus(Duration.ofSeconds(90), "cable idle for 40s",
				(s) -> Duration.between(Instant.parse(s.json().read("$.databases[3].replicas[0].lastSyncAt")),
						Instant.parse(s.json().read("$.checkedAt"))).toSeconds() > 40);
		assertThat(status.json().read("$.databases[3].status", String.class)).isEqualTo("ok");
		assertThat(status.json().read("$.databases[3].replicas[0].lagSeconds", Double.class)).isLessThanOrEqualTo(1.0);
		log.info("cable idle since {} (last write {}), still ok", status.json().read("$.databases[3].replicas[0].lastSyncAt"),
				cableLastWrite);
	}

	@Test
	@Order(3)
	void s3OutageIsReportedAndRecovers() throws Exception {
		s3.stop();
		try {
			Status down = awaitStatus(Duration.ofSeconds(30), "S3_UNREACHABLE on every replica",
					(s) -> s.code() == 503 && s.strings("$.databases[*].replicas[*].findings[*].code")
						.stream()
						.filter("S3_UNREACHABLE"::equals)
						.count() == 4);
			assertThat(down.json().read("$.status", String.class)).isEqualTo("critical");
			assertThat(get("/").statusCode()).isEqualTo(200);
			assertNoSecret(down.body());
		}
		finally {
			s3.start();
		}
		awaitStatus(Duration.ofSeconds(60), "ok again after S3 is back",
				(s) -> s.code() == 200 && s.strings("$.databases[*].status").stream().allMatch("ok"::equals));
	}

	@Test
	@Order(4)
	void brokenConfigIsReportedAndThePageStillRenders() throws Exception {
		Files.writeString(config, validConfig.replace("sync-interval: 1s\n        snapshot-interval: 20s",
				"sync-interval: 1s\n      snapshot-interval: [20s"));
		try {
			Status broken = awaitStatus(Duration.ofSeconds(20), "CONFIG_INVALID",
					(s) -> s.strings("$.findings[*].code").contains("CONFIG_INVALID"));
			assertThat(broken.code()).isEqualTo(503);
			assertThat(broken.json().read("$.config.valid", Boolean.class)).isFalse();
			assertThat(broken.json().read("$.config.errorLine", Integer.class)).isPositive();
			assertThat(broken.json().read("$.config.usingLastValid", Boolean.class)).isTrue();
			// The last valid config keeps the databases on the page.
			assertThat(broken.json().read("$.databases.length()", Integer.class)).isEqualTo(4);
			HttpResponse<String> page = get("/");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("CONFIG_INVALID", config.toString(), "production");
		}
		finally {
			Files.writeString(config, validConfig);
		}
		awaitStatus(Duration.ofSeconds(30), "config valid again",
				(s) -> s.code() == 200 && s.json().read("$.config.valid", Boolean.class));
	}

	@Test
	@Order(5)
	void stoppedAccessoryTurnsCriticalAndARestartAfterACheckpointChangesTheGeneration() throws Exception {
		Status before = status();
		String generation = before.json().read("$.databases[0].replicas[0].generation");

		Instant stoppedAt = Instant.now();
		litestream.stop();
		Status down = awaitStatus(Duration.ofSeconds(30), "503 with ACCESSORY_DOWN",
				(s) -> s.code() == 503 && s.strings("$.databases[*].findings[*].code").contains("ACCESSORY_DOWN"));
		Duration toCritical = Duration.between(stoppedAt, Instant.now());
		log.info("MEASURED container stop -> /api/status 503: {} ms (poll interval {}s)", toCritical.toMillis(),
				POLL.toSeconds());
		assertThat(down.json().read("$.accessory.running", Boolean.class)).isFalse();
		Status stale = awaitStatus(Duration.ofSeconds(40), "REPLICA_STALE on the busy primary",
				(s) -> s.strings("$.databases[0].replicas[0].findings[*].code").contains("REPLICA_STALE"));
		assertThat(stale.strings("$.databases[3].replicas[0].findings[*].code")).doesNotContain("REPLICA_STALE");

		// The app checkpoints while Litestream is away: the WAL restarts under Litestream's feet.
		SqliteWriter production = writers.get("production");
		production.pause();
		production.checkpointTruncate();
		production.write();
		production.resume();
		litestream.start();

		Status changed = awaitStatus(Duration.ofSeconds(60), "GENERATION_CHANGED on production",
				(s) -> s.strings("$.databases[0].replicas[0].findings[*].code").contains("GENERATION_CHANGED"));
		assertThat(changed.json().read("$.databases[0].replicas[0].generation", String.class)).isNotEqualTo(generation);
		Status recovered = awaitStatus(Duration.ofSeconds(60), "no critical finding once Litestream is back",
				(s) -> s.code() == 200);
		assertThat(recovered.json().read("$.databases[0].status", String.class)).isEqualTo("warning");
		assertThat(recovered.json().read("$.databases[3].status", String.class)).isEqualTo("ok");
	}

	// --- helpers ---

	record Status(int code, String body, DocumentContext json) {

		List<String> strings(String path) {
			List<Object> values = json.read(path);
			List<String> out = new ArrayList<>();
			for (Object v : values) {
				out.add(String.valueOf(v));
			}
			return out;
		}

	}

	private Status status() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/api/status");
		return new Status(response.statusCode(), response.body(), JsonPath.parse(response.body()));
	}

	private Status awaitStatus(Duration timeout, String what, Predicate<Status> condition) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		Status last = null;
		while (Instant.now().isBefore(deadline)) {
			last = status();
			try {
				if (condition.test(last)) {
					return last;
				}
			}
			catch (RuntimeException ex) {
				// A field not there yet: keep waiting.
			}
			Thread.sleep(500);
		}
		throw new AssertionError("Timed out after " + timeout.toSeconds() + "s waiting for " + what
				+ "; last /api/status: HTTP " + (last != null ? last.code() + " " + last.body() : "none"));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static void assertNoSecret(String body) {
		assertThat(body).doesNotContain(SECRET).doesNotContain(ACCESS_KEY);
	}

}
