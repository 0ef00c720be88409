package io.litewatch.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.litewatch.time.GoDuration;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The top level and the databases of a litestream.yml as Litestream 0.5 reads them
 * ({@code cmd/litestream/main.go}): top-level snapshot, compaction and replica defaults,
 * one {@code replica:} per database ({@code replicas:} with one entry still taken), and
 * the refusals 0.5 starts with. One instance per parse.
 */
final class Config05Reader {

	private final String source;

	private final YamlScalars scalars;

	private final YamlMappings mappings;

	private final ConfigLints lints;

	private final DbPaths paths;

	Config05Reader(String source, YamlScalars scalars, YamlMappings mappings, ConfigLints lints, DbPaths paths) {
		this.source = source;
		this.scalars = scalars;
		this.mappings = mappings;
		this.lints = lints;
		this.paths = paths;
	}

	/** The replica settings every database inherits from the top level. */
	Replica05Reader.Defaults defaults(Map<String, YamlEntry> top) {
		LtxSettings ltx = ltx(top);
		Duration sync = null;
		YamlEntry syncEntry = top.get("sync-interval");
		if (syncEntry != null && !YamlScalars.isNull(syncEntry.value())) {
			sync = duration(syncEntry, null);
		}
		return new Replica05Reader.Defaults(sync, ReplicaReader.emptyToNull(this.scalars.str(top.get("bucket"))),
				ReplicaReader.emptyToNull(this.scalars.str(top.get("endpoint"))),
				ReplicaReader.emptyToNull(this.scalars.str(top.get("region"))),
				this.scalars.bool(top.get("force-path-style")),
				Boolean.TRUE.equals(this.scalars.bool(top.get("skip-verify"))), ltx);
	}

	private LtxSettings ltx(Map<String, YamlEntry> top) {
		Map<String, Integer> lines = new LinkedHashMap<>();
		Duration interval = LtxSettings.DEFAULT_SNAPSHOT_INTERVAL;
		Duration retention = LtxSettings.DEFAULT_SNAPSHOT_RETENTION;
		YamlEntry snapshot = top.get("snapshot");
		if (snapshot != null && !YamlScalars.isNull(snapshot.value())) {
			Map<String, YamlEntry> map = this.mappings.mapping(snapshot.value(), ConfigSection.SNAPSHOT_05, "snapshot",
					null, null);
			interval = positive(map.get("interval"), interval, "snapshot.interval",
					"snapshot interval must be greater than 0", lines);
			retention = positive(map.get("retention"), retention, "snapshot.retention",
					"snapshot retention must be greater than 0", lines);
		}
		List<Duration> levels = LtxSettings.DEFAULT_LEVELS;
		YamlEntry levelsEntry = top.get("levels");
		if (levelsEntry != null && !YamlScalars.isNull(levelsEntry.value())) {
			if (!(levelsEntry.value() instanceof SequenceNode seq)) {
				throw error(YamlScalars.line(levelsEntry.value()), "cannot unmarshal "
						+ YamlScalars.describe(levelsEntry.value()) + " into []*main.CompactionLevelConfig");
			}
			List<Duration> read = new ArrayList<>();
			for (Node item : seq.getValue()) {
				Map<String, YamlEntry> level = this.mappings.mapping(item, ConfigSection.LEVEL_05,
						"levels[" + read.size() + "]", null, null);
				Duration d = duration(level.get("interval"), Duration.ZERO);
				if (!GoDuration.positive(d)) {
					throw error(YamlScalars.line(item),
							"levels[" + read.size() + "].interval: compaction interval must be greater than 0 (got "
									+ GoDuration.format(d) + ")");
				}
				read.add(d);
			}
			levels = read;
			lines.put("levels", levelsEntry.line());
		}
		Duration l0 = LtxSettings.DEFAULT_L0_RETENTION;
		YamlEntry l0Entry = top.get("l0-retention");
		if (l0Entry != null && !YamlScalars.isNull(l0Entry.value())) {
			l0 = duration(l0Entry, l0);
			if (l0.isNegative()) {
				throw error(l0Entry.line(),
						"l0-retention: l0 retention must not be negative (got " + GoDuration.format(l0) + ")");
			}
			lines.put("l0-retention", l0Entry.line());
		}
		boolean retentionEnabled = true;
		YamlEntry retentionEntry = top.get("retention");
		if (retentionEntry != null && !YamlScalars.isNull(retentionEntry.value())) {
			if (!(retentionEntry.value() instanceof MappingNode)) {
				// A 0.3 habit: `retention: 24h` at the top level is a mapping in 0.5.
				throw error(retentionEntry.line(),
						"cannot unmarshal " + YamlScalars.describe(retentionEntry.value())
								+ " into main.RetentionConfig (0.5 takes `retention: {enabled: true|false}`; snapshot"
								+ " retention is `snapshot.retention`)");
			}
			Map<String, YamlEntry> map = this.mappings.mapping(retentionEntry.value(), ConfigSection.RETENTION_05,
					"retention", null, null);
			Boolean enabled = this.scalars.bool(map.get("enabled"));
			if (enabled != null) {
				retentionEnabled = enabled;
				lines.put("retention.enabled", map.get("enabled").line());
			}
		}
		return new LtxSettings(interval, retention, levels, l0, retentionEnabled, lines);
	}

