package io.litewatch.web;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;

import io.litewatch.alert.AlertProperties;
import io.litewatch.alert.AlertRepository;
import io.litewatch.alert.AlertService;
import io.litewatch.alert.AlertStack;
import io.litewatch.alert.AlertStateMachine;
import io.litewatch.alert.Silence;
import io.litewatch.alert.TestSendLimit;
import io.litewatch.alert.channel.ChannelProperties;
import io.litewatch.alert.channel.ChannelRegistry;
import io.litewatch.alert.outbox.OutboxRepository;
import io.litewatch.audit.AuditAction;
import io.litewatch.audit.AuditEntry;
import io.litewatch.audit.AuditLog;
import io.litewatch.audit.AuditRepository;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.Publish;
import io.litewatch.system.StoreHealth;
import io.litewatch.testsupport.MigratedSqlite;
import io.litewatch.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The operator's actions against a real SQLite file: a silence's bounds (duration, scope,
 * reason), the test-notification rate and the audit log each writes. The controller alone
 * (no filter chain: roles and CSRF are AlertsControllerTest's and AccessTest's); the
 * signed-in operator is the request's principal.
 */
class AlertsControllerSilenceTest {

	static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	@TempDir
	Path dir;

	TestClock clock = new TestClock(NOW);

	AlertRepository alerts;

	OutboxRepository outbox;

	AuditRepository auditEntries;

	MockMvc mvc;

