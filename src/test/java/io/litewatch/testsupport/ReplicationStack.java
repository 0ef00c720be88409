package io.litewatch.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.litewatch.testsupport.LitestreamContainer.Version;

/**
 * The real stack a Rails app runs: SQLite files under write load, a Litestream container
 * (v0.3.13 unless told otherwise) replicating them, and s3proxy as the S3 server, all on
 * loopback. Credentials come from the test JVM's LITESTREAM_* environment (set by
 * failsafe), as Kamal hands them to the accessory; nothing else of that environment
 * reaches the container.
 */
public final class ReplicationStack implements AutoCloseable {

	public static final String ACCESS_KEY = System.getenv("LITESTREAM_ACCESS_KEY_ID");

	public static final String SECRET = System.getenv("LITESTREAM_SECRET_ACCESS_KEY");

	/**
	 * One database of the stack.
	 *
	 * @param writeEvery how often a row is inserted, or null for a database that stays
	 * idle
	 * @param replicaYaml the replica's settings below its url/endpoint lines (0.3) or its
	 * bucket/path/endpoint lines (0.5); null or blank for none
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
		this(Version.V0_3_13, null, dbs, endpoint);
	}

	/**
	 * @param topLevelYaml settings above {@code dbs:} (e.g. 0.5's {@code snapshot:},
	 * {@code levels:}, {@code l0-retention:}), or null
	 */
	public ReplicationStack(Version version, String topLevelYaml, List<Db> dbs) throws Exception {
		this(version, topLevelYaml, dbs, S3ProxyServer::endpoint);
	}

	public ReplicationStack(Version version, String topLevelYaml, List<Db> dbs,
			Function<S3ProxyServer, String> endpoint) throws Exception {
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
		this.validConfig = litestreamYaml(version, topLevelYaml, dbs, data, endpoint.apply(s3));
		this.config = work.resolve("litestream.yml");
		Files.writeString(config, validConfig);
		for (Db db : dbs) {
			if (db.writeEvery() != null) {
				writers.get(db.name()).writeEvery(db.writeEvery());
			}
		}
		this.litestream = new LitestreamContainer(version, data, config,
				Map.of("LITESTREAM_ACCESS_KEY_ID", ACCESS_KEY, "LITESTREAM_SECRET_ACCESS_KEY", SECRET), null);
		litestream.start();
	}

	/**
	 * litestream.yml for {@code dbs} under {@code data}, each with one replica named s3
	 * at {@code s3://backups/<name>} on {@code endpoint}; credentials come from the
	 * environment.
	 */
	public static String litestreamYaml(List<Db> dbs, Path data, String endpoint) {
		return litestreamYaml(Version.V0_3_13, null, dbs, data, endpoint);
	}

	/**
	 * litestream.yml in {@code version}'s dialect: for 0.3 as
	 * {@link #litestreamYaml(List, Path, String)}; for 0.5 each db has its one
	 * {@code replica:} at bucket backups, path {@code <name>}, with the region and
	 * path-style addressing s3proxy needs.
	 */
	public static String litestreamYaml(Version version, String topLevelYaml, List<Db> dbs, Path data,
			String endpoint) {
		StringBuilder yaml = new StringBuilder("# credentials come from LITESTREAM_* in the environment\n");
		if (topLevelYaml != null && !topLevelYaml.isBlank()) {
			yaml.append(topLevelYaml.stripIndent().strip()).append('\n');
		}
		yaml.append("dbs:\n");
		for (Db db : dbs) {
			yaml.append("  - path: ").append(data.resolve(db.name() + ".sqlite3")).append('\n');
			String indent;
			if (version == Version.V0_3_13) {
				indent = "        ";
				yaml.append("    replicas:\n")
					.append("      - name: s3\n")
					.append("        url: s3://backups/")
					.append(db.name())
					.append('\n')
					.append("        endpoint: ")
					.append(endpoint)
					.append('\n');
			}
			else {
				indent = "      ";
				yaml.append("    replica:\n")
					.append("      type: s3\n")
					.append("      bucket: backups\n")
					.append("      path: ")
					.append(db.name())
					.append('\n')
					.append("      endpoint: ")
					.append(endpoint)
					.append('\n')
					.append("      region: us-east-1\n")
					.append("      force-path-style: true\n");
			}
			if (db.replicaYaml() != null && !db.replicaYaml().isBlank()) {
				for (String line : db.replicaYaml().strip().split("\n")) {
					yaml.append(indent).append(line.strip()).append('\n');
				}
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

	public Version version() {
		return litestream.version();
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
