package io.litewatch.web;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.servlet.RequestDispatcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import io.litewatch.alert.AlertRepository;
import io.litewatch.alert.Silence;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.health.DrillObservation;
import io.litewatch.health.DrillObservation.ReplicaDrill;
import io.litewatch.health.FindingCode;
import io.litewatch.history.HistorySeries;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.PollFreshness;
import io.litewatch.poll.PollResult;
import io.litewatch.poll.Publish;
import io.litewatch.testsupport.MigratedSqlite;
import io.litewatch.testsupport.SliceSecurity;
import io.litewatch.testsupport.TestClock;

import static io.litewatch.web.PollScenarios.NOW;
import static io.litewatch.web.PollScenarios.RUNNING;
import static io.litewatch.web.PollScenarios.STOPPED;
import static io.litewatch.web.PollScenarios.healthy;
import static io.litewatch.web.PollScenarios.lagging;
import static io.litewatch.web.PollScenarios.poll;
import static io.litewatch.web.PollScenarios.snapshotOverdue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The overview rendered by the real templates (layout, fragments, dashboard) from polls
 * the real evaluator judged; assertions read the HTML a browser gets.
 */
@WebMvcTest(DashboardController.class)
@Import({ AppVersion.class, Formats.class, LagSparklines.class, SliceSecurity.class,
		DashboardControllerTest.Beans.class })
@WithMockUser(username = "viewer", roles = "VIEWER")
class DashboardControllerTest {

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
	AlertRepository alerts;

	@BeforeEach
	void now() {
		clock.set(NOW);
	}

