package io.litewatch.e2e;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.litewatch.testsupport.LitewatchApp;
import io.litewatch.testsupport.LitewatchApp.Json;
import io.litewatch.testsupport.ReplicationStack;
import io.litewatch.testsupport.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restore drills in the running app on the real stack: Litestream 0.3.13 in its container
 * replicates two databases to s3proxy, and Litewatch drills them with the same binary.
 * The steps share the stack: the scheduled drills pass, an operator's drill of a replica
 * whose snapshot is gone fails, turns /api/status red and pages the webhook, and an app
 * that cannot run Litestream at all lets the drills go overdue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrillsEndToEndIT {

	private static final Logger log = LoggerFactory.getLogger(DrillsEndToEndIT.class);

	private static final Path BINARY = Path.of("target/litestream/package/litestream").toAbsolutePath();

	private ReplicationStack stack;

	private LitewatchApp app;

	private WebhookReceiver receiver;

	@BeforeAll
	void startStack() throws Exception {
		assertThat(BINARY).as("run ./mvnw generate-test-resources").isExecutable();
		stack = new ReplicationStack(List.of(new ReplicationStack.Db("production", Duration.ofMillis(300), """
				sync-interval: 1s"""), new ReplicationStack.Db("cable", null, """
				sync-interval: 1s""")));
		// The first drill runs a second after the start and the next only in an hour: it
		// must find a snapshot to restore.
		for (String db : List.of("production", "cable")) {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> !files(stack.s3().blobDir().resolve("backups").resolve(db)).stream()
					.filter((f) -> f.endsWith(".snapshot.lz4"))
					.toList()
					.isEmpty());
		}
		receiver = new WebhookReceiver();
		app = start("first", BINARY.toString(), "1h");
	}

	LitewatchApp start(String dataDir, String binary, String interval) {
		return new LitewatchApp("--litewatch.litestream-config=" + stack.config(),
				"--litewatch.data-dir=" + stack.work().resolve(dataDir), "--litewatch.poll-interval=2s",
				"--litewatch.docker.container=" + stack.litestream().name(), "--litewatch.docker.exec-timeout=5s",
				"--litewatch.s3.api-call-timeout=3s", "--litewatch.drills.binary=" + binary,
				"--litewatch.drills.interval=" + interval, "--litewatch.drills.first-delay=1s",
				"--litewatch.drills.jitter=0s", "--litewatch.alerts.for-polls=1",
				"--litewatch.alerts.dispatch-interval=500ms", "--litewatch.alerts.webhooks[0].name=ops",
				"--litewatch.alerts.webhooks[0].url=" + receiver.url("/hook"));
	}

	@AfterAll
	void stopStack() throws Exception {
		if (app != null) {
			app.close();
		}
		if (stack != null) {
			stack.close();
		}
		if (receiver != null) {
			receiver.close();
		}
	}

	@Test
	@Order(1)
	void theScheduledDrillsOfBothDatabasesPassAndLeaveNothingBehind() throws Exception {
		Json status = app.awaitStatus(Duration.ofSeconds(120), "a passed drill of each database",
				(s) -> s.strings("$.databases[*].drills.last[0].outcome").equals(List.of("PASSED", "PASSED")));

		for (int i = 0; i < 2; i++) {
			String at = "$.databases[" + i + "].drills.";
			assertThat(status.read(at + "lastPassedAt", String.class)).isNotNull();
			assertThat(status.read(at + "intervalSeconds", Long.class)).isEqualTo(3600);
			assertThat(Instant.parse(status.read(at + "nextDueAt", String.class)))
				.as("the next drill an interval (jitter 0) after this one")
				.isEqualTo(Instant.parse(status.read(at + "last[0].startedAt", String.class)).plusSeconds(3600));
			assertThat(status.read(at + "last[0].restoredBytes", Long.class)).isPositive();
			Instant started = Instant.parse(status.read(at + "last[0].startedAt", String.class));
			assertThat(Instant.parse(status.read(at + "last[0].newestRowAt", String.class)))
				.as("the restored data's own newest row")
				.isBeforeOrEqualTo(started)
				.isAfter(i == 0 ? started.minusSeconds(30) : Instant.EPOCH);
			assertThat(status.strings("$.databases[" + i + "].findings[*].code")).doesNotContain("RESTORE_FAILED",
					"RESTORE_OVERDUE", "RPO_EXCEEDED", "RESTORE_POINT_UNREACHABLE");
			log.info("MEASURED scheduled drill of {} in the app: {} ms, achieved RPO {} s",
					status.read("$.databases[" + i + "].name", String.class),
					status.read(at + "last[0].tookMs", Long.class),
					status.read(at + "last[0].achievedRpoSeconds", Double.class));
		}
		assertThat(files(stack.work().resolve("first").resolve("drills"))).as("scratch directory").isEmpty();
		Json evidence = app.json("/api/drills/production");
		assertThat(evidence.code()).isEqualTo(200);
		assertThat(evidence.read("$.count", Integer.class)).isEqualTo(1);
		assertThat(evidence.read("$.drills[0].trigger", String.class)).isEqualTo("SCHEDULED");
		assertThat(evidence.read("$.drills[0].integrity", String.class)).isEqualTo("ok");
	}

	@Test
	@Order(2)
	void anOperatorsDrillOfAReplicaWithoutItsSnapshotFailsAndTurnsTheStatusRed() throws Exception {
		try (Stream<Path> walk = Files.walk(stack.s3().blobDir().resolve("backups").resolve("cable"))) {
			for (Path snapshot : walk.filter((p) -> p.getFileName().toString().endsWith(".snapshot.lz4")).toList()) {
				Files.delete(snapshot);
			}
		}
		String startedBefore = app.status().read("$.databases[1].drills.last[0].startedAt", String.class);

		HttpResponse<String> asked = app.session().post("/databases/cable/drills", "_csrf", app.session().csrfToken());

		assertThat(asked.statusCode()).isEqualTo(302);
		assertThat(asked.headers().firstValue("Location").orElseThrow()).endsWith("/databases/cable#drills");
		Json red = app.awaitStatus(Duration.ofSeconds(60), "cable's manual drill failed and judged",
				(s) -> !startedBefore.equals(s.read("$.databases[1].drills.last[0].startedAt", String.class))
						&& s.strings("$.databases[1].findings[*].code").contains("RESTORE_FAILED"));
		assertThat(red.code()).isEqualTo(503);
		assertThat(red.read("$.databases[1].drills.last[0].outcome", String.class)).isEqualTo("FAILED");
		assertThat(red.read("$.databases[1].drills.last[0].message", String.class))
			.startsWith("The restore failed (exit 1): ");
		assertThat(red.strings("$.databases[0].findings[*].code")).doesNotContain("RESTORE_FAILED");
		String csv = app.get("/api/drills/cable?format=csv").body();
		assertThat(csv.lines().filter((line) -> line.contains(",MANUAL,FAILED,"))).hasSize(1);
		Json evidence = app.json("/api/drills/cable");
		String output = evidence.read("$.drills[-1].litestreamOutput", String.class);
		assertThat(output).contains("level=ERROR")
			.doesNotContain(ReplicationStack.SECRET)
			.doesNotContain(ReplicationStack.ACCESS_KEY);
		String page = app.get("/databases/cable").body();
		assertThat(page).contains("data-outcome=\"FAILED\"").contains("data-testid=\"run-drill\"");

		// On call hears of it like of a stale replica: the finding pages through the
		// outbox.
		WebhookReceiver.Request paged = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> receiver.delivered()
				.stream()
				.filter((r) -> r.body().contains("\"RESTORE_FAILED\""))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		assertThat(JsonPath.<String>read(paged.body(), "$.event")).isEqualTo("firing");
		assertThat(JsonPath.<String>read(paged.body(), "$.database")).isEqualTo("cable");
		assertThat(JsonPath.<String>read(paged.body(), "$.severity")).isEqualTo("critical");
		assertThat(JsonPath.<List<String>>read(paged.body(), "$.alerts[?(@.code == 'RESTORE_FAILED')].message"))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains("The restore drill of cable from s3")
			.contains("cannot find snapshot index by timestamp");
		assertThat(paged.body()).doesNotContain(ReplicationStack.SECRET).doesNotContain(ReplicationStack.ACCESS_KEY);
		log.info("MEASURED manual drill of cable without its snapshot: {}",
				red.read("$.databases[1].drills.last[0].message", String.class));
	}

	@Test
	@Order(3)
	void withoutALitestreamBinaryTheDrillsAreRefusedAndGoOverdue() throws Exception {
		app.close();
		app = start("second", stack.work().resolve("no-litestream").toString(), "3s");

		Json overdue = app.awaitStatus(Duration.ofSeconds(60), "production's drills overdue",
				(s) -> s.strings("$.databases[0].findings[*].code").contains("RESTORE_OVERDUE"));

		assertThat(overdue.read("$.databases[0].drills.last[0].outcome", String.class)).isEqualTo("REFUSED");
		assertThat(overdue.read("$.databases[0].drills.last[0].message", String.class))
			.contains("set litewatch.drills.binary");
		assertThat(overdue.read("$.databases[0].drills.lastPassedAt", String.class)).isNull();
		assertThat(overdue.strings("$.databases[0].findings[?(@.code == 'RESTORE_OVERDUE')].severity"))
			.containsOnly("warning");
		assertThat(overdue.strings("$.databases[0].findings[*].code")).doesNotContain("RESTORE_FAILED");
	}

	static List<String> files(Path dir) throws Exception {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			return walk.filter(Files::isRegularFile).map(Path::toString).toList();
		}
	}

}
