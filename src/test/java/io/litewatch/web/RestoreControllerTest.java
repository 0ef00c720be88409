package io.litewatch.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

import io.litewatch.testsupport.SliceSecurity;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.docker.ContainerMount;
import io.litewatch.docker.ContainerSetup;
import io.litewatch.docker.ContainerState;
import io.litewatch.docker.SnapshotRow;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.LitestreamView;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.PollResult;
import io.litewatch.poll.Publish;
import io.litewatch.testsupport.TestClock;

import static io.litewatch.web.PollScenarios.GENERATION;
import static io.litewatch.web.PollScenarios.NOW;
import static io.litewatch.web.PollScenarios.accessory;
import static io.litewatch.web.PollScenarios.healthy;
import static io.litewatch.web.PollScenarios.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The restore helper rendered by the real templates from a poll the real evaluator
 * judged: production's replica holds snapshots 0 (20 h ago) and 7 (52 min ago), its
 * newest object is from 14:51:55, and the accessory is a Kamal one.
 */
@WebMvcTest(RestoreController.class)
@Import({ AppVersion.class, Formats.class, SliceSecurity.class, RestoreControllerTest.Beans.class })
@WithMockUser(username = "viewer", roles = "VIEWER")
class RestoreControllerTest {

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

	}

	static final ContainerSetup KAMAL = new ContainerSetup("litestream/litestream:0.3.13",
			List.of("/usr/local/bin/litestream"), List.of("replicate"),
			List.of(new ContainerMount("myapp_storage", "/var/lib/docker/volumes/myapp_storage/_data", "/rails/storage",
					false),
					new ContainerMount(null, "/root/myapp-litestream/etc/litestream.yml", "/etc/litestream.yml", true)),
			"kamal", null, List.of("LITESTREAM_ACCESS_KEY_ID", "LITESTREAM_SECRET_ACCESS_KEY"));

	@Autowired
	MockMvc mvc;

	@Autowired
	LatestPoll latest;

	@BeforeEach
	void publish() {
		ContainerState running = new ContainerState("myapp-litestream", true, "running", true, false, 0,
				NOW.minusSeconds(7200), null, null, KAMAL.image(), KAMAL);
		PollResult p = poll(accessory(running), healthy("production"), healthy("queue"));
		DatabaseStatus db = p.databases().get(0);
		LitestreamView view = new LitestreamView(NOW.minusSeconds(3),
				List.of(new SnapshotRow("s3", GENERATION, 0, 2048, NOW.minus(Duration.ofHours(20))),
						new SnapshotRow("s3", GENERATION, 7, 4096, NOW.minus(Duration.ofMinutes(52)))),
				null, List.of(), List.of(), null);
		Publish.poll(latest,
				new PollResult(p.sequence(), p.checkedAt(), p.duration(), p.status(), p.findings(), p.config(),
						p.accessory(), List.of(new DatabaseStatus(db.config(), db.status(), db.findings(), db.file(),
								view, db.replicas(), db.heldBy()), p.databases().get(1)),
						p.held()));
	}

	String page(String url, ResultMatcher expected) throws Exception {
		return mvc.perform(get(java.net.URI.create(url)))
			.andExpect(expected)
			.andExpect(view().name(RestoreController.VIEW))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void byDefaultItPlansTheNewestRestorablePointAndPrintsTheCommands() throws Exception {
		String html = page("/databases/production/restore", status().isOk());

		assertThat(html).contains("<title>Restore production · Litewatch</title>")
			.contains("value=\"2026-11-25T14:51:55\"")
			.contains("type=\"datetime-local\"")
			.contains("data-verdict=\"INSIDE\"")
			.contains("Inside the restore window")
			.contains("<dd>7 (00000007), taken 2026-11-25 14:00:00 UTC</dd>")
			.contains("<dd>00000007</dd>")
			.contains("href=\"/databases/production\"");
		// The WAL is still at snapshot 7's index: the 15:00 snapshot rewrites it.
		assertThat(html).contains("data-restorable-until=\"2026-11-25T15:00:00\"")
			.contains("writes the same object again, about 2026-11-25 15:00:00 UTC");
		assertThat(html).contains("data-runbook=\"docker\"").contains("data-runbook=\"kamal\"");
		assertThat(html).contains("docker run --rm --network kamal -v myapp_storage:/rails/storage "
				+ "-v /root/myapp-litestream/etc/litestream.yml:/etc/litestream.yml:ro -e LITESTREAM_ACCESS_KEY_ID "
				+ "-e LITESTREAM_SECRET_ACCESS_KEY litestream/litestream:0.3.13 restore -config /etc/litestream.yml "
				+ "-replica s3 -timestamp 2026-11-25T14:51:55Z -o /rails/storage/production.sqlite3 "
				+ "/rails/storage/production.sqlite3")
			.contains("docker stop myapp-litestream")
			.contains("kamal accessory exec litestream &#39;restore -config /etc/litestream.yml -replica s3 "
					+ "-timestamp 2026-11-25T14:51:55Z");
		assertThat(DashboardControllerTest.count(html, "data-testid=\"copy\"")).isEqualTo(10);
		assertThat(html).contains("data-copy=\"cmd-docker-3\"").contains("id=\"cmd-docker-3\"");
		// Nothing inline: a CSP without 'unsafe-inline' must not break the page.
		assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
			.doesNotContainPattern("\\son[a-z]+=")
			.doesNotContain("style=");
	}

	@Test
	void aTimeWithoutZoneIsUtcAndOneWithAZoneIsConverted() throws Exception {
		String local = page("/databases/production/restore?at=2026-11-25T10:00:00&replica=s3", status().isOk());
		String zoned = page("/databases/production/restore?at=2026-11-25T11:00:00%2B01:00", status().isOk());

		for (String html : List.of(local, zoned)) {
			assertThat(html).contains("-timestamp 2026-11-25T10:00:00Z")
				.contains("<dd>0 (00000000), taken 2026-11-24 18:52:00 UTC</dd>")
				.contains("<dd>from 00000000 to the last segment uploaded by then (00000007 at most)</dd>");
		}
		assertThat(local).contains("value=\"2026-11-25T10:00:00\"");
		// What was typed stays in the field.
		assertThat(zoned).contains("value=\"2026-11-25T11:00:00+01:00\"");
	}

	@Test
	void aTimeAfterTheNewestObjectIsOutsideWithTheNearestAndNoCommands() throws Exception {
		String html = page("/databases/production/restore?at=2026-11-25T15:00:00Z", status().isOk());

		assertThat(html).contains("data-verdict=\"AFTER_NEWEST\"")
			.contains("Outside the restore window: after the newest object")
			.contains("&quot;no matching backups found&quot;")
			.contains("href=\"/databases/production/restore?at=2026-11-25T14:51:55&amp;replica=s3\"")
			.contains("data-testid=\"no-commands\"")
			.doesNotContain("data-testid=\"command\"");
	}

	@Test
	void anUnreadableTimeIsRefusedAndKeptInTheForm() throws Exception {
		String html = page("/databases/production/restore?at=yesterday%20noon&replica=s3", status().isBadRequest());

		assertThat(html).contains("data-testid=\"restore-error\"")
			.contains("&quot;yesterday noon&quot; is not a time: give it as 2026-11-25T14:51:58 (UTC)")
			.contains("type=\"text\"")
			.contains("value=\"yesterday noon\"")
			.contains("aria-invalid=\"true\"")
			.doesNotContain("data-testid=\"restore-plan\"");
	}

	@Test
	void anUnknownReplicaIsRefusedAndKeptInTheForm() throws Exception {
		String html = page("/databases/production/restore?at=2026-11-25T10:00:00&replica=gcs", status().isBadRequest());

		assertThat(html).contains("Database production has no replica named &quot;gcs&quot;; its replicas are s3.")
			.contains("<option value=\"gcs\" selected=\"selected\">gcs (not a replica of this database)</option>")
			.contains("value=\"2026-11-25T10:00:00\"")
			.doesNotContain("data-testid=\"command\"");
	}

	@Test
	void anUnknownDatabaseIsNotFound() throws Exception {
		mvc.perform(get("/databases/nope/restore").accept(MediaType.TEXT_HTML)).andExpect(status().isNotFound());
	}

}
