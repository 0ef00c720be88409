package io.litewatch.web;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
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
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import io.litewatch.alert.AlertEvent;
import io.litewatch.alert.AlertRepository;
import io.litewatch.alert.channel.RenderedMessage;
import io.litewatch.alert.outbox.OutboxMessage;
import io.litewatch.alert.outbox.OutboxRepository;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.drill.DrillRecord;
import io.litewatch.drill.DrillRepository;
import io.litewatch.drill.DrillResult;
import io.litewatch.docker.GenerationRow;
import io.litewatch.docker.SnapshotRow;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.DrillObservation;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.Severity;
import io.litewatch.history.HistoryRepository;
import io.litewatch.history.HistorySeries;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.PollFreshness;
import io.litewatch.poll.PollResult;
import io.litewatch.poll.Publish;
import io.litewatch.testsupport.MigratedSqlite;
import io.litewatch.testsupport.SliceSecurity;
import io.litewatch.testsupport.TestClock;

import static io.litewatch.web.DashboardControllerTest.count;
import static io.litewatch.web.DashboardControllerTest.text;
import static io.litewatch.web.PollScenarios.GENERATION;
import static io.litewatch.web.PollScenarios.NOW;
import static io.litewatch.web.PollScenarios.RUNNING;
import static io.litewatch.web.PollScenarios.healthy;
import static io.litewatch.web.PollScenarios.lagging;
import static io.litewatch.web.PollScenarios.ltxHealthy;
import static io.litewatch.web.PollScenarios.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * A database's page rendered by the real templates from a poll the real evaluator judged
 * and history read from a migrated SQLite file.
 */
@WebMvcTest(DatabaseController.class)
@Import({ AppVersion.class, Formats.class, SliceSecurity.class, DatabaseControllerTest.Beans.class })
@WithMockUser(username = "viewer", roles = "VIEWER")
class DatabaseControllerTest {

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
		OutboxRepository outboxRepository(DataSource dataSource) {
			return new OutboxRepository(JdbcClient.create(dataSource));
		}

