package io.litewatch.docker;

import java.time.Duration;
import java.util.List;

/**
 * Outcome of one exec. {@code timedOut} means the exec was abandoned at the deadline: the
 * process may still run inside the container, {@code exitCode} is then -1 and the output
 * is whatever had arrived.
 *
 * <p>
 * Each stream keeps at most {@code outputLimitBytes} bytes; a {@code *Truncated} flag
 * says the command printed more and the rest was dropped. A truncated stdout is not a
 * whole Litestream table: parsing it would silently lose rows.
 *
 * @param outputLimitBytes the per-stream limit the exec ran with, for messages such as
 * "output truncated at 1 MiB"
 */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr, Duration elapsed,
		boolean timedOut, boolean stdoutTruncated, boolean stderrTruncated, int outputLimitBytes) {

	/** 1 MiB per stream: far above any Litestream table Litewatch asks for. */
	public static final int DEFAULT_OUTPUT_LIMIT_BYTES = 1024 * 1024;

	public ExecResult {
		command = List.copyOf(command);
	}

	/** Output not truncated, default limit. */
	public ExecResult(List<String> command, int exitCode, String stdout, String stderr, Duration elapsed,
			boolean timedOut) {
		this(command, exitCode, stdout, stderr, elapsed, timedOut, false, false, DEFAULT_OUTPUT_LIMIT_BYTES);
	}

	/** Either stream was cut at {@link #outputLimitBytes()}. */
	public boolean truncated() {
		return stdoutTruncated || stderrTruncated;
	}

}
