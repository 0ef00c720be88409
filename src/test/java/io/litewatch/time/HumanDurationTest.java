package io.litewatch.time;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HumanDurationTest {

	@Test
	void configIntervalsReadAsPeopleWriteThemNotAsGoPrintsThem() {
		assertThat(HumanDuration.compact(GoDuration.parse("720h0m0s"))).isEqualTo("30d");
		assertThat(HumanDuration.compact(GoDuration.parse("1h0m0s"))).isEqualTo("1h");
		assertThat(HumanDuration.compact(GoDuration.parse("5s"))).isEqualTo("5s");
		assertThat(HumanDuration.compact(GoDuration.parse("1h30m"))).isEqualTo("1h 30m");
		assertThat(HumanDuration.compact(GoDuration.parse("2m0s"))).isEqualTo("2m");
		assertThat(HumanDuration.compact(GoDuration.parse("36h"))).isEqualTo("1d 12h");
		assertThat(HumanDuration.compact(GoDuration.parse("25h1m1s"))).isEqualTo("1d 1h 1m 1s");
	}

	@Test
	void compactLosesNothing() {
		assertThat(HumanDuration.compact(Duration.ofMillis(500))).isEqualTo("500ms");
		assertThat(HumanDuration.compact(Duration.ofMillis(1500))).isEqualTo("1.5s");
		assertThat(HumanDuration.compact(Duration.ofMillis(60_250))).isEqualTo("1m 0.25s");
		assertThat(HumanDuration.compact(Duration.ZERO)).isEqualTo("0s");
		assertThat(HumanDuration.compact(Duration.ofMinutes(-90))).isEqualTo("-1h 30m");
	}

	@Test
	void measuredAmountsAreRoundedDownToTwoUnits() {
		assertThat(HumanDuration.spoken(Duration.ofMillis(400))).isEqualTo("< 1 s");
		assertThat(HumanDuration.spoken(Duration.ofMillis(3900))).isEqualTo("3 s");
		assertThat(HumanDuration.spoken(Duration.ofSeconds(59))).isEqualTo("59 s");
		assertThat(HumanDuration.spoken(Duration.ofSeconds(52 * 60 + 59))).isEqualTo("52 min");
		assertThat(HumanDuration.spoken(Duration.ofHours(2))).isEqualTo("2 h");
		assertThat(HumanDuration.spoken(Duration.ofMinutes(125).plusSeconds(30))).isEqualTo("2 h 5 min");
		assertThat(HumanDuration.spoken(Duration.ofHours(76).plusMinutes(59))).isEqualTo("3 d 4 h");
		assertThat(HumanDuration.spoken(Duration.ofDays(30))).isEqualTo("30 d");
		assertThat(HumanDuration.spoken(null)).isEqualTo("unknown");
	}

	@Test
	void sentencesLoseGosSpellingButKeepEverythingElse() {
		assertThat(HumanDuration.inProse("Restore window is only 19h0m0s (from 2026-11-25T11:57:46Z), although "
				+ "retention 720h0m0s with snapshots every 1h0m0s should keep at least 718h59m0s."))
			.isEqualTo("Restore window is only 19h (from 2026-11-25T11:57:46Z), although retention 30d with "
					+ "snapshots every 1h should keep at least 29d 22h 59m.");
		assertThat(HumanDuration.inProse("Replica is 5m1s behind (warning above 13s, critical above 1m20.5s)."))
			.isEqualTo("Replica is 5m 1s behind (warning above 13s, critical above 1m 20.5s).");
		assertThat(HumanDuration.inProse("generation 00fbc4bd93036238 at s3://b/1h2m3s-x, 250ms"))
			.isEqualTo("generation 00fbc4bd93036238 at s3://b/1h2m3s-x, 250ms");
	}

	@Test
	void relativeTimesSayAgoOrIn() {
		Instant now = Instant.parse("2026-11-25T14:52:00Z");
		assertThat(HumanDuration.relative(now.minusSeconds(3), now)).isEqualTo("3 s ago");
		assertThat(HumanDuration.relative(now.minusSeconds(52 * 60), now)).isEqualTo("52 min ago");
		assertThat(HumanDuration.relative(now.minusMillis(300), now)).isEqualTo("just now");
		assertThat(HumanDuration.relative(now.plusSeconds(8 * 60), now)).isEqualTo("in 8 min");
		// A countdown rounds up: 11.2 s left reads "in 12 s", and never "in < 1 s".
		assertThat(HumanDuration.relative(now.plusMillis(11_200), now)).isEqualTo("in 12 s");
		assertThat(HumanDuration.relative(now.plusMillis(200), now)).isEqualTo("in 1 s");
	}

}
