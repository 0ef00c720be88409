package io.litewatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real s3proxy (filesystem backend) in its own JVM, so a test can stop "S3" to simulate
 * an outage and start it again on the same port with the same data.
 * <p>
 * The jar is the system property {@code litewatch.it.s3proxy-jar}, else
 * {@code target/s3proxy/s3proxy.jar} (copied by the pom in generate-test-resources). Its
 * output goes to {@code s3proxy.log} in the data directory, never to the test's stdout.
 * When it cannot start, {@link #start()} throws: a test that needs S3 must fail, not
 * skip.
 */
public final class S3ProxyServer implements AutoCloseable {

	public static final String JAR_PROPERTY = "litewatch.it.s3proxy-jar";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	private final Path dataDir;

	private final int port;

	private final String identity;

	private final String credential;

	private List<String> jvmOptions = List.of();

	private Process process;

	/** On a free loopback port, chosen now and kept across restarts. */
	public S3ProxyServer(Path dataDir, String identity, String credential) {
		this(dataDir, freePort(), identity, credential);
	}

	public S3ProxyServer(Path dataDir, int port, String identity, String credential) {
		this.dataDir = dataDir.toAbsolutePath();
		this.port = port;
		this.identity = identity;
		this.credential = credential;
	}

	/**
	 * Options for s3proxy's JVM, e.g. {@code -Xmx2g}: with folders of 100,000 objects a
	 * small heap makes s3proxy so slow that clients time out and retry. Takes effect at
	 * the next {@link #start()}.
	 */
	public synchronized S3ProxyServer jvmOptions(String... options) {
		this.jvmOptions = List.of(options);
		return this;
	}

	/** Starts s3proxy and waits until it answers HTTP; no-op when already running. */
	public synchronized S3ProxyServer start() {
		if (isRunning()) {
			return this;
		}
		Path jar = jar();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("s3proxy jar not found at " + jar
					+ "; run ./mvnw -o generate-test-resources " + "or set -D" + JAR_PROPERTY);
		}
		Path properties;
		try {
			Files.createDirectories(blobDir());
			properties = writeProperties();
			List<String> command = new ArrayList<>();
			command.add(javaExecutable());
			command.addAll(jvmOptions);
			command.addAll(List.of("-jar", jar.toString(), "--properties", properties.toString()));
			ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
			process = pb.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start s3proxy from " + jar, e);
		}
		try {
			awaitAnswering();
		}
		finally {
			// s3proxy has read it by now; it holds the credential, so it does not linger.
			deleteQuietly(properties);
		}
		return this;
	}

	/**
	 * Kills s3proxy: destroy, then destroyForcibly after 10 s. Data stays for a restart.
	 */
	public synchronized void stop() {
		if (process == null) {
			return;
		}
		Process p = process;
		process = null;
		p.destroy();
		try {
			if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				p.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException e) {
			p.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		awaitPortClosed();
	}

	/** The s3proxy process id, or -1 when not running. */
	public synchronized long pid() {
		return isRunning() ? process.pid() : -1;
	}

	public synchronized boolean isRunning() {
		return process != null && process.isAlive();
	}

	/**
	 * Creates a bucket; with the filesystem backend a bucket is a directory under the
	 * blob root.
	 */
	public void createBucket(String name) {
		try {
			Files.createDirectories(blobDir().resolve(name));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** {@code http://127.0.0.1:<port>} */
	public String endpoint() {
		return "http://127.0.0.1:" + port;
	}

	public int port() {
		return port;
	}

	public String identity() {
		return identity;
	}

	public String credential() {
		return credential;
	}

	public Path dataDir() {
		return dataDir;
	}

	/** Where buckets live as directories and objects as files. */
	public Path blobDir() {
		return dataDir.resolve("blobs");
	}

	public Path logFile() {
		return dataDir.resolve("s3proxy.log");
	}

	@Override
	public void close() {
		stop();
	}

	private Path writeProperties() throws IOException {
		Properties p = new Properties();
		p.setProperty("s3proxy.endpoint", endpoint());
		p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
		p.setProperty("s3proxy.identity", identity);
		p.setProperty("s3proxy.credential", credential);
		p.setProperty("jclouds.provider", "filesystem");
		p.setProperty("jclouds.filesystem.basedir", blobDir().toString());
		// Outside the data dir: the file holds the credential, and the data dir is the
		// test's to inspect.
		Path file = Files.createTempFile("s3proxy-", ".properties");
		try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			p.store(out, "written by S3ProxyServer");
		}
		return file;
	}

	private void awaitAnswering() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				int exit = process.exitValue();
				process = null;
				throw new IllegalStateException(
						"s3proxy exited with " + exit + " while starting; log tail:\n" + logTail());
			}
			if (answersHttp()) {
				return;
			}
			sleep(100);
		}
		stop();
		throw new IllegalStateException(
				"s3proxy did not answer on " + endpoint() + " within " + START_TIMEOUT + "; log tail:\n" + logTail());
	}

	/** Any HTTP status line means Jetty is serving (an anonymous GET / answers 403). */
	private boolean answersHttp() {
		try (Socket s = new Socket()) {
			s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
			s.setSoTimeout(2000);
			s.getOutputStream()
				.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			byte[] head = s.getInputStream().readNBytes(8);
			return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/");
		}
		catch (IOException e) {
			return false;
		}
	}

	private void awaitPortClosed() {
		long deadline = System.nanoTime() + STOP_GRACE.toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket s = new Socket()) {
				s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
			}
			catch (IOException e) {
				return;
			}
			sleep(50);
		}
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException e) {
			return "(no log: " + e.getMessage() + ")";
		}
	}

	private static Path jar() {
		String configured = System.getProperty(JAR_PROPERTY);
		return configured == null || configured.isBlank()
				? Paths.get("target", "s3proxy", "s3proxy.jar").toAbsolutePath()
				: Paths.get(configured).toAbsolutePath();
	}

	private static String javaExecutable() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException e) {
			// only a leftover temp file
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException("no free port", e);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for s3proxy", e);
		}
	}

}
