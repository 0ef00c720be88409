package io.litewatch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses litestream.yml the way Litestream 0.3.13 does (env expansion, yaml.v2 non-strict
 * decoding, defaults, URL parsing, credential fallbacks), and additionally reports what
 * 0.3.13 silently ignores or misreads, because that is where backups quietly stop
 * happening.
 * <p>
 * Errors are what {@code litestream replicate} would refuse to start with, including the
 * {@code addr} port check that only {@code replicate} makes. Line numbers refer to the
 * file as written, which matches the expanded text as long as no variable expands to
 * several lines. No secret (keys, passwords, age identities) ends up in a message or a
 * {@code toString()}.
 * <p>
 * This class walks the top level and the databases; {@link YamlComposer} reads the YAML
 * within limits, {@link ReplicaReader} and {@link Replica05Reader} build the replicas,
 * {@link ConfigLints} collects the issues.
 */
public final class LitestreamConfigParser {

	static final Duration DEFAULT_MONITOR_INTERVAL = Duration.ofSeconds(1);

	static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMinutes(1);

	private final Map<String, String> env;

	private final DbPaths paths;

	/**
	 * @param env the environment to expand {@code ${VAR}}/{@code $VAR} with and to take
	 * fallback credentials from (pass {@code System.getenv()} in production)
	 * @param workingDir Litestream's working directory, against which relative db paths
	 * resolve
	 */
	public LitestreamConfigParser(Map<String, String> env, Path workingDir) {
		this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
		this.paths = new DbPaths(Objects.requireNonNull(workingDir, "workingDir").toAbsolutePath().normalize());
	}

	/**
	 * Parses the text of a litestream.yml.
	 * @param yamlText the file content before env expansion
	 * @param sourceName used in error messages, usually the file path
	 * @throws ConfigParseException when Litestream 0.3.13 would refuse the file
	 */
	public LitestreamConfig parse(String yamlText, String sourceName) throws ConfigParseException {
		return parse(yamlText, sourceName, LitestreamDialect.V0_3, null);
	}

	/**
	 * Parses the text of a litestream.yml as the given Litestream reads it.
	 * @param dialect the Litestream that runs the file, or null to tell from the file: a
	 * {@code replica:} under a database, or a top-level key only 0.5 reads, makes it 0.5
	 * @param basis why that dialect, for the page (e.g. "Litestream 0.5.17 runs it");
	 * null when the file decides
	 * @throws ConfigParseException when that Litestream would refuse the file
	 */
	public LitestreamConfig parse(String yamlText, String sourceName, LitestreamDialect dialect, String basis)
			throws ConfigParseException {
		return new Run(Objects.requireNonNull(yamlText, "yamlText"), sourceName).parse(dialect, basis);
	}

	/**
	 * Go's {@code os.ExpandEnv}: {@code ${VAR}} and {@code $VAR} are replaced, unset
	 * variables become "", {@code $$} and {@code $1} become "" (special one-character
	 * names), {@code ${}} and an unterminated {@code ${} are eaten, a {@code $} not
	 * followed by a name stays. No defaults, no escaping.
	 */
	public static String expandEnv(String text, Map<String, String> env) {
		return EnvExpansion.expand(text, env);
	}

	/** One parse: the state that belongs to a single file and is dropped afterwards. */
	private final class Run {

		private final String raw;

		private final String source;

		private final ConfigLints lints;

		private final YamlScalars scalars;

		private final YamlMappings mappings;

		Run(String raw, String source) {
			this.raw = raw;
			this.source = (source != null) ? source : "litestream.yml";
			this.lints = new ConfigLints(raw);
			this.scalars = new YamlScalars(this.source);
			this.mappings = new YamlMappings(this.source, this.lints);
		}

