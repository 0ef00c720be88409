package io.litewatch.alert.channel;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

	@Test
	void errorTextsAreCutToTheCapAndMarked() {
		String long1 = "a".repeat(5000);
		String cut = Redaction.errorText(long1);
		assertThat(cut).hasSize(Redaction.MAX_ERROR_TEXT).endsWith("a…");
		assertThat(Redaction.errorText("a".repeat(Redaction.MAX_ERROR_TEXT))).doesNotContain("…");
		assertThat(Redaction.errorText(null)).isNull();
		assertThat(Redaction.errorText("line one\r\nline two\u2028three")).isEqualTo("line one line two three");
	}

	@Test
	void neverCutsASurrogatePairInHalf() {
		String emoji = "\uD83D\uDD25";
		String cut = Redaction.oneLine("ab" + emoji + "cd", 4);
		assertThat(cut).isEqualTo("ab…");
		assertThat(Redaction.oneLine("abc" + emoji, 5)).isEqualTo("abc" + emoji);
		assertThat(Redaction.oneLine("abcdef", 1)).isEqualTo("…");
	}

	@Test
	void deliveryExceptionsCarryTheCappedText() {
		DeliveryException ex = new DeliveryException("HTTP 500: " + "x".repeat(10_000));
		assertThat(ex.getMessage()).hasSize(Redaction.MAX_ERROR_TEXT).startsWith("HTTP 500: x").endsWith("…");
		assertThat(new DeliveryException("short", new RuntimeException()).getMessage()).isEqualTo("short");
	}

	@Test
	void describeScrubsAndCutsTheCause() {
		RuntimeException cause = new RuntimeException("token s3cr3t-value " + "y".repeat(1000));
		String text = Redaction.describe(new IllegalStateException("outer", cause), List.of("s3cr3t-value"));
		assertThat(text).startsWith("RuntimeException: token … y").endsWith("…").doesNotContain("s3cr3t");
		assertThat(text.length()).isLessThan(400);
	}

}
