package io.litewatch.web;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MomentTest {

	static final Instant NOW = Instant.parse("2026-11-25T14:52:00Z");

	@Test
	void aTimeCarriesMachineTextRelativeTextAndItsUtcForm() {
		Moment m = Moment.of(Instant.parse("2026-11-25T13:59:30.734Z"), NOW);
		assertThat(m.iso()).isEqualTo("2026-11-25T13:59:30Z");
		assertThat(m.relative()).isEqualTo("52 min ago");
		assertThat(m.utc()).isEqualTo("2026-11-25 13:59:30 UTC");
		assertThat(m.clock()).isEqualTo("13:59");
	}

	@Test
	void aTimeOfAnotherDayShowsItsDate() {
		Moment m = Moment.of(Instant.parse("2026-11-26T03:00:00Z"), NOW);
		assertThat(m.relative()).isEqualTo("in 12 h 8 min");
		assertThat(m.clock()).isEqualTo("2026-11-26 03:00");
	}

	@Test
	void anUnknownTimeIsNull() {
		assertThat(Moment.of(null, NOW)).isNull();
		assertThat(Moment.parse(null, NOW)).isNull();
	}

}