	DbConfig readDb(Node node, Replica05Reader replicaReader) {
		if (!(node instanceof MappingNode mappingNode)) {
			throw error(YamlScalars.line(node),
					"cannot unmarshal " + YamlScalars.describe(node) + " into main.DBConfig");
		}
		int line = YamlScalars.line(node);
		Map<String, YamlEntry> quiet = this.mappings.quiet(mappingNode);
		String rawPath = ReplicaReader.emptyToNull(this.scalars.str(quiet.get("path")));
		String dir = ReplicaReader.emptyToNull(this.scalars.str(quiet.get("dir")));
		if (rawPath != null && dir != null) {
			throw error(line, "database config: cannot specify both 'path' and 'dir'");
		}
		if (rawPath == null && dir == null) {
			throw error(line, "database config: must specify either 'path' or 'dir'");
		}
		if (dir != null) {
			if (ReplicaReader.emptyToNull(this.scalars.str(quiet.get("pattern"))) == null) {
				throw error(line, "database config: 'pattern' is required when using 'dir'");
			}
			this.mappings.mapping(node, ConfigSection.DB_05, "database directory " + dir, dir, null);
			this.lints.directoryDatabases(quiet.get("dir"), dir);
			return null;
		}
		String path = this.paths.expand(rawPath);
		Map<String, YamlEntry> map = this.mappings.mapping(node, ConfigSection.DB_05, "database " + path, path, null);
		String metaPathRaw = this.scalars.str(map.get("meta-path"));
		String metaPath = (metaPathRaw != null && !metaPathRaw.isEmpty()) ? this.paths.expand(metaPathRaw)
				: DbPaths.defaultMetaPath(path);
		Duration monitor = duration(map.get("monitor-interval"), LitestreamConfigParser.DEFAULT_MONITOR_INTERVAL);
		Duration checkpoint = duration(map.get("checkpoint-interval"),
				LitestreamConfigParser.DEFAULT_CHECKPOINT_INTERVAL);
		YamlEntry replica = map.get("replica");
		YamlEntry replicas = map.get("replicas");
		boolean hasReplica = replica != null && !YamlScalars.isNull(replica.value());
		List<Node> listed = List.of();
		if (replicas != null && !YamlScalars.isNull(replicas.value())) {
			if (!(replicas.value() instanceof SequenceNode seq)) {
				throw error(YamlScalars.line(replicas.value()),
						"cannot unmarshal " + YamlScalars.describe(replicas.value()) + " into []*main.ReplicaConfig");
			}
			listed = seq.getValue();
		}
		if (!hasReplica && listed.isEmpty()) {
			throw error(line, "database " + path + ": must specify replica for database");
		}
		if (hasReplica && !listed.isEmpty()) {
			throw error(replicas.line(), "database " + path + ": cannot specify 'replica' and 'replicas' on a database"
					+ " (the `replica:` is on line " + replica.line() + ")");
		}
		if (listed.size() > 1) {
			throw error(YamlScalars.line(listed.get(1)),
					"database " + path + ": multiple replicas on a single database"
							+ " are no longer supported (Litestream 0.5 takes one `replica:`; this is the second of "
							+ listed.size() + " under `replicas:` on line " + replicas.line() + ")");
		}
		ReplicaConfig config = replicaReader.read(hasReplica ? replica.value() : listed.get(0), path);
		return new DbConfig(path, null, metaPath, monitor, checkpoint, List.of(config), line);
	}

	private Duration positive(YamlEntry e, Duration defaultValue, String field, String reason,
			Map<String, Integer> lines) {
		if (e == null || YamlScalars.isNull(e.value())) {
			return defaultValue;
		}
		Duration d = duration(e, defaultValue);
		if (!GoDuration.positive(d)) {
			throw error(e.line(), field + ": " + reason + " (got " + GoDuration.format(d) + ")");
		}
		lines.put(field, e.line());
		return d;
	}

	private Duration duration(YamlEntry e, Duration defaultValue) {
		Duration d = this.scalars.duration(e, defaultValue);
		if (d != null) {
			this.lints.unitlessDuration(e, d, null, null);
		}
		return d;
	}

	private ConfigParseException error(int line, String reason) {
		return new ConfigParseException(this.source, line, reason);
	}

}
