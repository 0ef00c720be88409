package io.litewatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.litewatch.testsupport.TestAccounts;

/**
 * The packaged Litewatch jar run as its own process, as in production, so that its
 * resident memory is its own and not the benchmark's. It is reached through its HTTP API
 * only. Its JVM gets {@code JAVA_TOOL_OPTIONS} as the Dockerfile sets them, nothing else.
 */
final class AppProcess implements AutoCloseable {

	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	private final Process process;

	private final String base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private AppProcess(Process process, int port) {
		this.process = process;
		this.base = "http://127.0.0.1:" + port;
	}

	/**
	 * @param properties Spring properties without the leading dashes, e.g.
	 * {@code litewatch.poll-interval=5s}
	 */
	static AppProcess start(Path jar, Path workDir, List<String> properties, String javaToolOptions, Path log)
			throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>(
				List.of(javaExecutable(), "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port));
		properties.forEach((p) -> command.add("--" + p));
		// The full /api/status (s3Requests, inventory) is for a token or a login.
		command.addAll(TestAccounts.arguments());
		Files.createDirectories(workDir);
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
		// The config names its own credentials; nothing from the caller's environment.
		builder.environment().remove("LITESTREAM_ACCESS_KEY_ID");
		builder.environment().remove("LITESTREAM_SECRET_ACCESS_KEY");
		return new AppProcess(builder.start(), port);
	}

	long pid() {
		return process.pid();
	}

	boolean alive() {
		return process.isAlive();
	}

	/** Waits until the app answers HTTP at all. */
	void awaitServing(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Litewatch exited with " + process.exitValue() + " while starting");
			}
			if (status().isPresent()) {
				return;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("Litewatch did not answer within " + timeout);
	}

	/** {@code GET /api/status}, whatever its HTTP status (503 when critical). */
	Optional<AppStatus> status() throws InterruptedException {
		try {
			return statusJson().map(AppStatus::parse);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** The body of {@code GET /api/status} as the app sent it. */
	Optional<String> statusJson() throws InterruptedException {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/status"))
				.header("Authorization", "Bearer " + TestAccounts.TOKEN)
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
			return Optional.of(response.body());
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Runs {@code jcmd <pid> <command>} from this JDK; its output, or why there is none.
	 */
	String jcmd(String command) throws InterruptedException {
		Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
		if (!Files.isExecutable(jcmd)) {
			return "n/a (no jcmd in " + jcmd.getParent() + ")";
		}
		try {
			Path output = Files.createTempFile("jcmd-", ".txt");
			try {
				Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), command)
					.redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				if (!p.waitFor(20, TimeUnit.SECONDS)) {
					p.destroyForcibly();
					return "n/a (jcmd did not finish within 20 s)";
				}
				return Files.readString(output).trim();
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			return "n/a (" + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private static String javaExecutable() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free port", ex);
		}
	}

}
