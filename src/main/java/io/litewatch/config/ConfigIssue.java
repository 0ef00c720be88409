package io.litewatch.config;

import io.litewatch.health.FindingCode;
import io.litewatch.health.Severity;

/**
 * A thing in the file that Litestream 0.3.13 accepts but that probably isn't what the
 * user meant.
 *
 * @param code {@link FindingCode#CONFIG_SUSPICIOUS} or {@link FindingCode#NO_REPLICA}
 * @param severity how bad
 * @param dbPath the absolute database path, null when top-level
 * @param replicaName the replica name, null when not replica-level
 * @param line 1-based line in the file
 * @param message a complete sentence naming the line, key and consequence
 */
public record ConfigIssue(FindingCode code, Severity severity, String dbPath, String replicaName, int line,
		String message) {

	/**
	 * As a finding: the message already names the line ("Line 12: …"), so it only says
	 * which file.
	 */
	public io.litewatch.health.Finding finding() {
		String text = message.startsWith("Line ") ? "l" + message.substring(1) : message;
		return new io.litewatch.health.Finding(code, severity, "litestream.yml " + text);
	}

}
