package io.litewatch.web;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import io.litewatch.alert.AlertProperties;
import io.litewatch.alert.AlertRepository;
import io.litewatch.alert.Silence;
import io.litewatch.alert.channel.ChannelProperties;
import io.litewatch.alert.channel.ChannelRegistry;
import io.litewatch.alert.outbox.OutboxRepository;
import io.litewatch.testsupport.MigratedSqlite;
import io.litewatch.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The silence form against a real SQLite file: the configured maximum is enforced. The
 * controller alone (no filter chain: roles and CSRF are AlertsControllerTest's and
 * AccessTest's).
 */
class AlertsControllerSilenceTest {

	static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	@TempDir
	Path dir;

	AlertRepository alerts;

	MockMvc mvc;

	@BeforeEach
	void controller() {
		DataSource dataSource = MigratedSqlite.create(dir.resolve("litewatch.db"), Duration.ofSeconds(5));
		alerts = new AlertRepository(JdbcClient.create(dataSource));
		ChannelRegistry channels = new ChannelRegistry(new ChannelProperties("", List.of(), List.of(), null),
				new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class));
		AlertProperties policy = new AlertProperties(2, Duration.ZERO, Duration.ofHours(4), Duration.ofSeconds(2),
				Duration.ofSeconds(10), Duration.ofMinutes(10), 20, Duration.ofDays(3));
		// The alert service only queues test notifications, which this test does not use.
		mvc = MockMvcBuilders
			.standaloneSetup(new AlertsController(alerts, new OutboxRepository(JdbcClient.create(dataSource)), channels,
					null, new TestClock(NOW), policy, PollScenarios.PROPERTIES))
			.build();
	}

	@Test
	void aSilenceUpToTheMaximumIsCreated() throws Exception {
		mvc.perform(post("/alerts/silences").param("database", "production")
			.param("duration", "72h")
			.param("reason", "upgrade")).andExpect(status().isFound()).andExpect(redirectedUrl("/alerts"));
		assertThat(alerts.activeSilences(NOW)).extracting(Silence::endsAt)
			.containsExactly(NOW.plus(Duration.ofDays(3)));
	}

	@Test
	void aLongerSilenceIsRefusedWithItsReasonOnThePage() throws Exception {
		alerts.addSilence(new Silence("existing", "queue", null, null, NOW, NOW.plusSeconds(600)));

		mvc.perform(post("/alerts/silences").param("database", "production")
			.param("duration", "720h")
			.param("reason", "forgotten"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name("alerts"))
			.andExpect(
					model().attribute("message", "A silence can last at most 3d (30d was asked); nothing was silenced. "
							+ "Choose a shorter duration, or raise litewatch.alerts.silence-max-duration."));

		assertThat(alerts.activeSilences(NOW)).extracting(Silence::id).containsExactly("existing");
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

}