		@Bean
		HistoryRepository historyRepository(DataSource dataSource) {
			return new HistoryRepository(JdbcClient.create(dataSource),
					new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
		}

		@Bean
		DrillRepository drillRepository(DataSource dataSource) {
			return new DrillRepository(JdbcClient.create(dataSource),
					tools.jackson.databind.json.JsonMapper.builder().build());
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
	HistoryRepository history;

	@Autowired
	OutboxRepository outbox;

	@Autowired
	DrillRepository drills;

	static boolean recorded;

	/**
	 * Polls every 15 s from 40 to 20 min ago and over the last 10 min: Litewatch was not
	 * running in between. The queue lagged in the last 5 min.
	 */
	@BeforeEach
	void history() {
		clock.set(NOW);
		if (recorded) {
			return;
		}
		recorded = true;
		outbox.enqueue(new OutboxMessage("m1", "n1", "ops", AlertEvent.FIRING, "queue", Severity.WARNING,
				new RenderedMessage("n1", "queue: REPLICA_STALE", "body", "text"), OutboxMessage.Status.DEAD, 3,
				NOW.minus(Duration.ofMinutes(4)), NOW, NOW.minusSeconds(30), null, "HTTP 500 from webhook"));
		outbox.enqueue(new OutboxMessage("m2", "n2", "ops", AlertEvent.FIRING, "production", Severity.WARNING,
				new RenderedMessage("n2", "production: REPLICA_STALE", "body", "text"), OutboxMessage.Status.SENT, 1,
				NOW.minus(Duration.ofMinutes(4)), NOW, NOW.minusSeconds(230), NOW.minusSeconds(230), null));
		for (int i = 0; i < 80; i++) {
			Instant at = NOW.minus(Duration.ofMinutes(40)).plusSeconds(15L * i);
			record(at, poll(RUNNING, healthy("production"), healthy("queue")));
		}
		for (int i = 0; i < 40; i++) {
			Instant at = NOW.minus(Duration.ofMinutes(10)).plusSeconds(15L * i);
			record(at, poll(RUNNING, healthy("production"), i < 20 ? healthy("queue") : lagging("queue")));
		}
	}

	void record(Instant at, PollResult p) {
		history.record(new PollResult(p.sequence(), at, p.duration(), p.status(), p.findings(), p.config(),
				p.accessory(), p.databases(), p.held()));
	}

	/** The poll with the queue's last listing: one generation, two snapshots. */
	static PollResult listed(PollResult poll) {
		DatabaseStatus db = poll.databases().get(1);
		LitestreamView view = new LitestreamView(NOW.minusSeconds(60),
				List.of(new SnapshotRow("s3", GENERATION, 0, 2048, NOW.minus(Duration.ofHours(20))),
						new SnapshotRow("s3", GENERATION, 7, 4096, NOW.minus(Duration.ofMinutes(52)))),
				NOW.minusSeconds(60), List.of(new GenerationRow("s3", GENERATION, Duration.ofSeconds(15),
						NOW.minus(Duration.ofHours(20)), NOW.minusSeconds(17))),
				List.of(), null);
		List<DatabaseStatus> databases = List.of(poll.databases().get(0), new DatabaseStatus(db.config(), db.status(),
				db.findings(), db.file(), view, db.replicas(), db.heldBy()));
		return new PollResult(poll.sequence(), poll.checkedAt(), poll.duration(), poll.status(), poll.findings(),
				poll.config(), poll.accessory(), databases, poll.held());
	}

	String page(String url) throws Exception {
		Publish.poll(latest, listed(poll(RUNNING, healthy("production"), lagging("queue"))));
		return render(url);
	}

	String render(String url) throws Exception {
		return mvc.perform(get(url))
			.andExpect(status().isOk())
			.andExpect(view().name("database"))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void aLitestream05ReplicaShowsItsTxidsAndLevels() throws Exception {
		Publish.poll(latest, poll(RUNNING, ltxHealthy("production")));
		String html = mvc.perform(get("/databases/production").accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("LTX levels")
			.contains("Litestream 0.3 generations from before the upgrade")
			.contains("<code>0000000000000123</code>")
			.contains("TXID 0000000000000123 from 4 files")
			.contains("L9 (snapshots)")
			.contains("<code>snapshot.interval</code>")
			.doesNotContain("a gap: newer files are out of reach");
	}

	@Test
	void anUnknownDatabaseIsNotFound() throws Exception {
		Publish.poll(latest, poll(RUNNING, healthy("production")));
		mvc.perform(get("/databases/nope").accept(MediaType.TEXT_HTML)).andExpect(status().isNotFound());
	}

	@Test
	void itShowsTheReplicasFiguresAndTheThresholdsWithTheirSources() throws Exception {
		String html = page("/databases/queue");

		assertThat(html).contains("data-testid=\"db-page\"")
			.contains("<title>queue · warning · Litewatch</title>")
			.contains("<h1>queue</h1>");
		// The overview's replica figures.
		assertThat(html).contains("aria-label=\"queue, replica s3\"").contains("<span>limit 13 s</span>");
		// The thresholds: the replica's line, Litewatch's factors, the limits they make.
		assertThat(html).contains("<code>sync-interval</code>")
			.contains("Litestream&#39;s default 1s (not set in the replica&#39;s entry, line 5)")
			.contains("<td class=\"source\">litestream.yml line 7</td>")
			.contains("warning above 13 s")
			.contains("critical above 20 s")
			.contains("3 / 10 × sync-interval + 10 s")
			.contains("snapshot age: 1 / 2 × snapshot-interval (1 h) + 1 min")
			.contains("warning above 1 h 1 min");
		// Nothing inline: a CSP without 'unsafe-inline' must not break the page.
		assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
			.doesNotContainPattern("\\son[a-z]+=")
			.doesNotContain("style=");
	}

	@Test
	void theChartsAreSvgWithAGapWhereLitewatchWasNotRunning() throws Exception {
		String html = page("/databases/queue");

		assertThat(count(html, "data-testid=\"chart\"")).isEqualTo(2);
		assertThat(html).contains("<svg viewBox=\"0 0 600 120\"");
		// 24 h with samples only in the last 40 min: a gap before them, one between.
		assertThat(count(html, "data-testid=\"chart-gap\"")).isEqualTo(4);
		assertThat(html)
			.containsPattern("<path class=\"chart-line\" d=\"M[0-9. ]+(L[0-9. ]+)+ M[0-9. ]+(L[0-9. ]+)+\"");
		// 24 h in 600 slots of 144 s: the 30 min of samples are a dozen points or so.
		assertThat(html).containsPattern("Lag: 1\\d points, 2 gaps while not watched, warning above 13 s");
		assertThat(html).contains("aria-current=\"page\" data-range=\"24h\"");
	}

	@Test
	void theRangeSwitchesByQueryParameterAndTheRefreshKeepsIt() throws Exception {
		String html = page("/databases/queue?range=7d");

		assertThat(html).contains("History, last 7d")
			.contains("aria-current=\"page\" data-range=\"7d\"")
			.contains("href=\"/databases/queue?range=30d\"")
			.contains("hx-get=\"/databases/queue?range=7d\"")
			.contains("data-polling=\"false\"");
		String fragment = mvc.perform(get("/databases/queue?range=30d").header("HX-Request", "true"))
			.andExpect(view().name(DatabaseController.FRAGMENT))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(fragment).startsWith("<section id=\"db-status\"")
			.doesNotContain("<html")
			.contains("History, last 30d");
	}

	@Test
	void itListsTheNotificationsAboutThisDatabaseWithTheirDelivery() throws Exception {
		String html = page("/databases/queue");

		assertThat(html).contains("data-testid=\"notifications\"")
			.contains("<span>firing · warning</span><br><small>queue: REPLICA_STALE</small>")
			.contains("data-delivery=\"dead\"")
			.contains("<small>3 attempts</small>")
			.contains("HTTP 500 from webhook")
			.doesNotContain("production: REPLICA_STALE");
	}

	@Test
	void itListsGenerationsSnapshotsAndStatusChanges() throws Exception {
		String html = page("/databases/queue");

		assertThat(html).contains("<code>00fbc4bd93036238</code> <strong>current</strong>")
			.contains("1 generation kept")
			.contains("<td>7</td>")
			.contains("<td>4.0 KiB</td>");
		// The WAL timeline: the generation as a band, the snapshot as a tick, and what a
		// restore after the snapshot replays.
		assertThat(html).contains("data-testid=\"wal-timeline\"")
			.containsPattern("aria-label=\"WAL timeline: 1 generation, \\d+ snapshots?, restore window [^\"]+\"")
			.contains("class=\"generation current\"")
			.contains("index <span>7</span>")
			.contains("WAL index 7 on");
		assertThat(html).containsSubsequence("<strong>warning</strong> for <span>5 min</span> so far",
				"<strong>ok</strong> for <span>5 min</span>",
				"<strong>not watched</strong> for <span>10 min 15 s</span>",
				"<strong>ok</strong> for <span>19 min 45 s</span>");
	}

	@Test
	void itListsTheDatabasesDrillsWithTheirEvidenceButAViewerCannotRunOne() throws Exception {
		drills.insert(new DrillRecord("drill-q1", DrillRecord.Trigger.MANUAL,
				new DrillResult("queue", "s3", NOW.minusSeconds(600), Duration.ofMillis(812),
						DrillResult.Outcome.PASSED, 49152, "ok", Map.of("jobs", 41L, "pauses", 1L), null, null,
						GENERATION, new DrillResult.NewestRow("jobs.updated_at", NOW.minusMillis(602_500))),
				NOW.minusSeconds(601), Duration.ofMillis(1500), null));

		String html = page("/databases/queue");

		assertThat(html).contains("<h2 id=\"drills\">Restore drills</h2>")
			.contains("data-testid=\"drills\"")
			.contains("data-outcome=\"PASSED\"")
			.contains("812 ms")
			.contains("48.0 KiB")
			.contains("2 tables, 42 rows")
			.contains("1.5 s")
			.contains("newest row <span>2.5 s before the drill</span> (<code>jobs.updated_at</code>)")
			.contains("/api/drills/queue?format=csv")
			.doesNotContain("data-testid=\"run-drill\"");
		assertThat(page("/databases/production")).doesNotContain("drill-q1").doesNotContain("data-outcome=");
	}

	@Test
	void itSaysWhenTheNextScheduledDrillIsDue() throws Exception {
		Duration day = Duration.ofHours(24);
		Instant since = NOW.minus(Duration.ofDays(3));
		Map<String, DrillObservation> drills = Map.of("production",
				new DrillObservation(since, day, Duration.ofMinutes(15), null, List.of(),
						NOW.plus(Duration.ofMinutes(8))),
				"queue", new DrillObservation(since, Duration.ofHours(6), Duration.ofMinutes(15), null, List.of(),
						NOW.minusSeconds(5)));
		Publish.poll(latest, poll(RUNNING, drills, healthy("production"), healthy("queue")));

		assertThat(text(nextDrill(render("/databases/production"))))
			.isEqualTo("No restore drill yet: the first is due in 8 min (15:00 UTC), then every 1 d.");
		assertThat(nextDrill(render("/databases/production"))).contains("datetime=\"2026-11-25T15:00:00Z\"");
		assertThat(text(nextDrill(render("/databases/queue")))).as("overdue, waiting for the drill thread")
			.endsWith("is due any moment now, then every 6 h.");

		Publish.poll(latest, poll(RUNNING, healthy("production")));
		assertThat(render("/databases/production")).doesNotContain("data-testid=\"drill-next\"")
			.contains("Restore drills are off for this database");
	}

	static String nextDrill(String html) {
		int start = html.indexOf("<p class=\"drill-next");
		assertThat(start).as("the next drill's line").isNotNegative();
		return html.substring(start, html.indexOf("</p>", start) + 4);
	}

}
