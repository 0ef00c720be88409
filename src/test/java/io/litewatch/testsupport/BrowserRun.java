package io.litewatch.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the browser tests ({@code node frontend/tests/run.mjs}, or any node command
 * in {@code frontend/}) as a subprocess: its output goes to a log file and the test log
 * line by line, and it speaks a line protocol with the test: it prints
 * {@code @@ ready <step>} when the page is ready for a step, and the test answers
 * {@code <step> <epoch ms>} on its stdin once it has done it.
 */
public final class BrowserRun implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BrowserRun.class);

	/** Marks the end of the output in {@link #lines}. */
	private static final String EOF = "\u0000eof";

	private final Process process;

	private final PrintWriter stdin;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final List<String> output = new ArrayList<>();

	private final Thread pump;

	private BrowserRun(Process process, Path logFile) throws IOException {
		this.process = process;
		this.stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
		Writer file = Files.newBufferedWriter(logFile);
		this.pump = new Thread(() -> pump(file), "browser-run-output");
		pump.setDaemon(true);
		pump.start();
	}

	/**
	 * Starts {@code node tests/run.mjs --base <base> --out <out> <scenario>} in the
	 * project's {@code frontend/}, signed in as {@code user} (passed in the environment,
	 * not on the command line), logging to {@code out/<scenario>.log}.
	 */
	public static BrowserRun scenario(Path project, String base, String user, String password, Path out,
			String scenario) throws IOException {
		return start(project, out, scenario, Map.of("LITEWATCH_USER", user, "LITEWATCH_PASSWORD", password),
				"tests/run.mjs", "--base", base, "--out", out.toAbsolutePath().toString(), scenario);
	}

	/**
	 * Starts {@code node <args>} in the project's {@code frontend/}, logging to
	 * {@code out/<name>.log}. Fails, never skips, when node or the npm packages are
	 * missing.
	 */
	public static BrowserRun node(Path project, Path out, String name, String... args) throws IOException {
		return start(project, out, name, Map.of(), args);
	}

	private static BrowserRun start(Path project, Path out, String name, Map<String, String> environment,
			String... args) throws IOException {
		Path frontend = project.resolve("frontend");
		if (!Files.isDirectory(frontend.resolve("node_modules/playwright-core"))) {
			throw new AssertionError("frontend/node_modules/playwright-core is missing: run scripts/test.sh,"
					+ " which installs it (npm ci in frontend/)");
		}
		Files.createDirectories(out);
		List<String> command = new ArrayList<>(List.of("node"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(frontend.toFile()).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new AssertionError(
					"cannot run node (Node.js 20 or later is needed; scripts/test.sh installs it): " + ex.getMessage(),
					ex);
		}
		return new BrowserRun(process, out.resolve(name + ".log"));
	}

	private void pump(Writer file) {
		try (file;
				BufferedReader reader = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				log.info("{}", line);
				file.write(line + "\n");
				file.flush();
				synchronized (output) {
					output.add(line);
				}
				lines.add(line);
			}
		}
		catch (IOException ex) {
			log.warn("reading the browser run's output: {}", ex.getMessage());
		}
		finally {
			lines.add(EOF);
		}
	}

	/** Waits for the run to print {@code @@ ready <step>}. */
	public void awaitReady(String step, Duration timeout) throws InterruptedException {
		String wanted = "@@ ready " + step;
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (line == null || EOF.equals(line)) {
				throw new AssertionError(
						(line == null ? "Timed out after " + timeout.toSeconds() + "s" : "The run ended")
								+ " waiting for '" + wanted + "'\n" + tail());
			}
			if (line.equals(wanted)) {
				return;
			}
		}
	}

	/** Tells the run that {@code step} was done at {@code atEpochMillis}. */
	public void done(String step, long atEpochMillis) {
		stdin.println(step + " " + atEpochMillis);
	}

	/** Waits for the run to end and returns its exit code; kills it past the timeout. */
	public int awaitExit(Duration timeout) throws InterruptedException {
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			kill();
			throw new AssertionError("The browser run did not end within " + timeout.toSeconds() + "s\n" + tail());
		}
		pump.join(TimeUnit.SECONDS.toMillis(5));
		return process.exitValue();
	}

	/** The last lines the run printed, to put in a failure's message. */
	public String tail() {
		synchronized (output) {
			return String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size()));
		}
	}

	private void kill() {
		// chromium runs under node: end it too, else it outlives the test.
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	@Override
	public void close() throws InterruptedException {
		stdin.close();
		if (process.isAlive()) {
			kill();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
