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

import io.litewatch.testsupport.S3ProxyServer;
import io.litewatch.testsupport.SqliteWriter;

/**
 * The demo's stack, all on loopback and all real: s3proxy, the Litestream v0.3.13 binary the build
 * fetched, replicating four SQLite files (a Rails 8 app's production, queue, cache and cable) that
 * writers keep changing at different rates. One database is misconfigured on purpose (a typo
 * Litestream 0.3.13 silently ignores), so the demo shows a firing alert.
 */
public final class Demo implements AutoCloseable {

	static final String ACCESS_KEY = "demo-access-key";

	static final String SECRET = "demo-secret-key";

	private final Path dir;

	private final S3ProxyServer s3;

	private final Map<String, SqliteWriter> writers = new LinkedHashMap<>();

	private final Process litestream;

	private final Path config;

	private final Path binary;

	private Demo(Path dir) throws Exception {
		this.dir = dir;
		this.binary = Path.of("target/litestream/package/litestream").toAbsolutePath();
		if (!Files.isExecutable(binary) && !binary.toFile().setExecutable(true)) {
			throw new IllegalStateException("Litestream binary missing at " + binary + ": run through ./mvnw spring-boot:run");
		}
		this.s3 = new S3ProxyServer(dir.resolve("s3"), ACCESS_KEY, SECRET).start();
		s3.createBucket("backups");
		Path data = Files.createDirectories(dir.resolve("data"));
		Map<String, Duration> rates = Map.of("production", Duration.ofMillis(300), "queue", Duration.ofSeconds(1),
				"cache", Duration.ofSeconds(3), "cable", Duration.ofSeconds(10));
		for (String name : List.of("production", "queue", "cache", "cable")) {
			SqliteWriter writer = new SqliteWriter(data.resolve(name + ".sqlite3"));
			writer.write();
			writers.put(name, writer);
		}
		this.config = dir.resolve("litestream.yml");
		Files.writeString(config, """
				# Litewatch demo: the seed's four databases with intervals scaled down so things move within a
				# minute. Credentials come from LITESTREAM_ACCESS_KEY_ID / LITESTREAM_SECRET_ACCESS_KEY.
				dbs:
				  - path: %1$s/production.sqlite3
				    replicas:
				      - name: s3
				        url: s3://backups/production
				        endpoint: %2$s
				        sync-interval: 1s
				        snapshot-interval: 1m
				        retention: 1h
				  - path: %1$s/queue.sqlite3
				    replicas:
				      - name: s3
				        url: s3://backups/queue
				        endpoint: %2$s
				        sync-interval: 1s
				        snapshot-interval: 2m
				        retention: 3h
				  - path: %1$s/cache.sqlite3
				    replicas:
				      - name: s3
				        url: s3://backups/cache
				        endpoint: %2$s
				        sync-interval: 5s
				        retention: 24h
				  # Deliberately wrong: Litestream 0.3.13 ignores `sync_interval` (underscore) and syncs every 1s.
				  - path: %1$s/cable.sqlite3
				    replicas:
				      - name: s3
				        url: s3://backups/cable
				        endpoint: %2$s
				        sync_interval: 10s
				        retention: 24h
				""".formatted(data, s3.endpoint()));
		ProcessBuilder builder = new ProcessBuilder(binary.toString(), "replicate", "-config", config.toString())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("litestream.log").toFile());
		builder.environment().putAll(environment());
		this.litestream = builder.start();
		writers.forEach((name, writer) -> writer.writeEvery(rates.get(name)));
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

	/** Litewatch's arguments for this stack: the local accessory, the demo's config and label. */
	public List<String> litewatchArguments() {
		List<String> args = new ArrayList<>(List.of("--litewatch.demo=true", "--litewatch.accessory=local",
				"--litewatch.local-binary=" + binary, "--litewatch.litestream-config=" + config,
				"--litewatch.data-dir=" + dir.resolve("litewatch"), "--litewatch.poll-interval=5s",
				"--litewatch.docker.generations-interval=1m"));
		environment().forEach((k, v) -> args.add("--litewatch.environment." + k + "=" + v));
		return args;
	}

	public Path dir() {
		return dir;
	}

	@Override
	public void close() throws Exception {
		litestream.destroy();
		if (!litestream.waitFor(10, TimeUnit.SECONDS)) {
			litestream.destroyForcibly();
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
