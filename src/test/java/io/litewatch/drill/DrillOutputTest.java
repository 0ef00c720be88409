package io.litewatch.drill;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a drill record keeps of Litestream's output. */
class DrillOutputTest {

	static final String KEY = "AKIAEXAMPLEKEY123456";

	static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

	@Test
	void theCredentialsAreBlankedAndTheEndWhereTheErrorIsKept() {
		String error = "level=ERROR msg=\"failed to run\" error=\"AccessDenied: key " + KEY + " refused\"";

		String kept = RestoreDrill.evidence(error, List.of(KEY, SECRET));

		assertThat(kept).doesNotContain(KEY).contains("AccessDenied: key … refused");
	}

	@Test
	void aSecretAcrossTheClipIsBlankedBeforeTheClipSoNoPartOfItIsKept() {
		// The secret straddles the point where the last 4,000 characters begin.
		String head = "x".repeat(100);
		String tail = "y".repeat(RestoreDrill.MAX_OUTPUT_CHARS - 10);
		String output = head + SECRET + tail;

		String kept = RestoreDrill.evidence(output, List.of(KEY, SECRET));

		assertThat(kept).hasSize(RestoreDrill.MAX_OUTPUT_CHARS).startsWith("…").endsWith(tail);
		assertThat(kept).doesNotContain(SECRET.substring(SECRET.length() - 8));
		assertThat(RestoreDrill.evidence("short", List.of(KEY))).isEqualTo("short");
	}

}
