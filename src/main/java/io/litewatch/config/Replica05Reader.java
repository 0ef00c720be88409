package io.litewatch.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.litewatch.time.GoDuration;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A database's {@code replica:} as Litestream 0.5 builds it: its snapshots and retention
 * are the file's, the 0.3 interval keys under it are read by nobody, age encryption is
 * refused. The URL forms, targets and credentials are 0.3's, so those steps are
 * {@link ReplicaReader}'s. One instance per parse.
 */
final class Replica05Reader {

	// 0.5 renamed gcs to gs and added webdav, nats and oss.
	private static final Set<String> TYPES = Set.of("s3", "gs", "abs", "sftp", "file", "webdav", "nats", "oss");

	private final ReplicaReader replicas;

	private final YamlScalars scalars;

	private final ConfigLints lints;

	private final Defaults defaults;

	/**
	 * What a Litestream 0.5 file's top level gives every replica: its settings (a
	 * replica's own key wins) and the snapshot and compaction settings.
	 */
	record Defaults(Duration syncInterval, String bucket, String endpoint, String region, Boolean forcePathStyle,
			boolean skipVerify, LtxSettings ltx) {
	}

	Replica05Reader(ReplicaReader replicas, YamlScalars scalars, ConfigLints lints, Defaults defaults) {
		this.replicas = replicas;
		this.scalars = scalars;
		this.lints = lints;
		this.defaults = defaults;
	}

	ReplicaConfig read(Node node, String dbPath) {
		ReplicaReader.Entry entry = this.replicas.entry(node, dbPath, ConfigSection.REPLICA_05);
		Map<String, YamlEntry> map = entry.map();
		ReplicaUrls.ReplicaUrl url = entry.url();
		String type = entry.type();
		String name = entry.name();
		int line = entry.line();
		String pathText = this.replicas.pathText(map);
		YamlEntry age = map.get("age");
		if (age != null && !YamlScalars.isNull(age.value())) {
			this.replicas.readAge(age, dbPath, name);
			throw this.replicas.error(age.line(), "age encryption is not currently supported, if you need encryption"
					+ " please revert back to Litestream v0.3.x");
		}
		this.replicas.requireType(entry, TYPES, type.equals("gcs") ? " (Litestream 0.5 calls it gs)" : "");
		LtxSettings ltx = this.defaults.ltx();
		Duration sync = this.replicas.duration(map.get("sync-interval"), (this.defaults.syncInterval() != null)
				? this.defaults.syncInterval() : ReplicaReader.DEFAULT_SYNC_INTERVAL, dbPath, name);
		if (!GoDuration.positive(sync)) {
			YamlEntry at = map.get("sync-interval");
			throw this.replicas.error((at != null) ? at.line() : line,
					"dbs[" + dbPath + "].replica.sync-interval: sync interval must be greater than 0 (got "
							+ GoDuration.format(sync) + ")");
		}
		Duration validation = this.replicas.duration(map.get("validation-interval"), Duration.ZERO, dbPath, name);
		String effective = "snapshot.interval " + GoDuration.format(ltx.snapshotInterval()) + ", snapshot.retention "
				+ GoDuration.format(ltx.snapshotRetention());
		for (String key : List.of("retention", "snapshot-interval", "retention-check-interval")) {
			YamlEntry e = map.get(key);
			if (e != null) {
				this.lints.litestream03ReplicaKey(e, dbPath, name, effective);
			}
		}
		this.replicas.lintSecrets(map, url, dbPath, name);
		Boolean forcePathStyle = this.scalars.bool(map.get("force-path-style"));
		boolean skipVerify = this.defaults.skipVerify()
				|| Boolean.TRUE.equals(this.scalars.bool(map.get("skip-verify")));
		ReplicaReader.Target target = target(entry, pathText, forcePathStyle);
		return new ReplicaConfig(name, type, (url != null) ? url.redacted() : null, target.bucket(), target.path(),
				target.endpoint(), target.region(), target.forcePathStyle(), skipVerify, target.credentials(), sync,
				ltx.snapshotInterval(), ltx.snapshotRetention(), ltx.snapshotInterval(), validation, line,
				settingLines(map, ltx), ltx);
	}

	/**
	 * Where the replica writes, the file's top-level settings filling what it leaves out.
	 */
	private ReplicaReader.Target target(ReplicaReader.Entry entry, String pathText, Boolean forcePathStyle) {
		Map<String, YamlEntry> map = entry.map();
		ReplicaUrls.ReplicaUrl url = entry.url();
		String bucket = ReplicaReader.emptyToNull(this.scalars.str(map.get("bucket")));
		String endpoint = ReplicaReader.emptyToNull(this.scalars.str(map.get("endpoint")));
		String region = ReplicaReader.emptyToNull(this.scalars.str(map.get("region")));
		bucket = (bucket != null || url != null) ? bucket : this.defaults.bucket();
		endpoint = (endpoint != null) ? endpoint : this.defaults.endpoint();
		region = (region != null) ? region : this.defaults.region();
		forcePathStyle = (forcePathStyle != null) ? forcePathStyle : this.defaults.forcePathStyle();
		int line = entry.line();
		return switch (entry.type()) {
			case "s3", "gs", "abs", "oss" -> this.replicas.bucketTarget(entry.type(), url, pathText, bucket, endpoint,
					region, forcePathStyle, map, line);
			case "sftp" -> this.replicas.sftpTarget(url, pathText, map, line);
			case "file" -> this.replicas.fileTarget(url, pathText, map, line);
			default ->
				new ReplicaReader.Target(null, (url != null) ? url.path() : pathText, endpoint, null, false, null);
		};
	}

	/**
	 * 0.5's snapshot settings are the file's, so their lines are where the file sets
	 * them.
	 */
	private static Map<String, Integer> settingLines(Map<String, YamlEntry> map, LtxSettings ltx) {
		Map<String, Integer> lines = new LinkedHashMap<>();
		YamlEntry syncEntry = map.get("sync-interval");
		if (syncEntry != null && !YamlScalars.isNull(syncEntry.value())) {
			lines.put("sync-interval", syncEntry.line());
		}
		ltx.line("snapshot.interval").ifPresent((at) -> lines.put("snapshot-interval", at));
		ltx.line("snapshot.retention").ifPresent((at) -> lines.put("retention", at));
		return lines;
	}

}
