package io.litewatch.security;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.litewatch.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

	final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));

	final LoginThrottle throttle = new LoginThrottle(
			new LoginThrottleProperties(3, 5, Duration.ofMinutes(15), Duration.ofMinutes(10), 10), clock);

	@Test
	void aNameIsLockedAfterItsFailuresWithinTheWindowAndFreedAfterTheLockout() {
		throttle.failed("alice", "10.0.0.1");
		throttle.failed("Alice", "10.0.0.2");
		assertThat(throttle.lockedFor("alice", "10.0.0.3")).isEmpty();
		throttle.failed("alice ", "10.0.0.3");
		assertThat(throttle.lockedFor("ALICE", "10.0.0.9")).hasValue(Duration.ofMinutes(10));
		assertThat(throttle.lockedFor("bob", "10.0.0.9")).as("another name, another address").isEmpty();
		clock.advance(Duration.ofMinutes(9));
		assertThat(throttle.lockedFor("alice", null)).hasValue(Duration.ofMinutes(1));
		clock.advance(Duration.ofMinutes(1));
		assertThat(throttle.lockedFor("alice", null)).isEmpty();
	}

	@Test
	void failuresOlderThanTheWindowDoNotCount() {
		throttle.failed("alice", null);
		throttle.failed("alice", null);
		clock.advance(Duration.ofMinutes(16));
		throttle.failed("alice", null);
		assertThat(throttle.lockedFor("alice", null)).isEmpty();
	}

	@Test
	void aSuccessClearsTheNameButNotTheAddress() {
		throttle.failed("alice", "10.0.0.1");
		throttle.failed("alice", "10.0.0.1");
		throttle.succeeded("alice");
		throttle.failed("alice", "10.0.0.1");
		assertThat(throttle.lockedFor("alice", null)).isEmpty();
		throttle.failed("bob", "10.0.0.1");
		throttle.failed("carol", "10.0.0.1");
		assertThat(throttle.lockedFor("dave", "10.0.0.1")).as("five failures from one address")
			.hasValue(Duration.ofMinutes(10));
	}

	@Test
	void madeUpNamesCannotGrowTheMemoryPastItsCap() {
		for (int i = 0; i < 1000; i++) {
			throttle.failed("guess-" + i, "10.0.0." + (i % 250));
		}
		assertThat(throttle.tracked()).isEqualTo(10);
	}

}
