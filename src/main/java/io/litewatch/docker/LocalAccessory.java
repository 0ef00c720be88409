package io.litewatch.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Litestream as a process on this host, for hosts that run it under systemd (and for the
 * demo): {@code litestream …} runs as a child process with the same environment
 * Litestream has, files are stat-ed directly, and "running" means a
 * {@code litestream replicate} process exists.
 */
public class LocalAccessory implements LitestreamAccessory {

	/** Between SIGTERM and SIGKILL of a timed-out run. */
	static final Duration KILL_GRACE = Duration.ofSeconds(2);

	/** How long to wait for the output readers once the process has ended. */
	private static final Duration READER_GRACE = Duration.ofSeconds(2);

	private final String binary;

	private final Map<String, String> environment;

	private final int outputLimitBytes;

	private final java.util.Set<String> removed;

	private final ExecFlights<Process> flights = new ExecFlights<>("as a local process", System::nanoTime);

	/**
	 * @param binary the litestream binary: a path, or a name looked up on PATH
	 * @param environment variables for the child processes (on top of Litewatch's own)
	 */
	public LocalAccessory(String binary, Map<String, String> environment) {
		this(binary, environment, ExecResult.DEFAULT_OUTPUT_LIMIT_BYTES);
	}

	/**
	 * @param outputLimitBytes how much of each output stream is kept; the rest is drained
	 * and dropped, and the result says so
	 */
	public LocalAccessory(String binary, Map<String, String> environment, int outputLimitBytes) {
		this(binary, environment, java.util.Set.of(), outputLimitBytes);
	}

	/**
	 * @param removed variables of Litewatch's own environment the child must not see
	 * (Litestream 0.5.17 exits when {@code AWS_CA_BUNDLE} is set)
	 */
	public LocalAccessory(String binary, Map<String, String> environment, java.util.Set<String> removed,
			int outputLimitBytes) {
		if (outputLimitBytes < 0) {
			throw new IllegalArgumentException("output limit must not be negative: " + outputLimitBytes);
		}
		this.binary = binary;
		this.environment = Map.copyOf(environment);
		this.removed = java.util.Set.copyOf(removed);
		this.outputLimitBytes = outputLimitBytes;
	}

	@Override
	public EngineInfo engine() {
		return new EngineInfo("local process", null, null, null);
	}

	@Override
	public ContainerState containerState() {
		Optional<ProcessHandle> replicate = ProcessHandle.allProcesses()
			.filter(LocalAccessory::isReplicate)
			.findFirst();
		String name = "litestream replicate (local)";
		if (replicate.isEmpty()) {
			return new ContainerState(name, true, "not running", false, false, 0, null, null, null, binary);
		}
		Instant started = replicate.get().info().startInstant().orElse(null);
		return new ContainerState(name, true, "running", true, false, 0, started, null, null, binary);
	}

	private static boolean isReplicate(ProcessHandle process) {
		ProcessHandle.Info info = process.info();
		String command = info.command().orElse("");
		String[] arguments = info.arguments().orElse(new String[0]);
		return (command.endsWith("/litestream") || command.equals("litestream")) && arguments.length > 0
				&& arguments[0].equals("replicate");
	}

	/**
	 * Runs the command as a child process, reading both streams on their own threads into
	 * bounded buffers (drained to the end, so the child never blocks on a full pipe). At
	 * the deadline the child is terminated, then killed after {@link #KILL_GRACE}; if
	 * even that does not end it, it stays tracked and the same command is refused until
	 * it has ended.
	 * @throws ExecStillRunningException when an earlier run of the same command is still
	 * alive
	 */
	@Override
	public ExecResult exec(List<String> command, Duration timeout) {
		List<String> cmd = List.copyOf(command);
		List<String> line = new ArrayList<>(cmd);
		if (!line.isEmpty() && line.get(0).equals("litestream")) {
			line.set(0, binary);
		}
		ExecFlights.Flight<Process> reservation = flights.reserve(cmd, Process::isAlive);
		long started = System.nanoTime();
		Process process;
		try {
			ProcessBuilder builder = new ProcessBuilder(line);
			builder.environment().putAll(environment);
			builder.environment().keySet().removeAll(removed);
			process = builder.start();
		}
		catch (IOException | RuntimeException ex) {
			flights.release(cmd, reservation);
			throw new DockerAccessException("cannot run " + binary + ": " + ex.getMessage(), ex);
		}
		ExecFlights.Flight<Process> flight = flights.started(cmd, reservation, process);
		closeQuietly(process.getOutputStream()); // nothing is sent; EOF if it ever reads
		BoundedOutput out = new BoundedOutput(outputLimitBytes);
		BoundedOutput err = new BoundedOutput(outputLimitBytes);
		Thread outReader = drain(process.getInputStream(), out, "stdout");
		Thread errReader = drain(process.getErrorStream(), err, "stderr");
		try {
			boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!finished) {
				stop(process);
			}
			outReader.join(READER_GRACE.toMillis());
			errReader.join(READER_GRACE.toMillis());
			if (!process.isAlive()) {
				flights.release(cmd, flight);
			}
			return new ExecResult(cmd, finished ? process.exitValue() : -1, out.text(), err.text(),
					Duration.ofNanos(System.nanoTime() - started), !finished, out.truncated(), err.truncated(),
					outputLimitBytes);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new DockerAccessException("interrupted while running " + binary, ex);
		}
	}

	/** SIGTERM, then SIGKILL after the grace; waits a little for the kill to land. */
	private static void stop(Process process) throws InterruptedException {
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private static void closeQuietly(OutputStream stream) {
		try {
			stream.close();
		}
		catch (IOException ignored) {
			// the child may already be gone
		}
	}

	private Thread drain(InputStream stream, BoundedOutput into, String name) {
		Thread reader = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try (stream) {
				int n;
				while ((n = stream.read(buffer)) >= 0) {
					into.write(buffer, 0, n);
				}
			}
			catch (IOException ex) {
				// the process is gone or its pipe closed: what arrived is the output
			}
		}, "litestream-" + name);
		reader.setDaemon(true);
		reader.start();
		return reader;
	}

	@Override
	public FileStat stat(String path) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(Path.of(path), BasicFileAttributes.class);
			return new FileStat(path, true, attributes.size(), attributes.lastModifiedTime().toInstant());
		}
		catch (NoSuchFileException ex) {
			return FileStat.missing(path);
		}
		catch (IOException ex) {
			throw new DockerAccessException("cannot stat " + path + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		flights.clear();
	}

	/** How many runs are tracked as possibly still alive (for tests). */
	int trackedRuns() {
		return flights.size();
	}

}
