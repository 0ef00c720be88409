package io.litewatch.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Execs in one container for {@link DockerAccessory}: no shell, a deadline, output capped
 * per stream, and at most one exec per command at a time. Docker has no API to kill an
 * exec, so one abandoned at its deadline stays tracked until Docker reports it ended.
 */
final class DockerExec {

	/**
	 * How long to wait for Docker to mark a finished exec as not running before reading
	 * its exit code.
	 */
	private static final Duration EXIT_CODE_GRACE = Duration.ofSeconds(2);

	/** What an exec needs from its accessory: calls whose failures it reports its way. */
	interface Engine {

		/**
		 * Runs one API call; NotFound and Conflict pass through, other failures become
		 * {@link DockerAccessException}.
		 */
		<T> T call(Supplier<T> action);

		DockerAccessException connectionFailure(Exception ex);

		/** The container's status for a message, e.g. "exited". */
		String containerStatus();

	}

	private final String container;

	private final int outputLimitBytes;

	private final Engine engine;

	/** Exec IDs by command. */
	private final ExecFlights<String> flights;

	DockerExec(String container, int outputLimitBytes, Engine engine) {
		if (outputLimitBytes < 0) {
			throw new IllegalArgumentException("output limit must not be negative: " + outputLimitBytes);
		}
		this.container = container;
		this.outputLimitBytes = outputLimitBytes;
		this.engine = engine;
		this.flights = new ExecFlights<>("in container " + container, System::nanoTime);
	}

	/**
	 * @param api the client for short calls
	 * @param stream the client without read timeout, for the output stream
	 * @see DockerAccessory#exec(List, Duration)
	 */
	ExecResult run(DockerClient api, DockerClient stream, List<String> command, Duration timeout) {
		List<String> cmd = List.copyOf(command);
		ExecFlights.Flight<String> reservation = flights.reserve(cmd, (execId) -> running(api, execId));
		long started = System.nanoTime();
		String execId;
		try {
			execId = create(api, cmd);
		}
		catch (RuntimeException ex) {
			flights.release(cmd, reservation);
			throw ex;
		}
		// From here the exec may be running; the flight is released only once it is known
		// to have ended, otherwise the next call of this command asks Docker first.
		ExecFlights.Flight<String> flight = flights.started(cmd, reservation, execId);
		FrameCollector output = new FrameCollector(outputLimitBytes);
		boolean completed;
		try {
			stream.execStartCmd(execId).withDetach(false).withTty(false).exec(output);
			completed = output.awaitCompletion(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			output.closeQuietly();
			throw new DockerAccessException("interrupted while running " + cmd + " in container " + container, ex);
		}
		catch (DockerException ex) {
			output.closeQuietly();
			throw new DockerAccessException("Docker refused to run " + cmd + " in container " + container + ": "
					+ DockerProtocol.firstLine(ex.getMessage()), ex);
		}
		catch (RuntimeException ex) {
			output.closeQuietly();
			throw engine.connectionFailure(ex);
		}
		if (!completed) {
			// Closing the callback closes the attach connection; the exec is abandoned,
			// not killed, and stays tracked.
			output.closeQuietly();
			return result(cmd, -1, output, started, true);
		}
		int exitCode = exitCode(api, execId);
		flights.release(cmd, flight);
		return result(cmd, exitCode, output, started, false);
	}

	/** How many execs are tracked as possibly still running. */
	int tracked() {
		return flights.size();
	}

	void forgetAll() {
		flights.clear();
	}

	private String create(DockerClient api, List<String> cmd) {
		try {
			return engine.call(() -> api.execCreateCmd(container)
				.withCmd(cmd.toArray(String[]::new))
				.withAttachStdout(true)
				.withAttachStderr(true)
				.withAttachStdin(false)
				.withTty(false) // no TTY: Docker then multiplexes stdout and stderr into
								// separate frames
				.exec()
				.getId());
		}
		catch (NotFoundException ex) {
			throw new DockerAccessException("container " + container + " does not exist", ex);
		}
		catch (ConflictException ex) {
			throw new DockerAccessException(
					"container " + container + " is not running (" + engine.containerStatus() + ")", ex);
		}
	}

	private ExecResult result(List<String> cmd, int exitCode, FrameCollector output, long started, boolean timedOut) {
		return new ExecResult(cmd, exitCode, output.stdout().text(), output.stderr().text(),
				Duration.ofNanos(System.nanoTime() - started), timedOut, output.stdout().truncated(),
				output.stderr().truncated(), outputLimitBytes);
	}

	/**
	 * Whether an earlier exec still runs. An exec Docker no longer knows (the container
	 * was recreated) has ended.
	 */
	private boolean running(DockerClient api, String execId) {
		try {
			return Boolean.TRUE.equals(engine.call(() -> api.inspectExecCmd(execId).exec()).isRunning());
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	private int exitCode(DockerClient api, String execId) {
		long deadline = System.nanoTime() + EXIT_CODE_GRACE.toNanos();
		while (true) {
			InspectExecResponse inspect = engine.call(() -> api.inspectExecCmd(execId).exec());
			// The stream can end a moment before Docker records the exit code.
			if (!Boolean.TRUE.equals(inspect.isRunning()) && inspect.getExitCodeLong() != null) {
				return inspect.getExitCodeLong().intValue();
			}
			if (System.nanoTime() > deadline) {
				throw new DockerAccessException(
						"exec in container " + container + " ended but Docker reported no exit code");
			}
			pause(Duration.ofMillis(20));
		}
	}

	private static void pause(Duration d) {
		try {
			Thread.sleep(d.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DockerAccessException("interrupted while waiting for Docker", ex);
		}
	}

}
