package io.litewatch.docker;

import java.time.Duration;
import java.util.List;

/**
 * Outcome of one exec. {@code timedOut} means the exec was abandoned at the deadline: the
 * process may still run inside the container, {@code exitCode} is then -1 and the output
 * is whatever had arrived.
 */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr, Duration elapsed,
		boolean timedOut) {

	public ExecResult {
		command = List.copyOf(command);
	}
}
