package io.litewatch.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The real stack a Rails app runs: SQLite files under write load, a Litestream v0.3.13
 * container replicating them, and s3proxy as the S3 server, all on loopback. Credentials
 * come from the test JVM's LITESTREAM_* environment (set by failsafe), as Kamal hands
 * them to the accessory.
 */
public final class ReplicationStack implements AutoCloseable {

	public static final String ACCESS_KEY = System.getenv("LITESTREAM_ACCESS_KEY_ID");

	public static final String SECRET = System.getenv("LITESTREAM_SECRET_ACCESS_KEY");

	/**
	 * One database of the stack.
	 *
	 * @param writeEvery how often a row is inserted, or null for a database that stays
	 * idle
	 * @param replicaYaml the replica's settings below its url/endpoint lines
	 */
	public record Db(String name, Duration writeEvery, String replicaYaml) {
	}

	private final Path work;

	private final Path config;

	private final S3ProxyServer s3;

	private final Map<String, SqliteWriter> writers = new LinkedHashMap<>();

	private final LitestreamContainer litestream;

	private final String validConfig;

	public ReplicationStack(List<Db> dbs) throws Exception {
		this(dbs, S3ProxyServer::endpoint);
	}

	/**
	 * @param endpoint the S3 endpoint litestream.yml gives (Litestream and Litewatch
	 * alike) for the started s3proxy, e.g. a {@link FaultProxy} in front of it
	 */
	public ReplicationStack(List<Db> dbs, Function<S3ProxyServer, String> endpoint) throws Exception {
		if (ACCESS_KEY == null || ACCESS_KEY.isBlank()) {
			throw new IllegalStateException(
					"LITESTREAM_ACCESS_KEY_ID is not set: run the tests through Maven failsafe");
		}
		this.work = Files.createTempDirectory("litewatch-e2e-");
		Path data = Files.createDirectories(work.resolve("data"));
		this.s3 = new S3ProxyServer(work.resolve("s3"), ACCESS_KEY, SECRET).start();
		s3.createBucket("backups");
		for (Db db : dbs) {
			SqliteWriter writer = new SqliteWriter(data.resolve(db.name() + ".sqlite3"));
			writer.write();
			writers.put(db.name(), writer);
		}
		this.validConfig = litestreamYaml(dbs, data, endpoint.apply(s3));
		this.config = work.resolve("litestream.yml");
		Files.writeString(config, validConfig);
		for (Db db : dbs) {
			if (db.writeEvery() != null) {
				writers.get(db.name()).writeEvery(db.writeEvery());
			}
		}
		this.litestream = new LitestreamContainer(data, config,
				Map.of("LITESTREAM_ACCESS_KEY_ID", ACCESS_KEY, "LITESTREAM_SECRET_ACCESS_KEY", SECRET));
		litestream.start();
	}

	/**
	 * litestream.yml for {@code dbs} under {@code data}, each with one replica named s3
	 * at {@code s3://backups/<name>} on {@code endpoint}; credentials come from the
	 * environment.
	 */
	public static String litestreamYaml(List<Db> dbs, Path data, String endpoint) {
		StringBuilder yaml = new StringBuilder("# credentials come from LITESTREAM_* in the environment\ndbs:\n");
		for (Db db : dbs) {
			yaml.append("  - path: ")
				.append(data.resolve(db.name() + ".sqlite3"))
				.append('\n')
				.append("    replicas:\n")
				.append("      - name: s3\n")
				.append("        url: s3://backups/")
				.append(db.name())
				.append('\n')
				.append("        endpoint: ")
				.append(endpoint)
				.append('\n');
			for (String line : db.replicaYaml().strip().split("\n")) {
				yaml.append("        ").append(line.strip()).append('\n');
			}
		}
		return yaml.toString();
	}

	public Path work() {
		return work;
	}

	/** Where the SQLite files are, as litestream.yml names them. */
	public Path data() {
		return work.resolve("data");
	}

	public Path config() {
		return config;
	}

	public String validConfig() {
		return validConfig;
	}

	/**
	 * Rewrites litestream.yml in place (same inode), so the container's bind mount sees
	 * it too.
	 */
	public void writeConfig(String text) throws Exception {
		Files.writeString(config, text);
	}

	public S3ProxyServer s3() {
		return s3;
	}

	public LitestreamContainer litestream() {
		return litestream;
	}

	public SqliteWriter writer(String name) {
		return writers.get(name);
	}

	@Override
	public void close() throws Exception {
		for (SqliteWriter writer : writers.values()) {
			writer.close();
		}
		Files.writeString(work.resolve("litestream-container.log"), litestream.logs());
		litestream.close();
		s3.close();
	}

}
