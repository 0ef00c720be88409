package io.litewatch.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.Publish;
import io.litewatch.testsupport.LastPollBeans;
import io.litewatch.testsupport.SliceSecurity;
import io.litewatch.testsupport.TestClock;

import static io.litewatch.metrics.SyntheticPolls.T0;
import static io.litewatch.metrics.SyntheticPolls.database;
import static io.litewatch.metrics.SyntheticPolls.poll;
import static io.litewatch.metrics.SyntheticPolls.replica;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * {@code /api/status} in a web slice with Litewatch's own security: the JSON is made once
 * per poll and view, and a client that revalidates with its ETag gets a 304 until the
 * next poll.
 */
@WebMvcTest(controllers = StatusApiController.class, properties = "litewatch.poll-interval=10s")
@Import({ SliceSecurity.class, StatusJson.class, AppVersion.class, LastPollBeans.class })
class StatusApiControllerTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	LatestPoll latest;

	@Autowired
	StatusJson json;

	@Autowired
	TestClock clock;

	@BeforeEach
	void healthyPoll() {
		clock.set(T0.plusSeconds(3));
		Publish.poll(latest, poll(7, T0, database("production", replica("s3", Duration.ofSeconds(2)))));
	}

	MockHttpServletResponse status(String ifNoneMatch) throws Exception {
		var request = get("/api/status");
		if (ifNoneMatch != null) {
			request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	@Test
	void aRevalidationWithTheEtagIsA304UntilTheNextPoll() throws Exception {
		MockHttpServletResponse first = status(null);
		assertThat(first.getStatus()).isEqualTo(200);
		assertThat(first.getContentType()).startsWith("application/json");
		assertThat(first.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-cache");
		String etag = first.getHeader(HttpHeaders.ETAG);
		assertThat(etag).matches("\"[0-9a-f]{24}\"");
		assertThat(first.getContentAsString()).contains("\"sequence\":7", "\"production\"");

		MockHttpServletResponse again = status(etag);
		assertThat(again.getStatus()).isEqualTo(304);
		assertThat(again.getContentAsByteArray()).isEmpty();

		Publish.poll(latest, poll(8, T0.plusSeconds(10), database("production", replica("s3", Duration.ofSeconds(1)))));
		MockHttpServletResponse next = status(etag);
		assertThat(next.getStatus()).isEqualTo(200);
		assertThat(next.getHeader(HttpHeaders.ETAG)).isNotEqualTo(etag);
		assertThat(next.getContentAsString()).contains("\"sequence\":8");
	}

	@Test
	void theBytesAreMadeOncePerPollAndView() {
		StatusJson.Answer anonymous = json.answer(false);
		StatusJson.Answer full = json.answer(true);
		assertThat(json.answer(false).body()).isSameAs(anonymous.body());
		assertThat(json.answer(true).body()).isSameAs(full.body());
		// The public view is a subset: never the same bytes, never the same tag.
		assertThat(full.etag()).isNotEqualTo(anonymous.etag());
		assertThat(text(full)).contains("\"accessory\"");
		assertThat(text(anonymous)).doesNotContain("\"accessory\"");
	}

	@Test
	void aSignedInUserGetsTheFullViewPrivately() throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/api/status").with(user("op").roles("VIEWER")))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-cache, private");
		assertThat(response.getContentAsString()).isEqualTo(text(json.answer(true)));
	}

	@Test
	void aCriticalStatusIsAlwaysA503WithItsBodyEvenForAMatchingTag() throws Exception {
		Publish.poll(latest, poll(9, T0, database("production",
				replica("s3", Duration.ofSeconds(400), Finding.critical(FindingCode.REPLICA_STALE, "stale")))));
		MockHttpServletResponse first = status(null);
		assertThat(first.getStatus()).isEqualTo(503);
		MockHttpServletResponse again = status(first.getHeader(HttpHeaders.ETAG));
		assertThat(again.getStatus()).isEqualTo(503);
		assertThat(again.getContentAsString()).contains("\"critical\"");
	}

	@Test
	void stalledPollsAreNeverServedFromWhatWasKept() throws Exception {
		String fresh = status(null).getContentAsString();
		clock.set(T0.plus(Duration.ofMinutes(5)));
		MockHttpServletResponse stalled = status(null);
		assertThat(stalled.getStatus()).isEqualTo(503);
		assertThat(stalled.getContentAsString()).isNotEqualTo(fresh).contains("\"stale\":true");
	}

	static String text(StatusJson.Answer answer) {
		return new String(answer.body(), StandardCharsets.UTF_8);
	}

}
