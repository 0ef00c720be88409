package io.litewatch.e2e;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.jayway.jsonpath.JsonPath;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.litewatch.testsupport.LitewatchApp;
import io.litewatch.testsupport.ReplicationStack;
import io.litewatch.testsupport.SqliteShellLock;
import io.litewatch.testsupport.TestAccounts;
import io.litewatch.testsupport.WebSession;
import io.litewatch.testsupport.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts on the real stack: a real Litestream container replicating real SQLite files to
 * s3proxy, a real HTTP receiver for the webhook and GreenMail for SMTP. The container is
 * stopped and started like an incident; Litewatch is restarted in the middle of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class AlertsEndToEndIT {

	private static final Logger log = LoggerFactory.getLogger(AlertsEndToEndIT.class);

	static final String WEBHOOK_TOKEN = "webhook-token-9f8e7d6c5b4a";

	static final String SMTP_PASSWORD = "smtp-password-1a2b3c4d";

	// A free port: a fixed one collides with any other SMTP test running on the machine.
	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("litewatch", SMTP_PASSWORD))
		.withPerMethodLifecycle(false);

	private ReplicationStack stack;

	private WebhookReceiver receiver;

	private LitewatchApp app;

	@BeforeAll
	void startStack() throws Exception {
		stack = new ReplicationStack(List.of(new ReplicationStack.Db("production", Duration.ofMillis(300), """
				sync-interval: 1s
				snapshot-interval: 1m
				retention: 24h"""), new ReplicationStack.Db("cable", null, """
				sync-interval: 5s
				retention: 24h""")));
		receiver = new WebhookReceiver();
		app = start();
	}

	private LitewatchApp start() {
		return new LitewatchApp("--litewatch.litestream-config=" + stack.config(),
				"--litewatch.data-dir=" + stack.work().resolve("litewatch-data"), "--litewatch.poll-interval=2s",
				"--litewatch.docker.container=" + stack.litestream().name(), "--litewatch.docker.exec-timeout=5s",
				"--litewatch.s3.api-call-timeout=3s", "--litewatch.alerts.for-polls=2",
				"--litewatch.alerts.repeat-interval=1h", "--litewatch.alerts.dispatch-interval=500ms",
				"--litewatch.alerts.retry-initial=1s", "--litewatch.alerts.base-url=http://litewatch.test",
				"--litewatch.alerts.webhooks[0].name=ops",
				"--litewatch.alerts.webhooks[0].url=" + receiver.url("/hook"),
				"--litewatch.alerts.webhooks[0].headers.Authorization=Bearer " + WEBHOOK_TOKEN,
				"--litewatch.alerts.emails[0].name=oncall",
				"--litewatch.alerts.emails[0].to=ops@example.com,dba@example.com",
				"--litewatch.alerts.emails[0].from=litewatch@example.com", "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + smtp.getSmtp().getPort(), "--spring.mail.username=litewatch",
				"--spring.mail.password=" + SMTP_PASSWORD);
	}

	@AfterAll
	void stopStack() throws Exception {
		if (app != null) {
			app.close();
		}
		if (receiver != null) {
			receiver.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	/**
	 * What each test counts from: deliveries an earlier test caused are not its business.
	 */
	record Baseline(int hooks, int delivered, Set<String> mails) {
	}

	Baseline baseline() throws Exception {
		Set<String> mails = new HashSet<>();
		for (MimeMessage mail : smtp.getReceivedMessages()) {
			mails.add(mail.getMessageID());
		}
		return new Baseline(receiver.requests().size(), receiver.delivered().size(), mails);
	}

	List<WebhookReceiver.Request> hooksSince(Baseline base) {
		List<WebhookReceiver.Request> all = receiver.requests();
		return all.subList(base.hooks(), all.size());
	}

	List<WebhookReceiver.Request> deliveredSince(Baseline base) {
		List<WebhookReceiver.Request> all = receiver.delivered();
		return all.subList(base.delivered(), all.size());
	}

	/**
	 * By Message-ID, not by position: GreenMail lists messages mailbox by mailbox, and
	 * each recipient's copy carries the same id.
	 */
	List<MimeMessage> mailsSince(Baseline base) {
		List<MimeMessage> since = new ArrayList<>();
		for (MimeMessage mail : smtp.getReceivedMessages()) {
			try {
				if (!base.mails().contains(mail.getMessageID())) {
					since.add(mail);
				}
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return since;
	}

	@Test
	@Order(1)
	void aHealthyStackSendsNothing() throws Exception {
		Baseline base = baseline();
		app.awaitStatus(Duration.ofSeconds(90), "both databases ok",
				(s) -> s.code() == 200 && s.strings("$.databases[*].status").stream().allMatch("ok"::equals));
		app.awaitPolls(3, Duration.ofSeconds(30));
		assertThat(hooksSince(base)).isEmpty();
		assertThat(mailsSince(base)).isEmpty();
	}

	@Test
	@Order(2)
	void aFlappingFindingSendsNothing() throws Exception {
		Baseline base = baseline();
		stack.writeConfig("dbs: [ this is not yaml");
		try {
			app.awaitStatus(Duration.ofSeconds(10), "CONFIG_INVALID seen once",
					(s) -> s.strings("$.findings[*].code").contains("CONFIG_INVALID"));
		}
		finally {
			stack.writeConfig(stack.validConfig());
		}
		app.awaitStatus(Duration.ofSeconds(10), "config valid again", (s) -> s.read("$.config.valid", Boolean.class));
		// Two polls more than for-polls: whatever the broken file started would have
		// fired by now.
		app.awaitPolls(3, Duration.ofSeconds(30));
		assertThat(hooksSince(base)).isEmpty();
		assertThat(mailsSince(base)).isEmpty();
	}

	@Test
	@Order(3)
	void aStoppedAccessoryFiresOnceOnEachChannelEvenThroughReceiverErrors() throws Exception {
		Baseline base = baseline();
		receiver.failNext(2);
		Instant stoppedAt = Instant.now();
		stack.litestream().stop();

		List<WebhookReceiver.Request> firing = await(Duration.ofSeconds(60), "the firing webhook",
				() -> deliveredSince(base));
		Duration toWebhook = Duration.between(stoppedAt, firing.get(0).at());
		log.info("MEASURED container stop -> firing webhook delivered: {} ms (poll 2s, for-polls 2, "
				+ "receiver failed the first 2 attempts, retry 1s doubling)", toWebhook.toMillis());
		await(Duration.ofSeconds(30), "the firing email", () -> mailsSince(base));

		// Six polls later, with the primary going stale all along: still exactly one of
		// each (stale is held back by the stopped accessory, which is what pages).
		app.awaitPolls(6, Duration.ofSeconds(60));
		assertThat(deliveredSince(base)).hasSize(1);
		assertThat(hooksSince(base)).hasSize(3);
		assertThat(hooksSince(base)).extracting((r) -> r.header("X-Litewatch-Notification-Id"))
			.containsOnly(firing.get(0).header("X-Litewatch-Notification-Id"));
		WebhookReceiver.Request hook = firing.get(0);
		assertThat(hook.header("Authorization")).isEqualTo("Bearer " + WEBHOOK_TOKEN);
		assertThat(JsonPath.<String>read(hook.body(), "$.event")).isEqualTo("firing");
		assertThat(JsonPath.<String>read(hook.body(), "$.severity")).isEqualTo("critical");
		assertThat(JsonPath.<List<String>>read(hook.body(), "$.alerts[*].code")).containsExactly("ACCESSORY_DOWN");

		List<MimeMessage> mails = mailsSince(base);
		// One message, delivered to both recipients.
		assertThat(mails).hasSize(2);
		assertThat(mails.get(0).getSubject()).contains("ACCESSORY_DOWN");
		assertThat(List.of(mails.get(0).getAllRecipients()).toString()).contains("ops@example.com", "dba@example.com");

		LitewatchApp.Json alerts = app.json("/api/alerts");
		assertThat(alerts.strings("$.active[?(@.state == 'firing')].code")).contains("ACCESSORY_DOWN");
		assertThat(alerts.strings("$.deliveries[?(@.channel == 'ops')].status")).containsExactly("sent");
		assertThat(alerts.read("$.deliveries[?(@.channel == 'ops')].attempts", List.class)).containsExactly(3);
	}

	@Test
	@Order(4)
	void aRestartWhileFiringSendsNoDuplicateAndStillResolves(CapturedOutput output) throws Exception {
		Baseline base = baseline();
		app.close();
		app = start();
		app.awaitStatus(Duration.ofSeconds(30), "ACCESSORY_DOWN seen by the restarted app",
				(s) -> s.strings("$.findings[*].code").contains("ACCESSORY_DOWN"));
		app.awaitPolls(3, Duration.ofSeconds(30));
		assertThat(hooksSince(base)).isEmpty();
		assertThat(mailsSince(base)).isEmpty();

		stack.litestream().start();
		List<WebhookReceiver.Request> resolvedHooks = await(Duration.ofSeconds(60), "the resolved webhook",
				() -> deliveredSince(base));
		WebhookReceiver.Request resolved = resolvedHooks.get(0);
		assertThat(JsonPath.<String>read(resolved.body(), "$.event")).isEqualTo("resolved");
		assertThat(JsonPath.<List<String>>read(resolved.body(), "$.alerts[*].code")).containsExactly("ACCESSORY_DOWN");
		assertThat(JsonPath.<List<Number>>read(resolved.body(), "$.alerts[*].durationSeconds").get(0).doubleValue())
			.isGreaterThan(10.0);
		await(Duration.ofSeconds(30), "the resolved email", () -> mailsSince(base));
		app.awaitStatus(Duration.ofSeconds(60), "ok again",
				(s) -> s.code() == 200 && s.strings("$.databases[*].status").stream().allMatch("ok"::equals));
		// What was held back while the accessory was down (stale, overdue) neither fires
		// nor
		// resolves now: it was never announced, and it caught up.
		app.awaitPolls(3, Duration.ofSeconds(30));
		assertThat(deliveredSince(base)).hasSize(1);
		List<MimeMessage> mails = mailsSince(base);
		assertThat(mails).hasSize(2).allSatisfy((mail) -> {
			assertThat(mail.getSubject()).contains("RESOLVED", "all databases", "ACCESSORY_DOWN");
		});

		// Secrets stay out of pages, JSON and logs.
		for (String path : List.of("/api/alerts", "/alerts", "/api/status", "/")) {
			assertThat(app.get(path).body()).doesNotContain(WEBHOOK_TOKEN, SMTP_PASSWORD, ReplicationStack.SECRET);
		}
		assertThat(output.getAll()).doesNotContain(WEBHOOK_TOKEN, SMTP_PASSWORD, ReplicationStack.SECRET);
	}

	/**
	 * Litewatch's own SQLite file locked by another process (an operator's sqlite3 shell,
	 * a backup tool) for 40 s, and the accessory stopped meanwhile: the polls go on at
	 * their interval, the status turns red within a poll and the alert goes out once,
	 * from memory; once the lock is gone it is recorded once, with the polls of the
	 * outage.
	 */
	@Test
	@Order(5)
	void aStoreLockedByAnotherProcessHoldsNoPollAndLosesNoAlert() throws Exception {
		Baseline base = baseline();
		Path file = stack.work().resolve("litewatch-data").resolve("litewatch.db");
		Duration held = Duration.ofSeconds(40);
		Duration interval = Duration.ofSeconds(2);
		long lockedAtPoll;
		long lastPollWhileLocked;
		Instant lockedAt;
		try (SqliteShellLock lock = SqliteShellLock.exclusive(file, stack.work().resolve("sqlite3-lock.log"))) {
			lockedAt = Instant.now();
			lockedAtPoll = app.sequence();
			stack.litestream().stop();
			long stoppedAtPoll = app.sequence();
			LitewatchApp.Json red = app.awaitStatus(Duration.ofSeconds(20), "503 for the stopped container",
					(s) -> s.code() == 503 && s.strings("$.findings[*].code").contains("ACCESSORY_DOWN"));
			long redAtPoll = red.json().read("$.sequence", Long.class);
			// The poll under way when it stopped may have seen it running.
			assertThat(redAtPoll - stoppedAtPoll).isLessThanOrEqualTo(2);

			List<WebhookReceiver.Request> firing = await(Duration.ofSeconds(30), "the firing webhook from memory",
					() -> accessoryDown(deliveredSince(base), "firing"));
			log.info("MEASURED store locked, container stopped -> firing webhook delivered: {} ms",
					Duration.between(lockedAt, firing.get(0).at()).toMillis());
			LitewatchApp.Json failing = app.awaitStatus(Duration.ofSeconds(30), "STORE_FAILED",
					(s) -> s.strings("$.findings[*].code").contains("STORE_FAILED"));
			assertThat(failing.strings("$.findings[?(@.code == 'STORE_FAILED')].severity")).containsExactly("warning");
			assertThat(app.get("/").body()).contains("History is not being recorded");

			// The lock is held for its 40 s, counted in polls rather than slept through.
			while (Duration.between(lockedAt, Instant.now()).compareTo(held) < 0) {
				app.awaitPolls(1, Duration.ofSeconds(20));
			}
			lastPollWhileLocked = app.sequence();
			Duration elapsed = Duration.between(lockedAt, Instant.now());
			long polls = lastPollWhileLocked - lockedAtPoll;
			long expected = elapsed.toMillis() / interval.toMillis();
			log.info("MEASURED polls completed while the store was locked: {} in {} ms at a {} s interval "
					+ "(expected about {})", polls, elapsed.toMillis(), interval.toSeconds(), expected);
			assertThat(polls).isGreaterThanOrEqualTo(expected * 6 / 10);
		}
		app.awaitStatus(Duration.ofSeconds(60), "STORE_FAILED cleared",
				(s) -> !s.strings("$.findings[*].code").contains("STORE_FAILED"));

		assertThat(accessoryDown(deliveredSince(base), "firing")).hasSize(1);
		assertThat(mailsSince(base).stream().filter((m) -> subject(m).contains("ACCESSORY_DOWN"))).hasSize(2);
		// Recorded once, as sent; and the polls of the outage are in the history.
		LitewatchApp.Json alerts = app.json("/api/alerts");
		String firedId = accessoryDown(deliveredSince(base), "firing").get(0).header("X-Litewatch-Notification-Id");
		assertThat(alerts.strings("$.deliveries[?(@.notificationId == '" + firedId + "')].status"))
			.containsExactlyInAnyOrder("sent", "sent");
		try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
				// Sequences start again at 1 with every start: the earlier run's are
				// older.
				PreparedStatement count = db.prepareStatement(
						"SELECT count(*) FROM poll_run WHERE sequence > ? AND sequence <= ? AND checked_at >= ?")) {
			count.setLong(1, lockedAtPoll);
			count.setLong(2, lastPollWhileLocked);
			count.setLong(3, lockedAt.toEpochMilli());
			ResultSet rs = count.executeQuery();
			rs.next();
			assertThat(rs.getLong(1)).isEqualTo(lastPollWhileLocked - lockedAtPoll);
		}

		stack.litestream().start();
		await(Duration.ofSeconds(60), "the resolved webhook", () -> accessoryDown(deliveredSince(base), "resolved"));
		app.awaitStatus(Duration.ofSeconds(60), "ok again",
				(s) -> s.code() == 200 && s.strings("$.databases[*].status").stream().allMatch("ok"::equals));
	}

	private static List<WebhookReceiver.Request> accessoryDown(List<WebhookReceiver.Request> hooks, String event) {
		return hooks.stream()
			.filter((r) -> event.equals(JsonPath.read(r.body(), "$.event"))
					&& JsonPath.<List<String>>read(r.body(), "$.alerts[*].code").contains("ACCESSORY_DOWN"))
			.toList();
	}

	private static String subject(MimeMessage mail) {
		try {
			return String.valueOf(mail.getSubject());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	@Order(6)
	void silencesAndTestNotificationsAreGuardedAgainstCrossSiteRequests() throws Exception {
		Baseline base = baseline();
		HttpResponse<String> forged = app.send(HttpRequest.newBuilder(app.uri("/alerts/channels/ops/test"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Origin", "https://evil.example")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=guess")));
		assertThat(forged.statusCode()).isEqualTo(403);
		// A viewer holding a valid token of their own may still not act.
		WebSession viewer = app.anonymous().signedIn(TestAccounts.VIEWER, TestAccounts.VIEWER_PASSWORD);
		assertThat(viewer.post("/alerts/channels/ops/test", "_csrf", viewer.csrfToken()).statusCode()).isEqualTo(403);
		String page = app.get("/alerts").body();
		String token = page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		HttpResponse<String> test = app.send(HttpRequest.newBuilder(app.uri("/alerts/channels/ops/test"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token)));
		assertThat(test.statusCode()).isEqualTo(302);
		// Only the test's own: a resolution of the test before may still be on its way.
		List<WebhookReceiver.Request> tests = await(Duration.ofSeconds(10), "the test webhook",
				() -> deliveredSince(base).stream()
					.filter((r) -> "test".equals(JsonPath.read(r.body(), "$.event")))
					.toList());
		assertThat(tests).hasSize(1);

		HttpResponse<String> silence = app.send(HttpRequest.newBuilder(app.uri("/alerts/silences"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("_csrf=" + token + "&database=production&code=&duration=2h&reason=maintenance")));
		assertThat(silence.statusCode()).isEqualTo(302);
		assertThat(app.json("/api/alerts").strings("$.silences[*].database")).containsExactly("production");
	}

	private static <T> List<T> await(Duration timeout, String what, Supplier<List<T>> values) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			List<T> current = values.get();
			if (!current.isEmpty()) {
				return current;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("Timed out after " + timeout.toSeconds() + "s waiting for " + what);
	}

}