		LitestreamConfig parse(LitestreamDialect dialect, String basis) {
			Node root = YamlComposer.compose(expand(), this.source);
			if (root == null || YamlScalars.isNull(root)) {
				return new LitestreamConfig(null, List.of(), List.of(),
						(dialect != null) ? dialect : LitestreamDialect.V0_3, basis);
			}
			if (!(root instanceof MappingNode rootMapping)) {
				throw error(YamlScalars.line(root),
						"cannot unmarshal " + YamlScalars.describe(root) + " into main.Config");
			}
			if (dialect == null) {
				DialectClue clue = DialectClue.of(this.mappings.quiet(rootMapping), this.mappings);
				dialect = clue.dialect();
				basis = clue.basis();
			}
			if (dialect == LitestreamDialect.V0_5) {
				return parse05(root, basis);
			}
			Map<String, YamlEntry> top = this.mappings.mapping(root, ConfigSection.TOP, "top level", null, null);
			top.values().forEach(this.lints::litestream05TopKey);
			String addr = this.scalars.str(top.get("addr"));
			if (addr != null && !addr.isEmpty() && !ReplicaUrls.hasPort(addr)) {
				throw error(top.get("addr").line(), "must specify port for bind address: \"" + addr + "\"");
			}
			this.scalars.str(top.get("exec"));
			CredentialChain credentials = new CredentialChain(this.scalars.str(top.get("access-key-id")),
					this.scalars.str(top.get("secret-access-key")), LitestreamConfigParser.this.env);
			this.lints.plainSecret(top.get("access-key-id"), null, null);
			this.lints.plainSecret(top.get("secret-access-key"), null, null);
			readLogging(top.get("logging"));

			ReplicaReader replicas = new ReplicaReader(this.source, this.scalars, this.mappings, this.lints,
					LitestreamConfigParser.this.paths, credentials);
			List<DbConfig> dbs = new ArrayList<>();
			for (Node dbNode : dbNodes(top)) {
				dbs.add(readDb(dbNode, replicas));
			}
			return new LitestreamConfig(addr, DbPaths.withDisplayNames(dbs), this.lints.issues(),
					LitestreamDialect.V0_3, basis);
		}

		private LitestreamConfig parse05(Node root, String basis) {
			Map<String, YamlEntry> top = this.mappings.mapping(root, ConfigSection.TOP_05, "top level", null, null);
			String addr = this.scalars.str(top.get("addr"));
			CredentialChain credentials = new CredentialChain(this.scalars.str(top.get("access-key-id")),
					this.scalars.str(top.get("secret-access-key")), LitestreamConfigParser.this.env);
			this.lints.plainSecret(top.get("access-key-id"), null, null);
			this.lints.plainSecret(top.get("secret-access-key"), null, null);
			Config05Reader reader = new Config05Reader(this.source, this.scalars, this.mappings, this.lints,
					LitestreamConfigParser.this.paths);
			Replica05Reader replicas = new Replica05Reader(
					new ReplicaReader(this.source, this.scalars, this.mappings, this.lints,
							LitestreamConfigParser.this.paths, credentials),
					this.scalars, this.lints, reader.defaults(top));
			List<DbConfig> dbs = new ArrayList<>();
			for (Node dbNode : dbNodes(top)) {
				DbConfig db = reader.readDb(dbNode, replicas);
				if (db != null) {
					dbs.add(db);
				}
			}
			return new LitestreamConfig(addr, DbPaths.withDisplayNames(dbs), this.lints.issues(),
					LitestreamDialect.V0_5, basis);
		}

		private List<Node> dbNodes(Map<String, YamlEntry> top) {
			YamlEntry dbsEntry = top.get("dbs");
			if (dbsEntry == null || YamlScalars.isNull(dbsEntry.value())) {
				return List.of();
			}
			if (!(dbsEntry.value() instanceof SequenceNode seq)) {
				throw error(YamlScalars.line(dbsEntry.value()),
						"cannot unmarshal " + YamlScalars.describe(dbsEntry.value()) + " into []*main.DBConfig");
			}
			return seq.getValue();
		}

