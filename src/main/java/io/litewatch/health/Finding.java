package io.litewatch.health;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One thing found wrong, with a stable code and a sentence for a person.
 *
 * @param heldBy the cause this finding follows from while that cause lasts (the accessory
 * is down, so the replica is stale), or null. A held finding is shown beside its cause
 * but counts neither towards a status nor towards alerting: the cause is what is wrong.
 * {@link Causes} decides which finding holds which.
 */
public record Finding(FindingCode code, Severity severity, String message, FindingCode heldBy) {

	public Finding {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(message, "message");
	}

	public Finding(FindingCode code, Severity severity, String message) {
		this(code, severity, message, null);
	}

	public static Finding critical(FindingCode code, String message) {
		return new Finding(code, Severity.CRITICAL, message);
	}

	public static Finding warning(FindingCode code, String message) {
		return new Finding(code, Severity.WARNING, message);
	}

	public boolean held() {
		return heldBy != null;
	}

	public Finding heldBack(FindingCode cause) {
		return new Finding(code, severity, message, cause);
	}

	/**
	 * An instant as a sentence shows it: UTC, whole seconds
	 * ({@code 2026-11-25T11:57:46Z}).
	 */
	public static String when(Instant instant) {
		return instant == null ? "an unknown time" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

}
