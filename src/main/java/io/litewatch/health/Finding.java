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

	public static Finding warning(FindingCode code, String message) {
		return new Finding(code, Severity.WARNING, message);
	}

}
