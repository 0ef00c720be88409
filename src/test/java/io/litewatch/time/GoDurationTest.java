package io.litewatch.time;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GoDurationTest {

	@ParameterizedTest
	@CsvSource({ "0, 0", "1s, 1000000000", "500ms, 500000000", "1h30m, 5400000000000", "24h, 86400000000000",
			"1.5s, 1500000000", "-332ms, -332000000", "+2m, 120000000000", "3µs, 3000", "3us, 3000", "7ns, 7",
			"1h0m0s, 3600000000000", ".5s, 500000000" })
	void parsesGoDurations(String text, long nanos) {
		assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
	}

	@Test
	void rejectsDaysLikeGo() {
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("1d"))
			.withMessage("time: unknown unit \"d\" in duration \"1d\"");
	}

	@Test
	void rejectsMissingUnitAndGarbage() {
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("10"))
			.withMessage("time: missing unit in duration \"10\"");
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse("abc"))
			.withMessage("time: invalid duration \"abc\"");
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse(""));
		assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse(null));
	}

	@ParameterizedTest
	@CsvSource({ "0, 0s", "10, 10ns", "1500, 1.5µs", "332000000, 332ms", "1300000000, 1.3s", "213000000000, 3m33s",
			"93600000000000, 26h0m0s", "-332000000, -332ms", "2000000000, 2s", "3600000000000, 1h0m0s" })
	void formatsLikeGo(long nanos, String expected) {
		assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "1h30m0s", "1.5s", "250ms", "0s", "10ns", "-3m33s" })
	void formatThenParseRoundTrips(String text) {
		assertThat(GoDuration.format(GoDuration.parse(text))).isEqualTo(text);
	}

}
