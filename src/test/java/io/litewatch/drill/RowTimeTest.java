package io.litewatch.drill;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Row times as Rails and SQLite write them. */
class RowTimeTest {

	@Test
	void textAsRailsAndSqliteWriteItIsUtc() {
		assertThat(RowTime.parse("2026-12-04 21:07:08.515123")).isEqualTo(Instant.parse("2026-12-04T21:07:08.515123Z"));
		assertThat(RowTime.parse("2026-12-04 21:07:08")).as("datetime('now')")
			.isEqualTo(Instant.parse("2026-12-04T21:07:08Z"));
		assertThat(RowTime.parse("2026-12-04 21:07")).isEqualTo(Instant.parse("2026-12-04T21:07:00Z"));
		assertThat(RowTime.parse(" 2026-12-04T21:07:08.5Z ")).isEqualTo(Instant.parse("2026-12-04T21:07:08.500Z"));
		assertThat(RowTime.parse("2026-12-04 21:07:08 UTC")).isEqualTo(Instant.parse("2026-12-04T21:07:08Z"));
	}

	@Test
	void anOffsetIsHonoured() {
		assertThat(RowTime.parse("2026-12-04T22:07:08+01:00")).isEqualTo(Instant.parse("2026-12-04T21:07:08Z"));
		assertThat(RowTime.parse("2026-12-04 16:07:08.25-0500")).isEqualTo(Instant.parse("2026-12-04T21:07:08.250Z"));
	}

	@Test
	void numbersAreEpochSecondsOrMilliseconds() {
		assertThat(RowTime.parse(1_796_418_428L)).isEqualTo(Instant.parse("2026-12-04T21:07:08Z"));
		assertThat(RowTime.parse(1_796_418_428.5)).isEqualTo(Instant.parse("2026-12-04T21:07:08.500Z"));
		assertThat(RowTime.parse(1_796_418_428_515L)).isEqualTo(Instant.parse("2026-12-04T21:07:08.515Z"));
		assertThat(RowTime.parse(42)).as("a counter, not a time").isNull();
		assertThat(RowTime.parse(Long.MAX_VALUE)).isNull();
	}

	@Test
	void anythingElseIsNotATime() {
		assertThat(RowTime.parse(null)).isNull();
		assertThat(RowTime.parse("")).isNull();
		assertThat(RowTime.parse("yesterday")).isNull();
		assertThat(RowTime.parse("2026-13-45 10:00:00")).as("the shape of a time, not one").isNull();
		assertThat(RowTime.parse("2026-12-04 10:00:00+19:00")).as("an offset past ±18:00").isNull();
		assertThat(RowTime.parse("2026-12-04 10:00:00+05:75")).isNull();
		assertThat(RowTime.parse("2026-12-04")).as("a date has no time of day").isNull();
		assertThat(RowTime.parse(new byte[] { 1, 2 })).isNull();
	}

}
