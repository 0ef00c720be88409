package io.litewatch.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import io.litewatch.testsupport.LitestreamContainer;
import io.litewatch.testsupport.ReplicationStack;
import io.litewatch.testsupport.InProcessS3Proxy;
import io.litewatch.testsupport.SqliteWriter;

/**
 * The demo's stack, all on loopback and all real: s3proxy, the Litestream v0.3.13 binary
 * the build fetched, replicating four SQLite files (a Rails 8 app's production, queue,
 * cache and cable) that writers keep changing at different rates. One database is
 * misconfigured on purpose (a typo Litestream 0.3.13 silently ignores), so the demo shows
 * a firing alert.
 */
public final class Demo implements AutoCloseable {

	static final String ACCESS_KEY = "demo-access-key";

	static final String SECRET = "demo-secret-key";

	/**
	 * The demo's one user, an operator, with a fixed password the README and the login
	 * page give: the demo listens on loopback only (DemoApplication) and watches nothing
	 * real.
	 */
	public static final String USER = "demo";

	public static final String PASSWORD = "demo";

	/**
	 * Rates differ so the page moves at different paces; cable's underscore key is the
	 * deliberate mistake.
	 */
	static final List<ReplicationStack.Db> DATABASES = List
		.of(new ReplicationStack.Db("production", Duration.ofMillis(300), """
				sync-interval: 1s
				snapshot-interval: 1m
				retention: 1h"""), new ReplicationStack.Db("queue", Duration.ofSeconds(1), """
				sync-interval: 1s
				snapshot-interval: 2m
				retention: 3h"""), new ReplicationStack.Db("cache", Duration.ofSeconds(3), """
				sync-interval: 5s
				retention: 24h"""), new ReplicationStack.Db("cable", Duration.ofSeconds(10), """
				sync_interval: 10s
				retention: 24h"""));

	private final Path dir;

	private final InProcessS3Proxy s3;

	private final Map<String, SqliteWriter> writers = new LinkedHashMap<>();

	/**
	 * Litestream in a container when a Docker Engine answers (as in production), else a
	 * local process.
	 */
	private final LitestreamContainer container;

	private final Process litestream;

	private final Path config;

	private final Path binary;

	private Demo(Path dir) throws Exception {
		this.dir = dir;
		this.binary = Path.of("target/litestream/package/litestream").toAbsolutePath();
		if (!Files.isExecutable(binary) && !binary.toFile().setExecutable(true)) {
			throw new IllegalStateException(
					"Litestream binary missing at " + binary + ": run through ./mvnw spring-boot:run");
		}
		this.s3 = new InProcessS3Proxy(dir.resolve("s3"), ACCESS_KEY, SECRET);
		s3.createBucket("backups");
		Path data = Files.createDirectories(dir.resolve("data"));
		for (ReplicationStack.Db db : DATABASES) {
			SqliteWriter writer = new SqliteWriter(data.resolve(db.name() + ".sqlite3"));
			writer.write();
			writers.put(db.name(), writer);
		}
		this.config = dir.resolve("litestream.yml");
		Files.writeString(config,
				"# Litewatch demo: the seed's four databases, intervals scaled down to move within a minute.\n"
						+ ReplicationStack.litestreamYaml(DATABASES, data, s3.endpoint()));
		this.container = dockerContainer(data);
		if (container != null) {
			this.litestream = null;
		}
		else {
			ProcessBuilder builder = new ProcessBuilder(binary.toString(), "replicate", "-config", config.toString())
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("litestream.log").toFile());
			builder.environment().putAll(environment());
			this.litestream = builder.start();
		}
		DATABASES.forEach((db) -> writers.get(db.name()).writeEvery(db.writeEvery()));
	}

	private LitestreamContainer dockerContainer(Path data) {
		if (!LitestreamContainer.engineReachable()) {
			return null;
		}
		LitestreamContainer started = null;
		try {
			LitestreamContainer.ensureImage(binary);
			// Runs as the owner of the demo directory, so a later run can clear what
			// Litestream wrote.
			String user = Files.getAttribute(dir, "unix:uid") + ":" + Files.getAttribute(dir, "unix:gid");
			started = new LitestreamContainer(data, config, environment(), user);
			started.start();
			return started;
		}
		catch (Exception ex) {
			System.err.println("Demo: Docker Engine found but Litestream could not run in a container (" + ex
					+ "); running it as a local process instead.");
			if (started != null) {
				try {
					started.close();
				}
				catch (Exception ignored) {
					// Removing a half-started container is best effort.
				}
			}
			return null;
		}
	}

	/** Starts the stack in a fresh {@code dir}. */
	public static Demo start(Path dir) throws Exception {
		deleteRecursively(dir);
		Files.createDirectories(dir);
		return new Demo(dir);
	}

	static Map<String, String> environment() {
		return Map.of("LITESTREAM_ACCESS_KEY_ID", ACCESS_KEY, "LITESTREAM_SECRET_ACCESS_KEY", SECRET);
	}

	/**
	 * Litewatch's arguments for this stack: the local accessory, the demo's config, label
	 * and user.
	 */
	public List<String> litewatchArguments() {
		List<String> args = new ArrayList<>(List.of("--litewatch.demo=true", "--litewatch.litestream-config=" + config,
				"--litewatch.data-dir=" + dir.resolve("litewatch"), "--litewatch.poll-interval=5s",
				"--litewatch.docker.generations-interval=1m"));
		if (container != null) {
			args.addAll(List.of("--litewatch.accessory=docker", "--litewatch.docker.container=" + container.name()));
		}
		else {
			args.addAll(List.of("--litewatch.accessory=local", "--litewatch.local-binary=" + binary));
		}
		// One restore drill per database shortly after the start, so a newcomer sees one.
		args.addAll(List.of("--litewatch.drills.binary=" + binary, "--litewatch.drills.first-delay=10s",
				"--litewatch.drills.jitter=10s"));
		environment().forEach((k, v) -> args.add("--litewatch.environment." + k + "=" + v));
		args.addAll(List.of("--litewatch.security.users[0].name=" + USER,
				"--litewatch.security.users[0].password-hash=" + new BCryptPasswordEncoder().encode(PASSWORD),
				"--litewatch.security.users[0].role=operator",
				"--litewatch.security.login-hint=Demo: sign in as " + USER + ", password " + PASSWORD + "."));
		return args;
	}

	public Path dir() {
		return dir;
	}

	@Override
	public void close() throws Exception {
		if (container != null) {
			container.close();
		}
		else {
			litestream.destroy();
			if (!litestream.waitFor(10, TimeUnit.SECONDS)) {
				litestream.destroyForcibly();
			}
		}
		for (SqliteWriter writer : writers.values()) {
			writer.close();
		}
		s3.close();
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
