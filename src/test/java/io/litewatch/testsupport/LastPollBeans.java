package io.litewatch.testsupport;

import java.time.Duration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.metrics.SyntheticPolls;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.PollFreshness;

/**
 * What a web slice that reads the last poll needs: where the poll cycle puts it, how
 * fresh it is (a 10 s interval, stalled after 25 s) and a clock 3 s after
 * {@link SyntheticPolls#T0}.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(LitewatchProperties.class)
public class LastPollBeans {

	@Bean
	TestClock clock() {
		return new TestClock(SyntheticPolls.T0.plusSeconds(3));
	}

	@Bean
	LatestPoll latestPoll() {
		return new LatestPoll();
	}

	@Bean
	PollFreshness pollFreshness(LatestPoll latest, TestClock clock) {
		return new PollFreshness(latest, Duration.ofSeconds(10), Duration.ofSeconds(25), clock);
	}

}