	String page(PollResult poll) throws Exception {
		Publish.poll(latest, poll);
		String html = mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(view().name("dashboard"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return html;
	}

	/** data-db and data-status of every row, in page order. */
	static List<String> rows(String html) {
		Matcher m = Pattern.compile("data-testid=\"db-row\" data-db=\"([^\"]+)\" data-status=\"([^\"]+)\"")
			.matcher(html);
		List<String> rows = new java.util.ArrayList<>();
		while (m.find()) {
			rows.add(m.group(1) + ":" + m.group(2));
		}
		return rows;
	}

	/** The row of {@code db}, up to the next row. */
	static String row(String html, String db) {
		int start = html.indexOf("data-db=\"" + db + "\"");
		assertThat(start).as("row of " + db).isNotNegative();
		int next = html.indexOf("data-testid=\"db-row\"", start);
		return html.substring(start, next < 0 ? html.length() : next);
	}

	static String drillLine(String row) {
		int start = row.lastIndexOf("<p", row.indexOf("data-testid=\"drill-line\""));
		assertThat(start).as("a drill line").isNotNegative();
		return row.substring(start, row.indexOf("</p>", start) + 4);
	}

	/** What a reader sees of {@code html}: no tags, entities read, spaces collapsed. */
	static String text(String html) {
		return HtmlUtils.htmlUnescape(html.replaceAll("<[^>]+>", "")).replaceAll("\\s+", " ").strip();
	}

	static int count(String html, String text) {
		return html.split(Pattern.quote(text), -1).length - 1;
	}

	@Test
	void rowsAreOrderedWorstFirstThenAsConfigured() throws Exception {
		String html = page(
				poll(RUNNING, healthy("production"), lagging("queue"), snapshotOverdue("cache"), healthy("cable")));

		assertThat(rows(html)).containsExactly("cache:critical", "queue:warning", "production:ok", "cable:ok");
		// Each database's name leads to its page.
		assertThat(html).contains("<h2><a href=\"/databases/queue\" data-testid=\"db-link\">queue</a></h2>");
		assertThat(html).doesNotContain("data-testid=\"banner\"");
		assertThat(html).contains("<title>1 critical · Litewatch</title>")
			.contains("href=\"/icons/critical.svg\"")
			.contains("data-favicon=\"critical\"");
		// The state is said in words and a glyph, not colour alone.
		assertThat(html).contains("<span class=\"icon\" aria-hidden=\"true\">✕</span> <span>Critical</span>");
	}

	@Test
	void aStoppedAccessoryIsOneBannerAndTheRowsItHoldsSaySo() throws Exception {
		String html = page(poll(STOPPED, healthy("production"), lagging("queue"), snapshotOverdue("cache")));

		assertThat(count(html, "data-testid=\"banner\"")).isEqualTo(1);
		assertThat(html).contains("data-cause=\"ACCESSORY_DOWN\"").contains("The Litestream container is down");
		// The cause's sentence is said once, in the banner, not in every row.
		assertThat(count(html, "Container myapp-litestream is exited")).isEqualTo(1);
		assertThat(html).contains("3 databases are held back by it");
		assertThat(rows(html)).containsExactly("production:unknown", "queue:unknown", "cache:unknown");
		assertThat(count(html, "<a href=\"#cause-ACCESSORY_DOWN\">held back by ACCESSORY_DOWN</a>: see above"))
			.isEqualTo(3);
		// The cause's code is shown once (MonitorEndToEndIT reads the page the same way).
		assertThat(count(html, "ACCESSORY_DOWN</code>")).isEqualTo(1);
		// No row and no replica says OK while nothing replicates.
		assertThat(html).doesNotContain("<span>OK</span>").doesNotContain("data-status=\"ok\"");
		assertThat(html).contains("<title>1 critical · Litewatch</title>");
	}

	@Test
	void figuresReadAsPeopleWriteThemWithMachineReadableTimes() throws Exception {
		String html = page(poll(RUNNING, healthy("production")));

		assertThat(html).contains("<span title=\"from db-file\">3 s</span>\n              · <span>limit 13 s</span>")
			.contains("sync every 1s");
		assertThat(html).contains("<time datetime=\"2026-11-25T14:00:00Z\" title=\"2026-11-25 14:00:00 UTC\" data-rel>"
				+ "52 min ago</time>");
		assertThat(html).contains("next due <time datetime=\"2026-11-25T15:00:00Z\"")
			.contains("data-clock>15:00 UTC</time>")
			.contains("data-rel=\"until\">in 8 min</time>");
		assertThat(html).contains("every 1h").contains("of <span>1d</span> retention").contains("from snapshots");
		assertThat(html).contains("<rect class=\"fill\" width=\"83\" height=\"6\" rx=\"3\"></rect>");
		// Go's spelling never reaches the page.
		assertThat(html).doesNotContainPattern("\\d+h\\d+m\\d+s").doesNotContain("24h0m0s");
	}

	@Test
	void eachRowSaysWhetherItsNewestRestoreDrillPassed() throws Exception {
		Duration day = Duration.ofHours(24);
		Instant since = NOW.minus(Duration.ofDays(3));
		Instant hourAgo = NOW.minus(Duration.ofHours(1));
		Map<String, DrillObservation> drills = Map.of("production",
				new DrillObservation(since, day, Duration.ofMinutes(15), hourAgo,
						List.of(new ReplicaDrill("s3", hourAgo, "PASSED", Duration.ofMillis(412), 90_112, null,
								hourAgo.minusSeconds(600), "PASSED", null, Duration.ofMillis(626))),
						hourAgo.plus(day)),
				"queue",
				new DrillObservation(since, day, Duration.ofMinutes(15), null,
						List.of(new ReplicaDrill("s3", NOW.minusSeconds(600), "FAILED", Duration.ofMillis(80), 0,
								"cannot find snapshot index by timestamp: no snapshots available", null, null, null,
								null)),
						NOW.plus(day)),
				"cache",
				new DrillObservation(since, day, Duration.ofMinutes(15), null,
						List.of(new ReplicaDrill("s3", NOW.minusSeconds(120), "REFUSED", Duration.ZERO, 0,
								"The scratch disk has 1.0 MiB free, less than twice the database's 4.0 MiB", null, null,
								null, null)),
						NOW.plus(day)),
				"cable", new DrillObservation(NOW.minusSeconds(30), day, Duration.ofMinutes(15), null, List.of(),
						NOW.plus(Duration.ofMinutes(10))));

		String html = page(poll(RUNNING, drills, healthy("production"), healthy("queue"), healthy("cache"),
				healthy("cable"), healthy("other")));

		assertThat(text(drillLine(row(html, "production"))))
			.isEqualTo("✓ Restore drill passed 1 h ago · restored in 0.4 s · RPO 0.6 s");
		assertThat(drillLine(row(html, "production"))).contains("data-outcome=\"passed\"",
				"href=\"/databases/production#drills\"");
		assertThat(text(drillLine(row(html, "queue")))).isEqualTo("✕ Restore drill failed 10 min ago");
		assertThat(row(html, "queue")).contains("RESTORE_FAILED", "no snapshots available");
		assertThat(text(drillLine(row(html, "cache")))).isEqualTo(
				"! Restore drill refused 2 min ago: The scratch disk has 1.0 MiB free, less than twice the database's 4.0 MiB");
		assertThat(text(drillLine(row(html, "cable")))).isEqualTo("○ No restore drill yet");
		assertThat(row(html, "other")).doesNotContain("drill-line");
	}

	@Test
	void theInventorysLinesKeepTheirWords() throws Exception {
		String html = page(PollScenarios.withInventory(poll(RUNNING, healthy("production")), true));

		assertThat(html).contains("history: 30,000 WAL segments")
			.contains("retention removed 10,000 WAL segments, 1 snapshot (seen <time")
			.contains("inventory: 62% of the next pass")
			.contains("from inventory");
		assertThat(page(PollScenarios.withInventory(poll(RUNNING, healthy("production")), false)))
			.contains("inventory: 62% of the first pass");
	}

	@Test
	void theHeaderCountsFromTheLastPollAndThePageCarriesWhatItsScriptNeeds() throws Exception {
		String html = page(poll(RUNNING, healthy("production")));

		assertThat(html).contains("checked <span data-testid=\"checked-ago\">3 s ago</span>")
			.contains("next poll <span data-testid=\"next-poll\">in 12 s</span>");
		assertThat(html).contains("data-checked-at=\"2026-11-25T14:51:57Z\"")
			.contains("data-next-poll-at=\"2026-11-25T14:52:12Z\"")
			.contains("hx-trigger=\"every 15s, refresh\"")
			.contains("data-testid=\"disconnected\"")
			.contains("<script src=\"/js/litewatch.js\"");
		// Nothing inline: a CSP without 'unsafe-inline' must not break the page.
		assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
			.doesNotContainPattern("\\son[a-z]+=")
			.doesNotContain("style=");
		// Landmarks, and a region that announces its summary.
		assertThat(html).contains("<header class=\"top\">")
			.contains("<nav aria-label=\"Pages\">")
			.contains("<main id=\"content\">")
			.contains("<footer")
			.contains("aria-live=\"polite\"")
			.contains("<h1>Databases</h1>");
	}

	@Test
	void theHtmxRefreshGetsTheSectionAlone() throws Exception {
		Publish.poll(latest, poll(RUNNING, healthy("production")));
		String fragment = mvc.perform(get("/").header("HX-Request", "true"))
			.andExpect(view().name(DashboardController.STATUS_FRAGMENT))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(fragment).startsWith("<section id=\"status\"")
			.doesNotContain("<html")
			.contains("data-title=\"all ok · Litewatch\"")
			.contains("data-testid=\"db-row\"");
		mvc.perform(get("/").header("HX-Request", "true").header("HX-History-Restore-Request", "true"))
			.andExpect(view().name(DashboardController.VIEW));
	}

	@Test
	void stalledPollsAreOneBannerAndHoldEveryRow() throws Exception {
		Publish.poll(latest, poll(RUNNING, healthy("production"), healthy("queue")));
		clock.set(NOW.plus(Duration.ofMinutes(5)));
		String html = mvc.perform(get("/")).andReturn().getResponse().getContentAsString();

		assertThat(count(html, "data-testid=\"banner\"")).isEqualTo(1);
		assertThat(html).contains("data-cause=\"POLL_STALLED\"").contains("Polls have stalled");
		assertThat(rows(html)).containsExactly("production:unknown", "queue:unknown");
		assertThat(html).contains("<a href=\"#cause-POLL_STALLED\">held back by POLL_STALLED</a>");
	}

	@Test
	void silencedFindingsAreMarked() throws Exception {
		alerts.addSilence(new Silence("s1", "queue", FindingCode.REPLICA_STALE, "deploy", NOW.minusSeconds(60),
				NOW.plusSeconds(3600), "tester"));
		String html = page(poll(RUNNING, lagging("queue")));

		assertThat(html).contains("<span class=\"silenced\">silenced</span>");
		alerts.expireSilence("s1", NOW);
	}

	@Test
	void beforeTheFirstPollThePageWaits() throws Exception {
		LatestPoll empty = new LatestPoll();
		PollFreshness freshness = new PollFreshness(empty, Duration.ofSeconds(15), Duration.ofSeconds(30), clock);
		OverviewPage page = OverviewPage.of(null, true, freshness.stalled(), PollScenarios.PROPERTIES, NOW);
		assertThat(page.summary()).isEqualTo("Waiting for the first poll.");
	}

	@Test
	void anUnknownPageGetsTheLayoutWithASentenceAndAWayBack() throws Exception {
		String html = mvc
			.perform(get("/error").accept(MediaType.TEXT_HTML)
				.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 404)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/no-such-page"))
			.andExpect(status().isNotFound())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(html).contains("<title>Not found · Litewatch</title>")
			.contains("<h1>Page not found</h1>")
			.contains("There is no page at <code>/no-such-page</code>.")
			.contains("<a href=\"/\">Back to the overview</a>")
			.contains("<nav aria-label=\"Pages\">")
			.doesNotContain("Whitelabel");
	}

	@Test
	void aServerErrorGetsTheLayoutToo() throws Exception {
		String html = mvc
			.perform(get("/error").accept(MediaType.TEXT_HTML)
				.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/"))
			.andExpect(status().isInternalServerError())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(html).contains("<h1>Something went wrong</h1>")
			.contains("Litewatch could not show this page (HTTP 500)")
			.contains("Back to the overview")
			.doesNotContain("Whitelabel");
	}

}
