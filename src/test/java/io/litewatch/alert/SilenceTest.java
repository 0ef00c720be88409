package io.litewatch.alert;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.litewatch.health.FindingCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SilenceTest {

	static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	@Test
	void coversItsDatabaseAndCodeUntilItEnds() {
		Silence production = new Silence("1", "production", null, "maintenance", NOW, NOW.plusSeconds(3600), "tester");
		assertThat(production.covers("production", FindingCode.REPLICA_STALE, NOW)).isTrue();
		assertThat(production.covers("queue", FindingCode.REPLICA_STALE, NOW)).isFalse();
		assertThat(production.covers("production", FindingCode.REPLICA_STALE, NOW.plusSeconds(3600))).isFalse();

		Silence staleEverywhere = new Silence("2", null, FindingCode.REPLICA_STALE, null, NOW, NOW.plusSeconds(60),
				"tester");
		assertThat(staleEverywhere.covers("queue", FindingCode.REPLICA_STALE, NOW)).isTrue();
		assertThat(staleEverywhere.covers("queue", FindingCode.SNAPSHOT_OVERDUE, NOW)).isFalse();
	}

	@Test
	void aNewSilenceLastsAtMostTheMaximum() {
		Duration week = Duration.ofDays(7);
		Silence longest = Silence.starting("production", null, "upgrade", "op", NOW, week, week);
		assertThat(longest.createdAt()).isEqualTo(NOW);
		assertThat(longest.endsAt()).isEqualTo(NOW.plus(week));
		assertThat(longest.id()).isNotBlank();

		assertThatThrownBy(() -> Silence.starting(null, null, null, "op", NOW, week.plusSeconds(1), week))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("A silence can last at most 7d (7d 1s was asked); nothing was silenced. "
					+ "Choose a shorter duration, or raise litewatch.alerts.silence-max-duration.");
		assertThatThrownBy(() -> Silence.starting(null, null, null, "op", NOW, Duration.ZERO, week))
			.hasMessage("A silence must last more than zero.");
	}

	@Test
	void theMaximumIsSevenDaysUnlessConfigured() {
		AlertProperties defaults = new AlertProperties(2, Duration.ZERO, Duration.ofHours(4), Duration.ofSeconds(2),
				Duration.ofSeconds(10), Duration.ofMinutes(10), 20);
		assertThat(defaults.silenceMaxDuration()).isEqualTo(Duration.ofDays(7));
		assertThatThrownBy(() -> new AlertProperties(2, Duration.ZERO, Duration.ofHours(4), Duration.ofSeconds(2),
				Duration.ofSeconds(10), Duration.ofMinutes(10), 20, Duration.ZERO))
			.hasMessage("litewatch.alerts.silence-max-duration must be above zero");
	}

}
