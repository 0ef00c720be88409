package io.litewatch.poll;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.litewatch.testsupport.TestClock;
import io.litewatch.health.AccessoryState;
import io.litewatch.health.FindingCode;
import io.litewatch.health.HealthStatus;

import static org.assertj.core.api.Assertions.assertThat;

class PollFreshnessTest {

	static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

	final TestClock clock = new TestClock(T0);

	final LatestPoll latest = new LatestPoll();

	static PollResult poll(long sequence, Instant at) {
		return new PollResult(sequence, at, Duration.ofMillis(300), HealthStatus.OK, List.of(),
				new ConfigState(Path.of("/etc/litestream.yml"), true, 0, null, at, false),
				new AccessoryState("unix:///var/run/docker.sock", "litestream", null, null, null, "not asked"),
				List.of());
	}

	@Test
	void stallsAfterThreeIntervalsWithoutACompletedPoll() {
		PollFreshness freshness = new PollFreshness(latest, Duration.ofSeconds(15), Duration.ofSeconds(15), clock);
		clock.set(T0.plusSeconds(45));
		assertThat(freshness.stalled()).isEmpty();
		clock.set(T0.plusSeconds(46));
		assertThat(freshness.stalled()).hasValueSatisfying((f) -> {
			assertThat(f.code()).isEqualTo(FindingCode.POLL_STALLED);
			assertThat(f.message()).contains("since Litewatch started", "every 15s");
		});
		assertThat(freshness.health().getStatus().getCode()).isEqualTo("DOWN");

		latest.publish(poll(7, clock.instant()));
		assertThat(freshness.stalled()).isEmpty();
		assertThat(freshness.health().getStatus().getCode()).isEqualTo("UP");
		clock.set(clock.instant().plusSeconds(46));
		assertThat(freshness.stalled()).hasValueSatisfying(
				(f) -> assertThat(f.message()).contains("No poll has completed for 46s", "#7", "12:00:46Z"));
	}

	@Test
	void aPollThatMayTakeLongerThanAnIntervalIsNoStall() {
		// poll 2s, but sources may take 25s to time out: 25s + 2 intervals.
		PollFreshness freshness = new PollFreshness(latest, Duration.ofSeconds(2), Duration.ofSeconds(25), clock);
		latest.publish(poll(1, T0));
		clock.set(T0.plusSeconds(29));
		assertThat(freshness.stalled()).isEmpty();
		clock.set(T0.plusSeconds(30));
		assertThat(freshness.stalled()).isPresent();
	}

}