	@BeforeEach
	void controller() {
		DataSource dataSource = MigratedSqlite.create(dir.resolve("litewatch.db"), Duration.ofSeconds(5));
		alerts = new AlertRepository(JdbcClient.create(dataSource));
		outbox = new OutboxRepository(JdbcClient.create(dataSource));
		auditEntries = new AuditRepository(JdbcClient.create(dataSource));
		AuditLog audit = new AuditLog(auditEntries, clock);
		// Queued only: nothing delivers in this test, so the URLs are never called.
		ChannelRegistry channels = new ChannelRegistry(
				new ChannelProperties("", List.of(webhook("ops-hook"), webhook("team-chat")), List.of(), null),
				new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class));
		AlertProperties policy = new AlertProperties(2, Duration.ZERO, Duration.ofHours(4), Duration.ofSeconds(2),
				Duration.ofSeconds(10), Duration.ofMinutes(10), 20, Duration.ofDays(3));
		AlertStack stack = AlertStack.writingAtOnce(alerts, outbox, channels, policy, dataSource,
				new TestSendLimit.Settings(Duration.ofSeconds(60), 3), clock);
		AlertService service = stack.service();
		LatestPoll latest = new LatestPoll();
		Publish.poll(latest, PollScenarios.poll(PollScenarios.RUNNING, PollScenarios.healthy("production"),
				PollScenarios.healthy("queue")));
		AlertsPage page = new AlertsPage(alerts, service, outbox, stack.pending(), channels, audit, clock,
				PollScenarios.PROPERTIES);
		mvc = MockMvcBuilders
			.standaloneSetup(new AlertActionsController(page, alerts, service, audit, latest, policy, clock))
			.build();
	}

	static ChannelProperties.Webhook webhook(String name) {
		return new ChannelProperties.Webhook(name, URI.create("http://127.0.0.1:9/" + name), null, Map.of(), null,
				Duration.ofSeconds(1));
	}

	static MockHttpServletRequestBuilder as(String name, MockHttpServletRequestBuilder request) {
		return request.principal(new TestingAuthenticationToken(name, null, "ROLE_OPERATOR"));
	}

	@Test
	void aSilenceUpToTheMaximumIsCreatedWithItsCreatorAndAuditEntry() throws Exception {
		mvc.perform(as("alice",
				post("/alerts/silences").param("database", "production")
					.param("duration", "72h")
					.param("reason", "upgrade")))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/alerts"));

		assertThat(alerts.activeSilences(NOW)).singleElement().satisfies((s) -> {
			assertThat(s.endsAt()).isEqualTo(NOW.plus(Duration.ofDays(3)));
			assertThat(s.createdBy()).isEqualTo("alice");
			assertThat(s.scope()).isEqualTo("production, every code");
		});
		assertThat(auditEntries.recent(10)).singleElement().satisfies((e) -> {
			assertThat(e.actor()).isEqualTo("alice");
			assertThat(e.action()).isEqualTo(AuditAction.SILENCE_CREATED);
			assertThat(e.target()).isEqualTo("production, every code");
			assertThat(e.detail()).isEqualTo("for 3d: upgrade");
			assertThat(e.address()).isEqualTo("127.0.0.1");
			assertThat(e.at()).isEqualTo(NOW);
		});
	}

	@Test
	void aLongerSilenceIsRefusedWithItsReasonOnThePage() throws Exception {
		alerts.addSilence(new Silence("existing", "queue", null, null, NOW, NOW.plusSeconds(600), "bob"));

		mvc.perform(as("alice",
				post("/alerts/silences").param("database", "production")
					.param("duration", "720h")
					.param("reason", "forgotten")))
			.andExpect(status().isBadRequest())
			.andExpect(view().name("alerts"))
			.andExpect(
					model().attribute("message", "A silence can last at most 3d (30d was asked); nothing was silenced. "
							+ "Choose a shorter duration, or raise litewatch.alerts.silence-max-duration."));

		assertThat(alerts.activeSilences(NOW)).extracting(Silence::id).containsExactly("existing");
		assertThat(auditEntries.recent(10)).isEmpty();
	}

	@Test
	void aDurationOrCodeThatDoesNotParseIsRefusedWithWhatWasExpected() throws Exception {
		mvc.perform(post("/alerts/silences").param("database", "production").param("duration", "two hours"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name("alerts"))
			.andExpect(model().attribute("message",
					"Not silenced: duration \"two hours\" is not a duration like 2h or 30m. Nothing was changed."));
		mvc.perform(post("/alerts/silences").param("code", "STALE").param("duration", "1h"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attribute("message", org.hamcrest.Matchers.containsString("code \"STALE\"")));
		assertThat(alerts.activeSilences(NOW)).isEmpty();
	}

	@Test
	void aDatabaseNoPollHasSeenIsRefusedNamingTheDatabasesThatExist() throws Exception {
		mvc.perform(as("alice", post("/alerts/silences").param("database", "prodution").param("duration", "1h")))
			.andExpect(status().isBadRequest())
			.andExpect(model().attribute("message",
					"Not silenced: no database is named \"prodution\". The databases are production, queue. "
							+ "Leave the field empty to silence every database. Nothing was changed."));
		mvc.perform(as("alice",
				post("/alerts/silences").param("reason", "x".repeat(Silence.MAX_REASON + 1)).param("duration", "1h")))
			.andExpect(status().isBadRequest())
			.andExpect(
					model().attribute("message", org.hamcrest.Matchers.startsWith("Not silenced: the reason has 501")));
		assertThat(alerts.activeSilences(NOW)).isEmpty();

		mvc.perform(as("alice", post("/alerts/silences").param("duration", "1h"))).andExpect(status().isFound());
		assertThat(alerts.activeSilences(NOW)).extracting(Silence::scope).containsExactly("every database, every code");
	}

	@Test
	void endingASilenceIsAuditedWithItsScopeAndWhoCreatedIt() throws Exception {
		alerts.addSilence(
				new Silence("s-9", "queue", null, "deploy", NOW.minusSeconds(60), NOW.plusSeconds(3600), "bob"));

		mvc.perform(as("alice", post("/alerts/silences/s-9/expire"))).andExpect(status().isFound());
		mvc.perform(as("alice", post("/alerts/silences/s-9/expire"))).andExpect(status().isNotFound());

		assertThat(alerts.activeSilences(NOW)).isEmpty();
		assertThat(auditEntries.recent(10)).singleElement().satisfies((e) -> {
			assertThat(e.action()).isEqualTo(AuditAction.SILENCE_ENDED);
			assertThat(e.actor()).isEqualTo("alice");
			assertThat(e.target()).isEqualTo("queue, every code");
			assertThat(e.detail()).isEqualTo("1h before its end; created by bob");
		});
	}

	@Test
	void testNotificationsAreRateLimitedPerChannelWithRetryAfterAndEveryTryAudited() throws Exception {
		int queuedBefore = outbox.recent(100).size();
		mvc.perform(as("alice", post("/alerts/channels/ops-hook/test"))).andExpect(status().isFound());
		clock.advance(Duration.ofSeconds(20));
		mvc.perform(as("alice", post("/alerts/channels/ops-hook/test")))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "40"))
			.andExpect(view().name("alerts"))
			.andExpect(model().attribute("message",
					"Not sent: A test notification went to ops-hook 20s ago; one channel gets at most one every 1m. "
							+ "Try again in 40s."));
		// Another channel has its own allowance.
		mvc.perform(as("alice", post("/alerts/channels/team-chat/test"))).andExpect(status().isFound());
		mvc.perform(as("alice", post("/alerts/channels/nobody/test"))).andExpect(status().isNotFound());

		clock.advance(Duration.ofSeconds(40));
		mvc.perform(as("alice", post("/alerts/channels/ops-hook/test"))).andExpect(status().isFound());
		clock.advance(Duration.ofSeconds(60));
		mvc.perform(as("alice", post("/alerts/channels/ops-hook/test"))).andExpect(status().isFound());
		clock.advance(Duration.ofSeconds(60));
		// Three in the hour is this test's limit; the first of them leaves the hour at
		// 12:60.
		mvc.perform(as("alice", post("/alerts/channels/ops-hook/test")))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", Long.toString(3600 - 180)));

		assertThat(outbox.recent(100)).hasSize(queuedBefore + 4);
		assertThat(auditEntries.recent(10)).extracting(AuditEntry::action, AuditEntry::target)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(AuditAction.TEST_NOTIFICATION_REFUSED, "ops-hook"),
					org.assertj.core.groups.Tuple.tuple(AuditAction.TEST_NOTIFICATION_SENT, "ops-hook"),
					org.assertj.core.groups.Tuple.tuple(AuditAction.TEST_NOTIFICATION_SENT, "ops-hook"),
					org.assertj.core.groups.Tuple.tuple(AuditAction.TEST_NOTIFICATION_SENT, "team-chat"),
					org.assertj.core.groups.Tuple.tuple(AuditAction.TEST_NOTIFICATION_REFUSED, "ops-hook"),
					org.assertj.core.groups.Tuple.tuple(AuditAction.TEST_NOTIFICATION_SENT, "ops-hook"));
	}

}
