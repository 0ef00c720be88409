package io.litewatch.config;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

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

}
