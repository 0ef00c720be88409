package io.litewatch.metrics;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.litewatch.LitewatchApplication;
import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.Publish;
import io.litewatch.poll.PollCompletedEvent;
import io.litewatch.poll.PollCycle;
import io.litewatch.poll.PollResult;
import io.litewatch.testsupport.TestAccounts;

import static io.litewatch.metrics.SyntheticPolls.SECRET;
import static io.litewatch.metrics.SyntheticPolls.database;
import static io.litewatch.metrics.SyntheticPolls.inventory;
import static io.litewatch.metrics.SyntheticPolls.poll;
import static io.litewatch.metrics.SyntheticPolls.replica;
import static io.litewatch.metrics.SyntheticPolls.withDrills;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real application without Docker (the Engine address is a closed port, S3 too):
 * {@code /actuator/prometheus} shows what {@code /api/status} shows, for a hand-built
 * poll published as the poll cycle publishes it, and for real polls of a litestream.yml
 * that loses a database. The poll interval is an hour: only the first poll runs by
 * itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusEndpointTest {

	static final String YML_SECRET = "yml-secret-0123456789abcdef";

	@TempDir
	static Path work;

	ConfigurableApplicationContext context;

	String base;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	void start() throws IOException {
		int closed = closedPort();
		writeConfig("production", "queue");
		List<String> args = new ArrayList<>(TestAccounts.arguments());
		args.addAll(List.of("--server.port=0", "--litewatch.litestream-config=" + work.resolve("litestream.yml"),
				"--litewatch.data-dir=" + work.resolve("data"), "--litewatch.poll-interval=1h",
				"--litewatch.docker.host=tcp://127.0.0.1:" + closed, "--litewatch.docker.api-timeout=2s",
				"--litewatch.s3.api-call-timeout=2s", "--litewatch.inventory.enabled=false",
				"--litewatch.environment.S3_ENDPOINT=http://127.0.0.1:" + closed,
				"--litewatch.environment.S3_SECRET=" + YML_SECRET));
		context = new SpringApplicationBuilder(LitewatchApplication.class).run(args.toArray(String[]::new));
		base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
		await().atMost(Duration.ofSeconds(60)).until(() -> context.getBean(LatestPoll.class).get().isPresent());
	}

	@AfterAll
	void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void aPublishedPollIsWhatTheGaugesShowAndWhatApiStatusShows() throws Exception {
		PollResult poll = poll(1000, Instant.now(), List.of(),
				withDrills(database("production", replica("s3", Duration.ofMillis(2_500), inventory()))),
				database("queue",
						replica("s3", Duration.ofSeconds(303), Finding.critical(FindingCode.REPLICA_STALE, "stale"))));
		publish(poll);

		PrometheusText metrics = prometheus();
		DocumentContext status = status();

		String[] production = { "database", "production", "replica", "s3" };
		String[] queue = { "database", "queue", "replica", "s3" };
		assertThat(metrics.value("litewatch_replica_lag_seconds", production)).isEqualTo(2.5)
			.isEqualTo(status.read("$.databases[0].replicas[0].lagSeconds", Double.class));
		assertThat(metrics.value("litewatch_replica_lag_seconds", queue)).isEqualTo(303)
			.isEqualTo(status.read("$.databases[1].replicas[0].lagSeconds", Double.class));
		assertThat(metrics.value("litewatch_replica_snapshot_age_seconds", production)).isEqualTo(1200.5)
			.isEqualTo(status.read("$.databases[0].replicas[0].snapshotAgeSeconds", Double.class));
		assertThat(metrics.value("litewatch_replica_restore_window_seconds", production)).isEqualTo(72_000)
			.isEqualTo(status.read("$.databases[0].replicas[0].restoreWindow.seconds", Double.class));
		assertThat(metrics.value("litewatch_replica_status", production)).isZero();
		assertThat(metrics.value("litewatch_replica_status", queue)).isEqualTo(2);
		assertThat(metrics.value("litewatch_database_status", "database", "queue")).isEqualTo(2);
		assertThat(metrics.value("litewatch_replica_wal_segments", production))
			.isEqualTo(status.read("$.databases[0].replicas[0].walSegmentCount", Double.class));
		assertThat(metrics.value("litewatch_replica_wal_size_bytes", production))
			.isEqualTo(status.read("$.databases[0].replicas[0].walBytes", Double.class));
		assertThat(metrics.value("litewatch_replica_s3_requests", production)).isEqualTo(3);
		assertThat(metrics.value("litewatch_replica_inventory_wal_segments", production))
			.isEqualTo(status.read("$.databases[0].replicas[0].inventory.walSegments", Double.class));
		assertThat(metrics.value("litewatch_replica_inventory_wal_size_bytes", production)).isEqualTo(4_000_000);
		assertThat(metrics.value("litewatch_replica_inventory_wal_gaps", production)).isEqualTo(3);
		assertThat(metrics.value("litewatch_replica_inventory_progress", production)).isEqualTo(0.4)
			.isEqualTo(status.read("$.databases[0].replicas[0].inventory.progress", Double.class));
		assertThat(metrics.find("litewatch_replica_inventory_progress", queue)).isEmpty();
		String drill = "$.databases[0].drills.last[0].";
		assertThat(metrics.value("litewatch_replica_drill_outcome", production)).isZero();
		assertThat(status.read(drill + "outcome", String.class)).isEqualTo("PASSED");
		assertThat(metrics.value("litewatch_replica_drill_outcome", "database", "production", "replica", "offsite"))
			.isEqualTo(1);
		assertThat(metrics.value("litewatch_replica_drill_duration_seconds", production)).isEqualTo(1.25)
			.isEqualTo(status.read(drill + "tookMs", Double.class) / 1000);
		assertThat(metrics.value("litewatch_replica_drill_restored_size_bytes", production)).isEqualTo(90_112)
			.isEqualTo(status.read(drill + "restoredBytes", Double.class));
		assertThat(metrics.value("litewatch_replica_drill_rpo_seconds", production)).isEqualTo(0.5)
			.isEqualTo(status.read(drill + "achievedRpoSeconds", Double.class));
		assertThat(metrics.value("litewatch_replica_drill_point_outcome", production)).isZero();
		assertThat(metrics.value("litewatch_replica_drill_started_timestamp_seconds", production))
			.isEqualTo(Instant.parse(status.read(drill + "startedAt", String.class)).getEpochSecond());
		assertThat(metrics.value("litewatch_database_drill_last_passed_timestamp_seconds", "database", "production"))
			.isEqualTo(Instant.parse(status.read("$.databases[0].drills.lastPassedAt", String.class)).getEpochSecond());
		assertThat(metrics.find("litewatch_replica_drill_outcome", queue)).isEmpty();
		assertThat(metrics.value("litewatch_findings", "code", "REPLICA_STALE", "severity", "critical")).isEqualTo(1);
		assertThat(metrics.value("litewatch_findings", "code", "NO_REPLICA", "severity", "critical")).isZero();
		assertThat(metrics.value("litewatch_status")).isEqualTo(2);
		assertThat(status.read("$.status", String.class)).isEqualTo("critical");
		assertThat(metrics.value("litewatch_poll_sequence")).isEqualTo(1000);
		assertThat(metrics.value("litewatch_poll_duration_seconds")).isEqualTo(0.85);
		assertThat(metrics.body()).doesNotContain(SECRET, YML_SECRET, "synthetic-key", "backups");
	}

	@Test
	void aDatabaseRemovedFromLitestreamYmlLosesItsSeriesWithTheNextPoll() throws Exception {
		PollCycle cycle = context.getBean(PollCycle.class);
		writeConfig("production", "queue");
		PollResult both = cycle.poll();
		PrometheusText before = prometheus();
		DocumentContext status = status();
		assertThat(before.value("litewatch_poll_sequence")).isEqualTo(both.sequence());
		for (String db : List.of("production", "queue")) {
			String label = status.read("$.databases[?(@.name == '" + db + "')].status", List.class).get(0).toString();
			assertThat(before.value("litewatch_database_status", "database", db)).isEqualTo(level(label));
			assertThat(before.find("litewatch_replica_status", "database", db)).hasSize(1);
		}

		writeConfig("production");
		PollResult one = cycle.poll();

		PrometheusText after = prometheus();
		assertThat(one.databases()).extracting((db) -> db.name()).containsExactly("production");
		assertThat(after.find("litewatch_database_status", "database", "queue")).isEmpty();
		assertThat(after.find("litewatch_replica_status", "database", "queue")).isEmpty();
		assertThat(after.find("litewatch_replica_status", "database", "production")).hasSize(1);
		assertThat(after.value("litewatch_poll_sequence")).isEqualTo(one.sequence());
		assertThat(after.body()).doesNotContain(YML_SECRET);
	}

	private void publish(PollResult poll) {
		// As PollCycle does: first where requests read it, then the event.
		Publish.poll(context.getBean(LatestPoll.class), poll);
		context.publishEvent(new PollCompletedEvent(poll));
	}

	private PrometheusText prometheus() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		return PrometheusText.parse(response.body());
	}

	private DocumentContext status() throws Exception {
		return JsonPath.parse(get("/api/status").body());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		// Scraped as Prometheus would be: with a read token (README, Access).
		return http.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", "Bearer " + TestAccounts.TOKEN)
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static double level(String status) {
		return switch (status) {
			case "ok" -> 0;
			case "warning" -> 1;
			case "critical" -> 2;
			default -> throw new IllegalArgumentException(status);
		};
	}

	private void writeConfig(String... databases) throws IOException {
		StringBuilder yml = new StringBuilder("dbs:\n");
		for (String db : databases) {
			yml.append("""
					  - path: /data/%s.sqlite3
					    replicas:
					      - type: s3
					        bucket: backups
					        path: %s
					        endpoint: ${S3_ENDPOINT}
					        region: us-east-1
					        force-path-style: true
					        access-key-id: metrics-test-key
					        secret-access-key: ${S3_SECRET}
					""".formatted(db, db));
		}
		Files.writeString(work.resolve("litestream.yml"), yml);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