		private String expand() {
			try {
				return EnvExpansion.expand(this.raw, LitestreamConfigParser.this.env, YamlComposer.MAX_CODE_POINTS);
			}
			catch (EnvExpansion.TooLongException ex) {
				throw error(0, "the file is " + ex.getMessage());
			}
		}

		private void readLogging(YamlEntry logging) {
			if (logging == null || YamlScalars.isNull(logging.value())) {
				return;
			}
			Map<String, YamlEntry> map = this.mappings.mapping(logging.value(), ConfigSection.LOGGING, "logging", null,
					null);
			this.lints.loggingLevel(map.get("level"), this.scalars.str(map.get("level")));
			this.lints.loggingType(map.get("type"), this.scalars.str(map.get("type")));
			this.scalars.bool(map.get("stderr"));
		}

		private DbConfig readDb(Node node, ReplicaReader replicaReader) {
			if (!(node instanceof MappingNode mappingNode)) {
				throw error(YamlScalars.line(node),
						"cannot unmarshal " + YamlScalars.describe(node) + " into main.DBConfig");
			}
			int line = YamlScalars.line(node);
			String rawPath = this.scalars.str(this.mappings.quiet(mappingNode).get("path"));
			if (rawPath == null || rawPath.isEmpty()) {
				throw error(line, "must specify database path in configuration");
			}
			String path = LitestreamConfigParser.this.paths.expand(rawPath);
			Map<String, YamlEntry> map = this.mappings.mapping(node, ConfigSection.DB, "database " + path, path, null);
			YamlEntry replicaBlock = map.get("replica");
			map.values().forEach((e) -> this.lints.litestream05DbKey(e, path));
			String metaPathRaw = this.scalars.str(map.get("meta-path"));
			String metaPath = (metaPathRaw != null && !metaPathRaw.isEmpty())
					? LitestreamConfigParser.this.paths.expand(metaPathRaw) : DbPaths.defaultMetaPath(path);
			Duration monitor = duration(map.get("monitor-interval"), DEFAULT_MONITOR_INTERVAL, path);
			this.lints.monitorInterval(map.get("monitor-interval"), monitor, path);
			Duration checkpoint = duration(map.get("checkpoint-interval"), DEFAULT_CHECKPOINT_INTERVAL, path);
			Long minPages = this.scalars.integer(map.get("min-checkpoint-page-count"));
			if (minPages != null && minPages <= 0) {
				// DB.Open refuses it, so replicate never starts.
				throw error(map.get("min-checkpoint-page-count").line(), "minimum checkpoint page count required");
			}
			this.scalars.integer(map.get("max-checkpoint-page-count"));

			List<ReplicaConfig> replicas = new ArrayList<>();
			YamlEntry replicasEntry = map.get("replicas");
			if (replicasEntry != null && !YamlScalars.isNull(replicasEntry.value())) {
				if (!(replicasEntry.value() instanceof SequenceNode seq)) {
					throw error(YamlScalars.line(replicasEntry.value()), "cannot unmarshal "
							+ YamlScalars.describe(replicasEntry.value()) + " into []*main.ReplicaConfig");
				}
				Set<String> names = new HashSet<>();
				for (Node replicaNode : seq.getValue()) {
					ReplicaConfig replica = replicaReader.read(replicaNode, path);
					if (!names.add(replica.name())) {
						throw error(replica.line(), "duplicate replica name: \"" + replica.name() + "\"");
					}
					replicas.add(replica);
				}
			}
			if (replicaBlock != null) {
				this.lints.replicaBlock(replicaBlock, path, replicas.isEmpty());
			}
			if (replicas.isEmpty()) {
				this.lints.noReplica(line, path);
			}
			return new DbConfig(path, null, metaPath, monitor, checkpoint, replicas, line);
		}

		private Duration duration(YamlEntry e, Duration defaultValue, String dbPath) {
			Duration d = this.scalars.duration(e, defaultValue);
			this.lints.unitlessDuration(e, d, dbPath, null);
			return d;
		}

		private ConfigParseException error(int line, String reason) {
			return new ConfigParseException(this.source, line, reason);
		}

	}

}
