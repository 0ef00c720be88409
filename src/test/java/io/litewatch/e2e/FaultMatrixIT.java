package io.litewatch.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

import io.litewatch.testsupport.FaultProxy;
import io.litewatch.testsupport.LitewatchApp;
import io.litewatch.testsupport.LitewatchApp.Json;
import io.litewatch.testsupport.Notifications;
import io.litewatch.testsupport.Notifications.Hook;
import io.litewatch.testsupport.ReplicationStack;
import io.litewatch.testsupport.WebhookReceiver;

import static io.litewatch.testsupport.FaultWatch.awaitShown;
import static io.litewatch.testsupport.FaultWatch.codes;
import static io.litewatch.testsupport.FaultWatch.eachPoll;
import static io.litewatch.testsupport.FaultWatch.eachPollUntil;
import static io.litewatch.testsupport.FaultWatch.longestGap;
import static io.litewatch.testsupport.FaultWatch.messages;
import static io.litewatch.testsupport.FaultWatch.severities;
import static io.litewatch.testsupport.FaultWatch.summary;
import static io.litewatch.testsupport.FaultWatch.unheldCodes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix, part one: faults between one Litewatch and what it watches, on one
 * real stack (Litestream 0.3.13 container, s3proxy, SQLite writers). S3 is reached
 * through a {@link FaultProxy} by Litestream and Litewatch alike, and Litewatch reaches
 * the Docker Engine through another one in front of {@code /var/run/docker.sock}. The
 * faults run one after another; each counts notifications from its own mark and waits for
 * the stack to be healthy again before the next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultMatrixIT {

	private static final Logger log = LoggerFactory.getLogger(FaultMatrixIT.class);

	static final Duration WAIT = Duration.ofSeconds(60);

	private FaultProxy s3Proxy;

	private FaultProxy dockerProxy;

	private ReplicationStack stack;

	private WebhookReceiver receiver;

	private Notifications hooks;

	private LitewatchApp app;

	@BeforeAll
	void start() throws Exception {
		stack = new ReplicationStack(List.of(new ReplicationStack.Db("production", Duration.ofMillis(300), """
				sync-interval: 1s
				snapshot-interval: 1m
				retention: 24h"""), new ReplicationStack.Db("cable", null, """
				sync-interval: 5s
				retention: 24h""")), (s3) -> {
			s3Proxy = FaultProxy.toLoopbackPort(s3.port()).start();
			return s3Proxy.httpEndpoint();
		});
		dockerProxy = FaultProxy.toUnixSocket(Path.of("/var/run/docker.sock")).start();
		receiver = new WebhookReceiver();
		hooks = new Notifications(receiver);
		app = new LitewatchApp("--litewatch.litestream-config=" + stack.config(), "--litewatch.data-dir=" + dataDir(),
				"--litewatch.poll-interval=2s", "--litewatch.docker.host=" + dockerProxy.dockerHost(),
				"--litewatch.docker.container=" + stack.litestream().name(), "--litewatch.docker.exec-timeout=5s",
				"--litewatch.s3.api-call-timeout=3s", "--litewatch.alerts.for-polls=2",
				"--litewatch.alerts.repeat-interval=1h", "--litewatch.alerts.dispatch-interval=500ms",
				"--litewatch.alerts.retry-initial=1s", "--litewatch.alerts.webhooks[0].name=ops",
				"--litewatch.alerts.webhooks[0].url=" + receiver.url("/hook"));
	}

	private Path dataDir() {
		return stack.work().resolve("litewatch-data");
	}

	@AfterAll
	void stop() throws Exception {
		if (app != null) {
			app.close();
		}
		if (receiver != null) {
			receiver.close();
		}
		if (stack != null) {
			stack.close();
		}
		if (dockerProxy != null) {
			dockerProxy.close();
		}
		if (s3Proxy != null) {
			s3Proxy.close();
		}
	}

	private Json awaitHealthy() throws Exception {
		return app.awaitStatus(Duration.ofSeconds(90), "both databases ok",
				(s) -> s.code() == 200 && s.strings("$.databases[*].status").stream().allMatch("ok"::equals));
	}

	@Test
	@Order(1)
	void healthyThroughBothProxies() throws Exception {
		hooks.mark();
		Json ok = awaitHealthy();
		assertThat(ok.strings("$.databases[*].replicas[*].generation")).hasSize(2);
		assertThat(ok.read("$.accessory.running", Boolean.class)).isTrue();
		app.awaitPolls(3, WAIT);
		assertThat(hooks.sinceMark()).isEmpty();
	}

	/**
	 * S3 answers, but later than the api-call-timeout (3 s). Litewatch's own listing
	 * gives up at that timeout and says S3 is unreachable (critical: nothing can be
	 * listed, so nothing is known to be replicated); the database's deadline is longer
	 * than its sources' timeouts, so it is the source that is named. The polls go on and
	 * never stall.
	 */
	@Test
	@Order(2)
	void slowS3() throws Exception {
		hooks.mark();
		Instant injected = Instant.now();
		s3Proxy.delayAnswers(Duration.ofSeconds(5));
		List<Json> during;
		Json shown;
		try {
			shown = awaitShown(app, "s3-slow", "S3_UNREACHABLE", injected, WAIT,
					(s) -> codes(s).contains("S3_UNREACHABLE"));
			log.info("s3-slow: first shown {} with HTTP {}", codes(shown), shown.code());
			during = eachPoll(app, 5, WAIT);
		}
		finally {
			s3Proxy.delayAnswers(Duration.ZERO);
		}
		log.info("s3-slow: during the fault, per poll: {}", summary(during));
		assertThat(during).hasSizeGreaterThanOrEqualTo(3).allSatisfy((s) -> {
			assertThat(s.code()).isEqualTo(503);
			assertThat(s.strings("$.databases[*].replicas[*].findings[?(@.code == 'S3_UNREACHABLE')].severity"))
				.containsExactly("critical", "critical");
			assertThat(codes(s)).doesNotContain("POLL_STALLED", "COLLECTION_TIMED_OUT");
		});

		Instant lifted = Instant.now();
		awaitHealthy();
		log.info("MEASURED fault s3-slow: lifted -> ok after {} ms",
				Duration.between(lifted, Instant.now()).toMillis());
		app.awaitPolls(3, WAIT);
		log.info("s3-slow notifications: {}", hooks.sinceMark());
		// One incident per database: fired once, resolved once.
		assertThat(hooks.sinceMark()).extracting(Hook::toString)
			.filteredOn((h) -> h.startsWith("firing"))
			.hasSize(2)
			.allSatisfy((h) -> assertThat(h).contains("critical", "S3_UNREACHABLE"));
		assertThat(hooks.sinceMark()).extracting(Hook::toString).filteredOn((h) -> h.startsWith("resolved")).hasSize(2);
	}

	@Test
	@Order(3)
	void dockerSocketGone() throws Exception {
		hooks.mark();
		Instant injected = Instant.now();
		dockerProxy.stop();
		try {
			Json down = awaitShown(app, "docker-socket-gone", "DOCKER_UNREACHABLE", injected, WAIT,
					(s) -> s.code() == 503 && s.strings("$.findings[*].code").contains("DOCKER_UNREACHABLE"));
			assertThat(severities(down, "DOCKER_UNREACHABLE")).containsExactly("critical");
			assertThat(down.read("$.status", String.class)).isEqualTo("critical");
			List<Json> during = eachPoll(app, 5, WAIT);
			assertThat(during).allSatisfy((s) -> {
				assertThat(s.code()).isEqualTo(503);
				// What follows from the engine being out of reach is shown, held, and not
				// counted.
				assertThat(unheldCodes(s)).containsExactly("DOCKER_UNREACHABLE");
				assertThat(s.strings("$.databases[*].heldBy[*]")).containsOnly("DOCKER_UNREACHABLE").hasSize(2);
			});
			log.info("docker-socket-gone: held findings {}",
					during.get(during.size() - 1).strings("$..findings[?(@.heldBy == 'DOCKER_UNREACHABLE')].code"));
			assertThat(hooks.sinceMark()).singleElement().satisfies((hook) -> {
				assertThat(hook.event()).isEqualTo("firing");
				assertThat(hook.severity()).isEqualTo("critical");
				assertThat(hook.database()).isEqualTo("all databases");
				assertThat(hook.codes()).containsExactly("DOCKER_UNREACHABLE");
			});
		}
		finally {
			dockerProxy.start();
		}
		Instant restored = Instant.now();
		awaitHealthy();
		log.info("MEASURED fault docker-socket-gone: restored -> ok after {} ms",
				Duration.between(restored, Instant.now()).toMillis());
		app.awaitPolls(3, WAIT);
		assertThat(hooks.sinceMark()).extracting(Hook::toString)
			.containsExactly("firing critical all databases [DOCKER_UNREACHABLE]",
					"resolved critical all databases [DOCKER_UNREACHABLE]");
	}

	/**
	 * The headline: a config broken for 30 s while the container runs pages once,
	 * for the installation, and all-clears once; the accessory's commands that fail
	 * meanwhile are its consequence, never a page of their own.
	 */
	@Test
	@Order(4)
	void brokenConfigFor30Seconds() throws Exception {
		hooks.mark();
		Instant injected = Instant.now();
		stack.writeConfig("dbs: [ this is not yaml");
		try {
			Json broken = awaitShown(app, "config-broken", "CONFIG_INVALID", injected, WAIT,
					(s) -> s.strings("$.findings[*].code").contains("CONFIG_INVALID"));
			assertThat(broken.code()).isEqualTo(503);
			assertThat(severities(broken, "CONFIG_INVALID")).containsExactly("critical");
			List<Json> during = eachPollUntil(app, injected.plusSeconds(30), WAIT);
			assertThat(during).allSatisfy((s) -> {
				assertThat(s.code()).isEqualTo(503);
				assertThat(unheldCodes(s)).contains("CONFIG_INVALID").doesNotContain("EXEC_FAILED");
			});
		}
		finally {
			stack.writeConfig(stack.validConfig());
		}
		Instant fixed = Instant.now();
		app.awaitStatus(WAIT, "config valid again", (s) -> s.read("$.config.valid", Boolean.class));
		awaitHealthy();
		log.info("MEASURED fault config-broken: fixed -> ok after {} ms",
				Duration.between(fixed, Instant.now()).toMillis());
		app.awaitPolls(3, WAIT);
		log.info("config-broken notifications: {}", hooks.sinceMark());
		assertThat(hooks.carrying("EXEC_FAILED")).isEmpty();
		assertThat(hooks.sinceMark()).extracting(Hook::toString)
			.containsExactly("firing critical all databases [CONFIG_INVALID]",
					"resolved critical all databases [CONFIG_INVALID]");
	}

	/**
	 * Another process holds Litewatch's own SQLite file locked for longer than the busy
	 * timeout (10 s): history and alert state cannot be written. Shown as STORE_FAILED, a
	 * warning (the replicas are as safe as before), while it lasts, with no poll held;
	 * afterwards every write works again.
	 */
	@Test
	@Order(5)
	void stateDatabaseLocked() throws Exception {
		hooks.mark();
		Path file = dataDir().resolve("litewatch.db");
		List<Json> during;
		boolean stalledShown;
		try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement st = lock.createStatement()) {
			st.execute("PRAGMA busy_timeout=20000");
			st.execute("BEGIN EXCLUSIVE");
			Instant injected = Instant.now();
			boolean[] stalled = { false };
			try {
				Json failed = awaitShown(app, "state-db-locked", "STORE_FAILED", injected, Duration.ofSeconds(90),
						(s) -> {
							stalled[0] |= codes(s).contains("POLL_STALLED");
							return s.strings("$.findings[*].code").contains("STORE_FAILED");
						});
				assertThat(failed.code()).isEqualTo(200);
				assertThat(severities(failed, "STORE_FAILED")).containsExactly("warning");
				assertThat(messages(failed, "STORE_FAILED")).singleElement()
					.asString()
					.contains("locked", "History is not being recorded");
				// The poll goes on at its interval: the store writer waits out the busy
				// timeout on a thread of its own.
				during = new ArrayList<>(List.of(failed));
				during.addAll(eachPoll(app, 1, Duration.ofSeconds(90)));
				stalledShown = stalled[0] || during.stream().anyMatch((s) -> codes(s).contains("POLL_STALLED"));
			}
			finally {
				st.execute("ROLLBACK");
			}
		}
		Instant released = Instant.now();
		log.info("state-db-locked: while locked, longest gap between polls {} ms, POLL_STALLED shown: {}, per poll: {}",
				longestGap(during).toMillis(), stalledShown, summary(during));
		assertThat(during).allSatisfy((s) -> assertThat(codes(s)).contains("STORE_FAILED"));
		assertThat(stalledShown).isFalse();
		// Once released, every write works again within a few polls, and stays working:
		// no pooled connection is left broken by the refused ones.
		List<Json> after = eachPoll(app, 10, Duration.ofSeconds(90));
		log.info("state-db-locked: after release, per poll: {}", summary(after));
		after.stream()
			.filter((s) -> !codes(s).contains("STORE_FAILED"))
			.findFirst()
			.ifPresent((s) -> log.info(
					"MEASURED fault state-db-locked: released -> first poll without STORE_FAILED " + "after {} ms",
					Duration.between(released, Instant.parse(s.read("$.checkedAt", String.class))).toMillis()));
		log.info("state-db-locked notifications: {}", hooks.sinceMark());
		assertThat(after.subList(4, after.size())).allSatisfy((s) -> assertThat(messages(s, "STORE_FAILED")).isEmpty());
		assertThat(after.get(after.size() - 1).code()).isEqualTo(200);
		// Delivered from memory while the store is locked: at most one episode, announced
		// and cleared once, and nothing else.
		assertThat(hooks.sinceMark()).allSatisfy((hook) -> assertThat(hook.codes()).containsExactly("STORE_FAILED"));
		assertThat(hooks.sinceMark("firing")).hasSizeLessThanOrEqualTo(1);
		assertThat(hooks.sinceMark("resolved")).hasSameSizeAs(hooks.sinceMark("firing"));
	}

	/**
	 * One database's S3 endpoint answers only after 20 s (a proxy of its own in front of
	 * s3proxy; the other database's goes straight on): the polls are published at their
	 * interval with the other database read afresh each time, and the slow one is shown
	 * as reading late with its last known figures, until its sources time out and say so.
	 */
	@Test
	@Order(6)
	void oneSlowReplicaDelaysNoOtherDatabase() throws Exception {
		awaitHealthy();
		hooks.mark();
		String cableDirect = "s3://backups/cable\n        endpoint: " + s3Proxy.httpEndpoint();
		assertThat(stack.validConfig()).contains(cableDirect);
		List<Json> during;
		try (FaultProxy slow = FaultProxy.toLoopbackPort(stack.s3().port()).start()) {
			slow.delayAnswers(Duration.ofSeconds(20));
			stack.writeConfig(stack.validConfig()
				.replace(cableDirect, "s3://backups/cable\n        endpoint: " + slow.httpEndpoint()));
			try {
				app.awaitStatus(WAIT, "cable read through the slow endpoint",
						(s) -> s.strings("$.databases[?(@.name == 'cable')].findings[*].code")
							.contains("READING_LATE"));
				during = eachPoll(app, 8, WAIT);
			}
			finally {
				stack.writeConfig(stack.validConfig());
			}
		}
		log.info("one-slow-replica: per poll: {}", summary(during));
		List<Long> durations = during.stream().map((s) -> s.read("$.pollDurationMs", Long.class)).toList();
		log.info(
				"MEASURED one slow replica (S3 answers after 20 s, api-call-timeout 3 s, exec-timeout 5 s, poll 2 s): "
						+ "poll durations {} ms, longest gap between polls {} ms",
				durations, longestGap(during).toMillis());
		// Published on time: the readings' deadline is the poll interval (2 s), plus the
		// accessory's own questions; before, a poll waited for the slowest database.
		assertThat(durations).allSatisfy((d) -> assertThat(d).isLessThan(4_000));
		assertThat(longestGap(during)).isLessThan(Duration.ofSeconds(7));
		// The other database is read afresh at every poll and stays ok.
		assertThat(during).allSatisfy((s) -> {
			assertThat(s.strings("$.databases[?(@.name == 'production')].status")).containsExactly("ok");
			assertThat(s.strings("$.databases[?(@.name == 'production')].findings[*].code")).isEmpty();
		});
		assertThat(during.stream()
			.map((s) -> s.read("$.databases[?(@.name == 'production')].replicas[0].lagSeconds", List.class).toString())
			.distinct()
			.count()).isGreaterThan(1);
		// The slow one: late, with its last known figures, until its own timeouts name
		// it.
		assertThat(during).anySatisfy((s) -> assertThat(
				s.strings("$.databases[?(@.name == 'cable')].findings[?(@.code == 'READING_LATE')].message"))
			.singleElement()
			.asString()
			.contains("is late", "Shown as last read"));
		assertThat(during).allSatisfy((s) -> assertThat(codes(s)).doesNotContain("POLL_STALLED"));

		awaitHealthy();
		app.awaitPolls(3, WAIT);
		log.info("one-slow-replica notifications: {}", hooks.sinceMark());
	}

}
