package io.litewatch.config;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Go os.ExpandEnv behaviour, the way Litestream 0.3.13 expands the whole file before
 * parsing.
 */
class EnvExpansionTest {

	private static final Map<String, String> ENV = Map.of("A", "alpha", "B_2", "beta", "EMPTY", "");

	@ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
	@CsvSource(delimiter = '|', emptyValue = "", quoteCharacter = '"', textBlock = """
			${A}            | alpha
			$A              | alpha
			$B_2            | beta
			${B_2}          | beta
			${UNSET}        | ""
			$UNSET          | ""
			$EMPTY          | ""
			r2$$y           | r2y
			$$              | ""
			$1              | ""
			a$1b            | ab
			x${A}y          | xalphay
			$A.db           | alpha.db
			$A-$A           | alpha-alpha
			pre/$A/post     | pre/alpha/post
			${A:-default}   | ""
			${}x            | x
			${A             | A
			cost $          | cost $
			a $ b           | a $ b
			$-x             | x
			no dollar       | no dollar
			""              | ""
			""")
	void expandsLikeGo(String text, String expected) {
		assertThat(EnvExpansion.expand(text, ENV)).isEqualTo(expected);
	}

	@Test
	void dollarRunsAndUnclosedBracesOnASmallScale() {
		assertThat(EnvExpansion.expand("$$$$", ENV)).isEmpty();
		assertThat(EnvExpansion.expand("$$$$$", ENV)).isEqualTo("$");
		assertThat(EnvExpansion.expand("${${${", ENV)).isEmpty();
		assertThat(EnvExpansion.expand("${${A}", ENV)).isEmpty(); // the name is "${A"
		assertThat(EnvExpansion.expand("${A${B_2}x}", ENV)).isEqualTo("x}");
		assertThat(EnvExpansion.expand("${${}A", ENV)).isEqualTo("A");
		assertThat(EnvExpansion.expand("${$}$A", ENV)).isEqualTo("alpha");
	}

	// The timeouts only guard against a hang: these used to take seconds each.
	@Test
	@Timeout(5)
	void longRunsOfDollarsExpandInOnePass() {
		assertThat(EnvExpansion.expand("$".repeat(200_000), ENV)).isEmpty();
		assertThat(EnvExpansion.expand("$".repeat(199_999), ENV)).isEqualTo("$");
		assertThat(EnvExpansion.expand("$ ".repeat(100_000), ENV)).isEqualTo("$ ".repeat(100_000));
	}

	@Test
	@Timeout(5)
	void longRunsOfUnclosedBracesExpandInOnePass() {
		assertThat(EnvExpansion.expand("${".repeat(100_000), ENV)).isEmpty();
		assertThat(EnvExpansion.expand("${".repeat(100_000) + "}", ENV)).isEmpty();
		assertThat(EnvExpansion.expand("${A}".repeat(50_000), ENV)).isEqualTo("alpha".repeat(50_000));
		assertThat(EnvExpansion.expand("$A".repeat(100_000), ENV)).isEqualTo("alpha".repeat(100_000));
	}

	@Test
	void expansionStopsAtTheBound() {
		assertThat(EnvExpansion.expand("$A-$A", ENV, 11)).isEqualTo("alpha-alpha");
		assertThatExceptionOfType(EnvExpansion.TooLongException.class)
			.isThrownBy(() -> EnvExpansion.expand("$A-$A", ENV, 10))
			.withMessage("longer than 10 characters once environment variables are expanded");
		assertThatExceptionOfType(EnvExpansion.TooLongException.class)
			.isThrownBy(() -> EnvExpansion.expand("no dollar", ENV, 8));
		assertThat(EnvExpansion.expand("$$$$$$$$$$$$", ENV, 1)).isEmpty();
	}

}
