package io.litewatch.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import io.litewatch.alert.AlertProperties;
import io.litewatch.alert.AlertRepository;
import io.litewatch.alert.AlertService;
import io.litewatch.alert.AlertStack;
import io.litewatch.alert.AlertState;
import io.litewatch.alert.AlertStateMachine;
import io.litewatch.alert.Silence;
import io.litewatch.alert.TestSendLimit;
import io.litewatch.alert.channel.ChannelProperties;
import io.litewatch.alert.channel.ChannelRegistry;
import io.litewatch.alert.outbox.OutboxRepository;
import io.litewatch.alert.outbox.PendingOutbox;
import io.litewatch.audit.AuditLog;
import io.litewatch.audit.AuditRepository;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.health.FindingCode;
import io.litewatch.health.Severity;
import io.litewatch.poll.LatestPoll;
import io.litewatch.system.StoreHealth;
import io.litewatch.testsupport.MigratedSqlite;
import io.litewatch.testsupport.SliceSecurity;
import io.litewatch.testsupport.TestClock;

import static io.litewatch.web.PollScenarios.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The Alerts page rendered by the real templates over a real SQLite alert store. */
@WebMvcTest({ AlertsController.class, AlertActionsController.class })
@Import({ AppVersion.class, Formats.class, AlertsPage.class, SliceSecurity.class, AlertsControllerTest.Beans.class })
@WithMockUser(username = "op", roles = "OPERATOR")
class AlertsControllerTest {

	@TempDir
	static Path dir;

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ LitewatchProperties.class, AlertProperties.class })
	static class Beans {

		@Bean
		TestClock clock() {
			return new TestClock(NOW);
		}

		@Bean
		DataSource dataSource() {
			return MigratedSqlite.create(dir.resolve("litewatch.db"), Duration.ofSeconds(5));
		}

		@Bean
		AlertRepository alertRepository(DataSource dataSource) {
			return new AlertRepository(JdbcClient.create(dataSource));
		}

		@Bean
		OutboxRepository outboxRepository(DataSource dataSource) {
			return new OutboxRepository(JdbcClient.create(dataSource));
		}

		@Bean
		ChannelRegistry channelRegistry() {
			return new ChannelRegistry(new ChannelProperties("", List.of(), List.of(), null),
					new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class));
		}

		@Bean
		AlertStack alertStack(AlertRepository alerts, OutboxRepository outbox, ChannelRegistry channels,
				AlertProperties properties, DataSource dataSource, TestClock clock) {
			return AlertStack.writingAtOnce(alerts, outbox, channels, properties, dataSource,
					new TestSendLimit.Settings(Duration.ofSeconds(60), 10), clock);
		}

		@Bean
		AlertService alertService(AlertStack stack) {
			return stack.service();
		}

		@Bean
		PendingOutbox pendingOutbox(AlertStack stack) {
			return stack.pending();
		}

		@Bean
		AuditLog auditLog(DataSource dataSource, TestClock clock) {
			return new AuditLog(new AuditRepository(JdbcClient.create(dataSource)), clock);
		}

		@Bean
		LatestPoll latestPoll() {
			return new LatestPoll();
		}

	}

	@Autowired
	MockMvc mvc;

	@Autowired
	AlertRepository alerts;

	@BeforeEach
	void store() {
		alerts.replaceStates(Map.of());
		alerts.activeSilences(NOW).forEach((s) -> alerts.expireSilence(s.id(), NOW));
	}

	static AlertState firing(String database, FindingCode code, Severity severity) {
		return new AlertState(database + "/s3/" + code, database, "/rails/storage/" + database + ".sqlite3", "s3", code,
				AlertState.Phase.FIRING, severity, "Replica is 2m behind the database.", 120.0, 3,
				NOW.minusSeconds(600), NOW.minusSeconds(15), NOW.minusSeconds(570), NOW.minusSeconds(570), severity);
	}

	@Test
	void silencesAreListedWithReasonAndEndAndAButtonThatEndsThem() throws Exception {
		alerts.addSilence(new Silence("s-1", "production", FindingCode.REPLICA_STALE, "deploying v42",
				NOW.minusSeconds(600), NOW.plus(Duration.ofMinutes(110)), "tester"));
		String html = mvc.perform(get("/alerts"))
			.andExpect(status().isOk())
			.andExpect(view().name("alerts"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(html).contains("data-testid=\"silence\" data-silence=\"s-1\"")
			.contains("<td data-label=\"Reason\">deploying v42</td>")
			.contains("data-clock>16:42 UTC</time>")
			.contains("data-rel>in 1 h 50 min</time>")
			.contains("action=\"/alerts/silences/s-1/expire\"")
			.containsPattern(
					"<form method=\"post\" action=\"/alerts/silences/s-1/expire\"><input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"/>")
			.contains("aria-label=\"End the silence of production, REPLICA_STALE now\">End now</button>");

		mvc.perform(
				post("/alerts/silences/s-1/expire").header("Origin", "https://evil.example").param("_csrf", "forged"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/alerts/silences/s-1/expire").with(csrf()).with(user("viewer").roles("VIEWER")))
			.andExpect(status().isForbidden());
		assertThat(alerts.activeSilences(NOW)).hasSize(1);
		mvc.perform(post("/alerts/silences/s-1/expire").with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/alerts"));
		assertThat(alerts.activeSilences(NOW)).isEmpty();
	}

	@Test
	void thePageUsesTheLayoutAndRefreshesItsLivePart() throws Exception {
		alerts.replaceStates(Map.of("k", firing("production", FindingCode.REPLICA_STALE, Severity.CRITICAL)));
		String html = mvc.perform(get("/alerts")).andReturn().getResponse().getContentAsString();

		assertThat(html).contains("<title>Alerts · Litewatch</title>")
			.contains("<nav aria-label=\"Pages\">")
			.contains("<a href=\"/alerts\" aria-current=\"page\">Alerts</a>")
			.contains("<section id=\"alerts-live\"")
			.contains("hx-get=\"/alerts\" hx-trigger=\"every 15s\"")
			.contains("data-favicon=\"critical\"")
			.contains("href=\"/icons/critical.svg\"")
			.contains("data-title=\"1 active · Alerts · Litewatch\"")
			.contains(
					"<time datetime=\"2026-11-25T14:42:00Z\" title=\"2026-11-25 14:42:00 UTC\" data-rel>10 min ago</time>")
			.doesNotContain("style=")
			.doesNotContainPattern("\\son[a-z]+=");

		String live = mvc.perform(get("/alerts").header("HX-Request", "true"))
			.andExpect(view().name(AlertsController.LIVE_FRAGMENT))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(live).startsWith("<section id=\"alerts-live\"")
			.doesNotContain("<html")
			.doesNotContain("New silence")
			.contains("REPLICA_STALE");
	}

	@Test
	void aRefusedSilenceSaysWhyInWordsAPersonWrites() throws Exception {
		String html = mvc
			.perform(post("/alerts/silences").with(csrf()).param("database", "production").param("duration", "720h"))
			.andExpect(status().isBadRequest())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(html).contains("class=\"flash error\"").contains("A silence can last at most 7d (30d was asked)");
	}

}
