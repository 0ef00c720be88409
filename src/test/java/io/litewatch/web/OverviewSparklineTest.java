package io.litewatch.web;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.litewatch.testsupport.SliceSecurity;
import io.litewatch.alert.AlertRepository;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.history.HistorySeries;
import io.litewatch.history.SyntheticHistory;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.PollFreshness;
import io.litewatch.poll.Publish;
import io.litewatch.testsupport.MigratedSqlite;
import io.litewatch.testsupport.TestClock;

import static io.litewatch.web.DashboardControllerTest.count;
import static io.litewatch.web.PollScenarios.NOW;
import static io.litewatch.web.PollScenarios.RUNNING;
import static io.litewatch.web.PollScenarios.healthy;
import static io.litewatch.web.PollScenarios.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The overview's lag sparklines rendered by the real templates from a known history in a
 * migrated SQLite file, read by the real grouped queries; assertions read the SVG a
 * browser gets.
 */
@WebMvcTest(DashboardController.class)
@Import({ AppVersion.class, Formats.class, LagSparklines.class, SliceSecurity.class,
		OverviewSparklineTest.Beans.class })
@WithMockUser(username = "viewer", roles = "VIEWER")
class OverviewSparklineTest {

	@TempDir
	static Path dir;

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LitewatchProperties.class)
	static class Beans {

		@Bean
		TestClock clock() {
			return new TestClock(NOW);
		}

		@Bean
		LatestPoll latestPoll() {
			return new LatestPoll();
		}

		@Bean
		PollFreshness pollFreshness(LatestPoll latest, TestClock clock) {
			return new PollFreshness(latest, Duration.ofSeconds(15), Duration.ofSeconds(30), clock);
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
		HistorySeries historySeries(DataSource dataSource) {
			return new HistorySeries(JdbcClient.create(dataSource));
		}

	}

	@Autowired
	MockMvc mvc;

	@Autowired
	LatestPoll latest;

	@Autowired
	TestClock clock;

	@Autowired
	DataSource dataSource;

	static boolean recorded;

	/**
	 * production's replica over the last 24 h: polled every 15 s, lag 1 s but 12 s once
	 * two hours ago, and Litewatch stopped from 6 to 5 hours ago. No other replica has a
	 * history.
	 */
	@BeforeEach
	void now() {
		clock.set(NOW);
		if (recorded) {
			return;
		}
		recorded = true;
		Instant stop = NOW.minus(Duration.ofHours(6));
		Instant peak = NOW.minus(Duration.ofHours(2));
		SyntheticHistory.replicaSamples(dataSource, "production", "s3",
				SyntheticHistory.polls(NOW.minus(Duration.ofHours(24)), NOW, Duration.ofSeconds(15),
						(i, at) -> (!at.isBefore(stop) && at.isBefore(stop.plus(Duration.ofHours(1)))) ? null
								: new SyntheticHistory.Sample(at, at.equals(peak) ? 12.0 : 1.0, 600.0)));
	}

	String page() throws Exception {
		Publish.poll(latest, poll(RUNNING, healthy("production"), healthy("queue")));
		return mvc.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	/** The sparkline svg of {@code db}'s row. */
	static String sparkline(String html, String db) {
		Matcher m = Pattern
			.compile("data-testid=\"db-row\" data-db=\"" + db + "\".*?(<svg class=\"spark\".*?</svg>)", Pattern.DOTALL)
			.matcher(html);
		assertThat(m.find()).as("a sparkline in the row of " + db).isTrue();
		return m.group(1);
	}

	@Test
	void eachReplicaHasALagSparklineWithTheLimitAndTheTimeNobodyWatched() throws Exception {
		String html = page();

		String production = sparkline(html, "production");
		assertThat(production).contains("role=\"img\"")
			.contains("aria-label=\"lag over 24 h: peak 12 s, 1 gap while not watched\"");
		// The stop is shaded where it was (18 h of 24 h in), its tooltip says when; the
		// line breaks there and the 12 s peak is kept in its 15 min slot.
		assertThat(count(production, "data-testid=\"spark-gap\"")).isEqualTo(1);
		assertThat(production).contains("class=\"spark-gap\" data-testid=\"spark-gap\" x=\"449.9\" y=\"0\" "
				+ "width=\"25.1\" height=\"120\"><title>not watched 2026-11-25 08:51 – 2026-11-25 09:52 UTC</title>");
		Matcher path = Pattern.compile("<path class=\"spark-line\" d=\"([^\"]+)\"").matcher(production);
		assertThat(path.find()).isTrue();
		assertThat(path.group(1)).matches("M[0-9. ]+(L[0-9. ]+)+ M[0-9. ]+(L[0-9. ]+)+").contains(" 19.3 ");
		// The scale's top is 1.1 × the 13 s limit: the limit's line sits near the top.
		assertThat(production).contains("class=\"spark-limit\" x1=\"0\" x2=\"600\" y1=\"10.9\" y2=\"10.9\"");
		// A replica without a history is one gap, not a flat line.
		String queue = sparkline(html, "queue");
		assertThat(queue).contains("aria-label=\"lag over 24 h: no lag known, 1 gap while not watched\"")
			.contains("x=\"0\" y=\"0\" width=\"600\"")
			.doesNotContain("d=\"M");
		assertThat(count(html, "data-testid=\"sparkline\"")).isEqualTo(2);
	}

	@Test
	void theHtmxRefreshCarriesThemToo() throws Exception {
		Publish.poll(latest, poll(RUNNING, healthy("production"), healthy("queue")));
		String fragment = mvc.perform(get("/").header("HX-Request", "true"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(count(fragment, "data-testid=\"sparkline\"")).isEqualTo(2);
		assertThat(fragment).doesNotContain("style=");
	}

}
