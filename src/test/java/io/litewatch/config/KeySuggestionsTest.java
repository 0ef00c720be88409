package io.litewatch.config;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The "did you mean" of unknown keys. */
class KeySuggestionsTest {

	@ParameterizedTest(name = "[{index}] {0} -> {1}")
	@CsvSource(nullValues = "null", textBlock = """
			sync_interval,        sync-interval
			SYNC-INTERVAL,        sync-interval
			retension,            retention
			snapshot-intervall,   snapshot-interval
			acess-key-id,         access-key-id
			colour,               null
			region2,              region
			""")
	void replicaKeys(String key, String expected) {
		assertThat(KeySuggestions.suggest(key, ConfigSection.REPLICA.keys())).isEqualTo(expected);
	}

	@Test
	void aSwappedPairOfLettersIsOneEdit() {
		assertThat(KeySuggestions.suggest("levle", ConfigSection.LOGGING.keys())).isEqualTo("level");
		assertThat(KeySuggestions.editDistance("levle", "level")).isEqualTo(1);
		assertThat(KeySuggestions.editDistance("ab", "ba")).isEqualTo(1);
	}

	@Test
	void shortKeysAllowOneEdit() {
		assertThat(KeySuggestions.suggest("ab", List.of("abc"))).isEqualTo("abc");
		assertThat(KeySuggestions.suggest("ab", List.of("abcd"))).isNull();
		assertThat(KeySuggestions.suggest("ty", ConfigSection.REPLICA.keys())).isNull();
	}

	@Test
	void editDistance() {
		assertThat(KeySuggestions.editDistance("", "abc")).isEqualTo(3);
		assertThat(KeySuggestions.editDistance("kitten", "sitting")).isEqualTo(3);
		assertThat(KeySuggestions.editDistance("path", "path")).isZero();
	}

	@Test
	@Timeout(5)
	void aVeryLongKeyIsComparedCheaply() {
		assertThat(KeySuggestions.suggest("x".repeat(1_000_000), ConfigSection.REPLICA.keys())).isNull();
		assertThat(KeySuggestions.suggest("retention".repeat(100_000), ConfigSection.REPLICA.keys())).isNull();
	}

}
