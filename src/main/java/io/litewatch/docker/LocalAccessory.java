package io.litewatch.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

	private final String binary;

	private final Map<String, String> environment;

	/**
	 * @param binary the litestream binary: a path, or a name looked up on PATH
	 * @param environment variables for the child processes (on top of Litewatch's own)
	 */
	public LocalAccessory(String binary, Map<String, String> environment) {
		this.binary = binary;
		this.environment = Map.copyOf(environment);
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

	@Override
	public ExecResult exec(List<String> command, Duration timeout) {
		List<String> line = new ArrayList<>(command);
		if (!line.isEmpty() && line.get(0).equals("litestream")) {
			line.set(0, binary);
		}
		long started = System.nanoTime();
		Path out = null;
		Path err = null;
		try {
			out = Files.createTempFile("litewatch-exec-", ".out");
			err = Files.createTempFile("litewatch-exec-", ".err");
			ProcessBuilder builder = new ProcessBuilder(line).redirectOutput(out.toFile()).redirectError(err.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!finished) {
				process.destroyForcibly();
			}
			return new ExecResult(command, finished ? process.exitValue() : -1, read(out), read(err),
					Duration.ofNanos(System.nanoTime() - started), !finished);
		}
		catch (IOException ex) {
			throw new DockerAccessException("cannot run " + binary + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DockerAccessException("interrupted while running " + binary, ex);
		}
		finally {
			delete(out);
			delete(err);
		}
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
	}

	private static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8);
	}

	private static void delete(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// A temp file left behind is harmless.
			}
		}
	}

}
