package io.litewatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every exec started in one container, as the Docker Engine itself reports them
 * ({@code docker events}, streamed: the engine keeps only its last events), so the count
 * does not depend on Litewatch telling the truth about itself.
 */
final class ExecEvents implements AutoCloseable {

	/** One exec: when it started (ms since the epoch) and its command line. */
	record Exec(long atMillis, String command) {
	}

	private final Process process;

	private final Thread reader;

	private final List<Exec> execs = new ArrayList<>();

	private ExecEvents(Process process) {
		this.process = process;
		this.reader = new Thread(this::read, "exec-events");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	static ExecEvents follow(String container, PidFiles pids) throws IOException {
		Process process = new ProcessBuilder("docker", "events", "--filter", "container=" + container, "--filter",
				"event=exec_start", "--format", "{{.TimeNano}} {{.Action}}")
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		pids.note("docker-events", process.pid());
		return new ExecEvents(process);
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				int space = line.indexOf(' ');
				if (space < 0) {
					continue;
				}
				long nanos = Long.parseLong(line.substring(0, space));
				// "exec_start: litestream status -json"
				String action = line.substring(space + 1);
				String command = action.startsWith("exec_start: ") ? action.substring("exec_start: ".length()) : action;
				synchronized (execs) {
					execs.add(new Exec(nanos / 1_000_000, command));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// The stream ends when the benchmark stops it.
		}
	}

	/** The execs started in {@code [fromMillis, toMillis)}. */
	List<Exec> between(long fromMillis, long toMillis) {
		synchronized (execs) {
			return execs.stream().filter((e) -> e.atMillis() >= fromMillis && e.atMillis() < toMillis).toList();
		}
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(5, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
		reader.join(5000);
	}

}
