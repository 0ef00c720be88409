package io.litewatch.badge;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.Publish;
import io.litewatch.testsupport.LastPollBeans;
import io.litewatch.testsupport.SliceSecurity;
import io.litewatch.testsupport.TestClock;

import static io.litewatch.metrics.SyntheticPolls.SECRET;
import static io.litewatch.metrics.SyntheticPolls.T0;
import static io.litewatch.metrics.SyntheticPolls.database;
import static io.litewatch.metrics.SyntheticPolls.poll;
import static io.litewatch.metrics.SyntheticPolls.replica;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The badge controller in a web slice, reading polls put where the poll cycle puts them.
 * The poll interval is 10 s; the poll below completed 3 s before the clock's now.
 */
@WebMvcTest(controllers = BadgeController.class, properties = "litewatch.poll-interval=10s")
@Import({ SliceSecurity.class, LastPollBeans.class })
class BadgeControllerTest {

	static final Finding STALE = Finding.critical(FindingCode.REPLICA_STALE, "stale");

	@Autowired
	MockMvc mvc;

	@Autowired
	LatestPoll latest;

	@Autowired
	TestClock clock;

	/** The context, with its clock and its last poll, is shared by the tests. */
	@BeforeEach
	void noPollYet() {
		clock.set(T0.plusSeconds(3));
		Publish.poll(latest, null);
	}

	void publishUsualPoll() {
		Publish.poll(latest,
				poll(7, T0, database("production", replica("s3", Duration.ofSeconds(2))),
						database("queue", replica("s3", Duration.ofSeconds(303), STALE)),
						database("data/cache", replica("s3", Duration.ofSeconds(1)))));
	}

	@Test
	void anOkDatabaseSaysOkWithItsLagAndMayBeCachedUntilTheNextPoll() throws Exception {
		publishUsualPoll();

		String body = mvc.perform(get("/badge/production.svg"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=7, must-revalidate"))
			.andExpect(header().string(HttpHeaders.ETAG, "\"7-" + T0.toEpochMilli() + "\""))
			.andExpect(header().dateValue(HttpHeaders.LAST_MODIFIED, T0.toEpochMilli()))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(BadgeSvgTest.parse(body).getElementsByTagName("text").item(1).getTextContent())
			.isEqualTo("production: ok \u00b7 lag 2s");
		assertThat(body).contains(Badge.Tone.OK.fill()).doesNotContain(SECRET, "127.0.0.1", "backups");
	}

	@Test
	void aCriticalDatabaseSaysCriticalInWordsAndColour() throws Exception {
		publishUsualPoll();

		String body = mvc.perform(get("/badge/queue.svg"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(body).contains(">queue: critical \u00b7 lag 5m 3s<").contains(Badge.Tone.CRITICAL.fill());
	}

	@Test
	void aNameWithASlashIsWrittenAsIs() throws Exception {
		publishUsualPoll();

		mvc.perform(get("/badge/data/cache.svg"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString(">data/cache: ok \u00b7 lag 1s<")));
	}

	@Test
	void anUnknownDatabaseIsA404WithAnUnknownBadgeThatDoesNotRepeatTheName() throws Exception {
		publishUsualPoll();

		String body = mvc.perform(get("/badge/{name}.svg", "nope<x>"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-cache"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(body).contains(">unknown<").doesNotContain("nope");
		mvc.perform(get("/badge/production.png")).andExpect(status().isNotFound());
	}

	@Test
	void aNameWithMarkupIsEscaped() throws Exception {
		String name = "<b>&\"x\"";
		Publish.poll(latest, poll(8, T0, database(name, replica("s3", Duration.ofSeconds(2)))));

		String body = mvc.perform(get("/badge/{name}.svg", name))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(body).doesNotContain("<b>").contains("&lt;b&gt;&amp;&quot;x&quot;");
		assertThat(BadgeSvgTest.parse(body).getElementsByTagName("text").item(1).getTextContent())
			.isEqualTo(name + ": ok \u00b7 lag 2s");
	}

	@Test
	void aRevalidationBetweenTwoPollsIsA304AndTheNextPollChangesTheETag() throws Exception {
		publishUsualPoll();
		MvcResult first = mvc.perform(get("/badge/production.svg")).andExpect(status().isOk()).andReturn();
		String etag = first.getResponse().getHeader(HttpHeaders.ETAG);

		mvc.perform(get("/badge/production.svg").header(HttpHeaders.IF_NONE_MATCH, etag))
			.andExpect(status().isNotModified());
		mvc.perform(get("/badge.svg").header(HttpHeaders.IF_MODIFIED_SINCE,
				first.getResponse().getHeader(HttpHeaders.LAST_MODIFIED)))
			.andExpect(status().isNotModified());

		Publish.poll(latest, poll(8, T0.plusSeconds(11), database("production", replica("s3", Duration.ofSeconds(4)))));
		clock.set(T0.plusSeconds(12));

		mvc.perform(get("/badge/production.svg").header(HttpHeaders.IF_NONE_MATCH, etag))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "\"8-" + T0.plusSeconds(11).toEpochMilli() + "\""))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=9, must-revalidate"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("production: ok \u00b7 lag 4s")));
	}

	@Test
	void theOverallBadgeCountsTheWorstDatabases() throws Exception {
		publishUsualPoll();

		mvc.perform(get("/badge.svg"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=7, must-revalidate"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(">1 critical<")));
	}

	@Test
	void aPollOverdueMayNotBeCachedAndAStalledOneSaysSo() throws Exception {
		publishUsualPoll();
		clock.set(T0.plusSeconds(20));

		mvc.perform(get("/badge/production.svg"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=0, must-revalidate"));

		clock.set(T0.plus(Duration.ofMinutes(5)));

		mvc.perform(get("/badge/production.svg"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-cache"))
			.andExpect(header().doesNotExist(HttpHeaders.LAST_MODIFIED))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(">production: stalled<")));
		mvc.perform(get("/badge.svg")).andExpect(content().string(org.hamcrest.Matchers.containsString(">stalled<")));
	}

	@Test
	void beforeTheFirstPollEveryBadgeIsPending() throws Exception {
		mvc.perform(get("/badge.svg"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-cache"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(">pending<")));
		mvc.perform(get("/badge/production.svg"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(">pending<")));
	}

}
