package io.litewatch.health;

import java.util.Objects;

/** One thing found wrong, with a stable code and a sentence for a person. */
public record Finding(FindingCode code, Severity severity, String message) {

	public Finding {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(message, "message");
	}

	public static Finding critical(FindingCode code, String message) {
		return new Finding(code, Severity.CRITICAL, message);
	}

	/**
	 * An instant as a sentence shows it: UTC, whole seconds
	 * ({@code 2026-11-25T11:57:46Z}).
	 */
	public static String when(java.time.Instant instant) {
		return instant == null ? "an unknown time"
				: instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
	}

	public static Finding warning(FindingCode code, String message) {
		return new Finding(code, Severity.WARNING, message);
	}

}
