package io.litewatch.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.litewatch.testsupport.CrashingContainer;
import io.litewatch.testsupport.LitewatchApp;
import io.litewatch.testsupport.LitewatchApp.Json;
import io.litewatch.testsupport.Notifications;
import io.litewatch.testsupport.Notifications.Hook;
import io.litewatch.testsupport.ReplicationStack;
import io.litewatch.testsupport.WebhookReceiver;

import static io.litewatch.testsupport.FaultWatch.awaitShown;
import static io.litewatch.testsupport.FaultWatch.codes;
import static io.litewatch.testsupport.FaultWatch.eachPoll;
import static io.litewatch.testsupport.FaultWatch.messages;
import static io.litewatch.testsupport.FaultWatch.severities;
import static io.litewatch.testsupport.FaultWatch.unheldCodes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix, part two: faults in what a Litewatch is told to watch, each seen by a
 * Litewatch of its own beside one healthy real stack (Litestream 0.3.13 container,
 * s3proxy, SQLite writers) that keeps replicating all along: S3 credentials refused, a
 * bucket that does not exist, an accessory container that does not exist, and one that
 * crash-loops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultMatrixSideAppsIT {

	private static final Logger log = LoggerFactory.getLogger(FaultMatrixSideAppsIT.class);

	static final Duration WAIT = Duration.ofSeconds(60);

	static final String ROTATED_SECRET = "rotated-secret-5e4d3c2b1a";

	private ReplicationStack stack;

	@BeforeAll
	void start() throws Exception {
		stack = new ReplicationStack(List.of(new ReplicationStack.Db("production", Duration.ofMillis(300), """
				sync-interval: 1s
				snapshot-interval: 1m
				retention: 24h"""), new ReplicationStack.Db("cable", null, """
				sync-interval: 5s
				retention: 24h""")));
	}

	@AfterAll
	void stop() throws Exception {
		if (stack != null) {
			stack.close();
		}
	}

	/** A Litewatch on its own litestream.yml and data dir, paging its own receiver. */
	private LitewatchApp sideApp(String name, Path config, String container, WebhookReceiver receiver, String... more) {
		List<String> args = new ArrayList<>(List.of("--litewatch.litestream-config=" + config,
				"--litewatch.data-dir=" + stack.work().resolve("litewatch-" + name), "--litewatch.poll-interval=2s",
				"--litewatch.docker.container=" + container, "--litewatch.docker.exec-timeout=5s",
				"--litewatch.s3.api-call-timeout=3s", "--litewatch.alerts.for-polls=2",
				"--litewatch.alerts.repeat-interval=1h", "--litewatch.alerts.dispatch-interval=500ms",
				"--litewatch.alerts.retry-initial=1s", "--litewatch.alerts.webhooks[0].name=ops",
				"--litewatch.alerts.webhooks[0].url=" + receiver.url("/hook")));
		args.addAll(List.of(more));
		return new LitewatchApp(args.toArray(String[]::new));
	}

	private static Json awaitHealthy(LitewatchApp app) throws Exception {
		return app.awaitStatus(Duration.ofSeconds(90), "both databases ok",
				(s) -> s.code() == 200 && s.strings("$.databases[*].status").stream().allMatch("ok"::equals));
	}

	/**
	 * Litewatch's copy of litestream.yml is rewritten in place while it runs (the
	 * accessory keeps its own, valid one): first with a key S3 refuses, then with a
	 * bucket that does not exist, each fixed before the next.
	 */
	@Test
	@Order(1)
	void refusedCredentialsAndAMissingBucket() throws Exception {
		Path config = Files.createDirectories(stack.work().resolve("side")).resolve("litestream.yml");
		Files.writeString(config, stack.validConfig());
		String endpointLine = "        endpoint: " + stack.s3().endpoint() + "\n";
		assertThat(stack.validConfig()).contains(endpointLine);
		try (WebhookReceiver receiver = new WebhookReceiver();
				LitewatchApp app = sideApp("s3-access", config, stack.litestream().name(), receiver,
						"--litewatch.environment.ROTATED_SECRET=" + ROTATED_SECRET)) {
			Notifications hooks = new Notifications(receiver);
			awaitHealthy(app);

			hooks.mark();
			Json refused = inject(app, config, "s3-credentials-refused", "credentials refused",
					stack.validConfig()
						.replace(endpointLine, endpointLine + "        access-key-id: ${LITESTREAM_ACCESS_KEY_ID}\n"
								+ "        secret-access-key: ${ROTATED_SECRET}\n"));
			assertThat(messages(refused, "S3_UNREACHABLE"))
				.allSatisfy((m) -> assertThat(m).contains("denied", "check the credentials"));
			assertThat(refused.body()).doesNotContain(ROTATED_SECRET, ReplicationStack.SECRET);
			fix(app, config, hooks, "s3-credentials-refused");

			hooks.mark();
			Json missing = inject(app, config, "s3-bucket-missing", "bucket does not exist",
					stack.validConfig().replace("url: s3://backups/", "url: s3://no-such-bucket/"));
			assertThat(messages(missing, "S3_UNREACHABLE"))
				.allSatisfy((m) -> assertThat(m).contains("bucket 'no-such-bucket' does not exist"));
			fix(app, config, hooks, "s3-bucket-missing");
		}
	}

	/** Every replica critical with S3_UNREACHABLE, one page per database. */
	private Json inject(LitewatchApp app, Path config, String fault, String kind, String broken) throws Exception {
		Instant injected = Instant.now();
		Files.writeString(config, broken);
		Json shown = awaitShown(app, fault, "S3_UNREACHABLE", injected, WAIT,
				(s) -> s.strings("$.databases[*].replicas[*].findings[*].code")
					.stream()
					.filter("S3_UNREACHABLE"::equals)
					.count() == 2);
		assertThat(shown.code()).isEqualTo(503);
		assertThat(severities(shown, "S3_UNREACHABLE")).containsExactly("critical", "critical");
		assertThat(messages(shown, "S3_UNREACHABLE")).allSatisfy((m) -> assertThat(m).contains("(" + kind + ")"));
		List<Json> during = eachPoll(app, 4, WAIT);
		assertThat(during).allSatisfy((s) -> {
			assertThat(s.code()).isEqualTo(503);
			assertThat(unheldCodes(s)).containsOnly("S3_UNREACHABLE");
		});
		return during.get(during.size() - 1);
	}

	private void fix(LitewatchApp app, Path config, Notifications hooks, String fault) throws Exception {
		Instant fixed = Instant.now();
		Files.writeString(config, stack.validConfig());
		awaitHealthy(app);
		log.info("MEASURED fault {}: fixed -> ok after {} ms", fault,
				Duration.between(fixed, Instant.now()).toMillis());
		app.awaitPolls(3, WAIT);
		log.info("{} notifications: {}", fault, hooks.sinceMark());
		assertThat(hooks.sinceMark()).extracting(Hook::toString)
			.containsExactlyInAnyOrder("firing critical production [S3_UNREACHABLE]",
					"firing critical cable [S3_UNREACHABLE]", "resolved critical production [S3_UNREACHABLE]",
					"resolved critical cable [S3_UNREACHABLE]");
	}

	/**
	 * Pointed at a container name that does not exist (a typo, a renamed Kamal service):
	 * critical although S3 shows replicas that are fine, since nothing replicates from
	 * now on.
	 */
	@Test
	@Order(2)
	void accessoryContainerMissing() throws Exception {
		String missing = "lw-it-missing-" + UUID.randomUUID().toString().substring(0, 8);
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			Instant started = Instant.now();
			try (LitewatchApp app = sideApp("missing", stack.config(), missing, receiver)) {
				Json down = awaitShown(app, "container-missing (from app start)", "ACCESSORY_DOWN", started, WAIT,
						(s) -> s.strings("$.findings[*].code").contains("ACCESSORY_DOWN")
								&& s.strings("$.databases[*].replicas[*].generation").size() == 2);
				assertThat(down.code()).isEqualTo(503);
				assertThat(severities(down, "ACCESSORY_DOWN")).containsExactly("critical");
				assertThat(messages(down, "ACCESSORY_DOWN")).singleElement()
					.asString()
					.contains(missing, "does not exist");
				List<Json> during = eachPoll(app, 5, WAIT);
				assertThat(during).allSatisfy((s) -> {
					assertThat(s.code()).isEqualTo(503);
					assertThat(unheldCodes(s)).containsExactly("ACCESSORY_DOWN");
					assertThat(s.strings("$.databases[*].heldBy[*]")).containsOnly("ACCESSORY_DOWN").hasSize(2);
					// The listings work: the replicas are there, only nothing feeds them.
					assertThat(s.strings("$.databases[*].replicas[*].generation")).hasSize(2);
					assertThat(codes(s)).doesNotContain("S3_UNREACHABLE");
				});
				assertOnePage(new Notifications(receiver), "container-missing");
			}
		}
	}

	/**
	 * A Litestream that crashes at start and is restarted by Docker for ever: critical on
	 * every poll (restarting, or exited between two restarts) and one page, not one per
	 * crash.
	 */
	@Test
	@Order(3)
	void accessoryContainerCrashLooping() throws Exception {
		try (CrashingContainer crashing = new CrashingContainer(stack.data()).start();
				WebhookReceiver receiver = new WebhookReceiver()) {
			Instant started = Instant.now();
			try (LitewatchApp app = sideApp("crashloop", stack.config(), crashing.name(), receiver)) {
				Json down = awaitShown(app, "container-restarting (from app start)", "ACCESSORY_DOWN", started, WAIT,
						(s) -> s.strings("$.findings[*].code").contains("ACCESSORY_DOWN"));
				assertThat(down.code()).isEqualTo(503);
				assertThat(severities(down, "ACCESSORY_DOWN")).containsExactly("critical");
				// Each restart runs Litestream for a few hundred milliseconds: a poll
				// that
				// lands there sees the container running.
				List<Json> during = new ArrayList<>(List.of(down));
				during.addAll(eachPoll(app, 8, WAIT));
				List<String> said = during.stream().flatMap((s) -> messages(s, "ACCESSORY_DOWN").stream()).toList();
				log.info("container-restarting: restart count {}, per poll: {}", crashing.restartCount(),
						during.stream()
							.map((s) -> "#" + s.read("$.sequence", Long.class) + " " + s.code() + " "
									+ s.read("$.accessory.state", String.class) + " " + unheldCodes(s))
							.toList());
				assertThat(during).allSatisfy((s) -> {
					assertThat(s.code()).isEqualTo(503);
					assertThat(unheldCodes(s)).containsExactly("ACCESSORY_DOWN");
				});
				assertThat(said).anySatisfy((m) -> assertThat(m).contains("restarting", "Litestream keeps crashing"));
				assertOnePage(new Notifications(receiver), "container-restarting");
				// Docker keeps the last exit code of a restarting container: say it, or
				// nothing, but not "null".
				assertThat(said).allSatisfy((m) -> assertThat(m).doesNotContain("null"));
			}
		}
	}

	private static void assertOnePage(Notifications hooks, String fault) {
		log.info("{} notifications: {}", fault, hooks.sinceMark());
		assertThat(hooks.sinceMark()).extracting(Hook::toString)
			.containsExactly("firing critical all databases [ACCESSORY_DOWN]");
	}

}
