package io.litewatch.docker;

import java.time.Duration;
import java.util.List;

/**
 * The same command (the same argv) from an earlier call is still running, so no second
 * one was started. This happens after a timeout when the first run could not be stopped:
 * Docker has no API to kill an exec, so without this rule a hung storage backend would
 * leave one more {@code litestream} process in the accessory on every poll. The message
 * is a sentence about the earlier run only; the caller names the command.
 */
public class ExecStillRunningException extends DockerAccessException {

	private final List<String> command;

	private final Duration runningFor;

	public ExecStillRunningException(List<String> command, Duration runningFor, String where) {
		super("the previous run of this command has been running " + where + " for " + runningFor.toSeconds()
				+ " s and has not finished; not starting another");
		this.command = List.copyOf(command);
		this.runningFor = runningFor;
	}

	public List<String> command() {
		return command;
	}

	/** Since the earlier run was started. */
	public Duration runningFor() {
		return runningFor;
	}

}
