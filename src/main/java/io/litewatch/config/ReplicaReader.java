package io.litewatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.litewatch.time.GoDuration;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One {@code replicas:} entry as Litestream 0.3.13 builds it: type from the URL scheme or
 * {@code type:}, defaults, the URL/field conflicts it refuses, provider endpoints and
 * credential fallbacks. One instance per parse. 0.5 builds its replica from the same
 * parts, so {@link Replica05Reader} reads it through the package-private steps here.
 */
final class ReplicaReader {

	static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(1);

	static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

	static final Duration DEFAULT_RETENTION_CHECK_INTERVAL = Duration.ofHours(1);

	private static final Set<String> TYPES = Set.of("s3", "gcs", "abs", "sftp", "file");

	private static final List<String> SECRET_KEYS = List.of("access-key-id", "secret-access-key", "password",
			"account-key");

	/** The interval keys whose line the page names as the source of a threshold. */
	private static final List<String> INTERVAL_KEYS = List.of("sync-interval", "snapshot-interval", "retention",
			"retention-check-interval", "validation-interval");

	private static final Pattern IS_URL = Pattern.compile("^\\w+://");

	private final String source;

	private final YamlScalars scalars;

	private final YamlMappings mappings;

	private final ConfigLints lints;

	private final DbPaths paths;

	private final CredentialChain credentials;

	ReplicaReader(String source, YamlScalars scalars, YamlMappings mappings, ConfigLints lints, DbPaths paths,
			CredentialChain credentials) {
		this.source = source;
		this.scalars = scalars;
		this.mappings = mappings;
		this.lints = lints;
		this.paths = paths;
		this.credentials = credentials;
	}

	/** A replica entry's keys, URL, type (the scheme, else {@code type:}) and name. */
	record Entry(Map<String, YamlEntry> map, ReplicaUrls.ReplicaUrl url, String type, String name, int line) {
	}

	Entry entry(Node node, String dbPath, ConfigSection section) {
		if (!(node instanceof MappingNode mappingNode)) {
			throw error(YamlScalars.line(node),
					"cannot unmarshal " + YamlScalars.describe(node) + " into main.ReplicaConfig");
		}
		int line = YamlScalars.line(node);
		Map<String, YamlEntry> quiet = this.mappings.quiet(mappingNode);
		String configuredName = this.scalars.str(quiet.get("name"));
		String urlText = emptyToNull(this.scalars.str(quiet.get("url")));
		String typeText = emptyToNull(this.scalars.str(quiet.get("type")));
		ReplicaUrls.ReplicaUrl url = (urlText != null) ? ReplicaUrls.parseReplicaUrl(urlText) : null;
		String type = (url != null && !url.scheme().isEmpty()) ? url.scheme() : (typeText != null) ? typeText : "file";
		String name = (configuredName != null && !configuredName.isEmpty()) ? configuredName : type;
		Map<String, YamlEntry> map = this.mappings.mapping(node, section, "replica " + name + " of database " + dbPath,
				dbPath, name);
		return new Entry(map, url, type, name, line);
	}

	ReplicaConfig read(Node node, String dbPath) {
		Entry entry = entry(node, dbPath, ConfigSection.REPLICA);
		Map<String, YamlEntry> map = entry.map();
		ReplicaUrls.ReplicaUrl url = entry.url();
		String type = entry.type();
		String name = entry.name();
		String pathText = pathText(map);
		requireType(entry, TYPES, "");
		Duration sync = duration(map.get("sync-interval"), DEFAULT_SYNC_INTERVAL, dbPath, name);
		Duration snapshot = duration(map.get("snapshot-interval"), Duration.ZERO, dbPath, name);
		Duration retention = duration(map.get("retention"), DEFAULT_RETENTION, dbPath, name);
		Duration retentionCheck = duration(map.get("retention-check-interval"), DEFAULT_RETENTION_CHECK_INTERVAL,
				dbPath, name);
		Duration validation = duration(map.get("validation-interval"), Duration.ZERO, dbPath, name);
		Boolean forcePathStyleSetting = this.scalars.bool(map.get("force-path-style"));
		boolean skipVerify = Boolean.TRUE.equals(this.scalars.bool(map.get("skip-verify")));
		readAge(map.get("age"), dbPath, name);
		lintSecrets(map, url, dbPath, name);
		if (!GoDuration.positive(retention)) {
			this.lints.retentionDisabled(map.get("retention"), retention, dbPath, name);
		}
		else {
			// Litestream ticks at min(retention-check-interval, retention).
			retentionCheck = (retentionCheck.compareTo(retention) > 0) ? retention : retentionCheck;
			this.lints.snapshotLongerThanRetention(map.get("snapshot-interval"), snapshot, retention, dbPath, name);
		}

		// Decoded for every type, as Litestream's struct does: a list here is an error
		// even for sftp.
		String bucket = emptyToNull(this.scalars.str(map.get("bucket")));
		String endpoint = emptyToNull(this.scalars.str(map.get("endpoint")));
		String region = emptyToNull(this.scalars.str(map.get("region")));
		Target target = switch (type) {
			case "s3", "gcs", "abs" ->
				bucketTarget(type, url, pathText, bucket, endpoint, region, forcePathStyleSetting, map, entry.line());
			case "sftp" -> sftpTarget(url, pathText, map, entry.line());
			default -> fileTarget(url, pathText, map, entry.line());
		};
		return new ReplicaConfig(name, type, (url != null) ? url.redacted() : null, target.bucket(), target.path(),
				target.endpoint(), target.region(), target.forcePathStyle(), skipVerify, target.credentials(), sync,
				snapshot, retention, retentionCheck, validation, entry.line(), settingLines(map));
	}

	/** {@code path:} as written; a URL there is refused, as Litestream does. */
	String pathText(Map<String, YamlEntry> map) {
		String pathText = emptyToNull(this.scalars.str(map.get("path")));
		if (pathText != null && IS_URL.matcher(pathText).find()) {
			throw error(map.get("path").line(), "replica path cannot be a url, please use the 'url' field instead: "
					+ ReplicaUrls.parseReplicaUrl(pathText).redacted());
		}
		return pathText;
	}

	/**
	 * Refuses a type not in {@code known} ({@code hint} ends the message) or no scheme.
	 */
	void requireType(Entry entry, Set<String> known, String hint) {
		ReplicaUrls.ReplicaUrl url = entry.url();
		if (!known.contains(entry.type())) {
			YamlEntry at = (url != null && !url.scheme().isEmpty()) ? entry.map().get("url") : entry.map().get("type");
			throw error(at.line(), "unknown replica type in config: \"" + entry.type() + "\"" + hint);
		}
		if (url != null && url.scheme().isEmpty()) {
			throw error(entry.map().get("url").line(), "replica url scheme required: " + url.redacted());
		}
	}

	void lintSecrets(Map<String, YamlEntry> map, ReplicaUrls.ReplicaUrl url, String dbPath, String name) {
		for (String key : SECRET_KEYS) {
			this.lints.plainSecret(map.get(key), dbPath, name);
		}
		if (url != null && url.password() != null) {
			this.lints.plainUrlPassword(map.get("url"), dbPath, name);
		}
	}

	private static Map<String, Integer> settingLines(Map<String, YamlEntry> map) {
		Map<String, Integer> lines = new java.util.LinkedHashMap<>();
		for (String key : INTERVAL_KEYS) {
			YamlEntry e = map.get(key);
			// An empty value (`retention:`) decodes to Litestream's default, as if unset.
			if (e != null && !YamlScalars.isNull(e.value())) {
				lines.put(key, e.line());
			}
		}
		return lines;
	}

	/** Where a replica writes to. */
	record Target(String bucket, String path, String endpoint, String region, boolean forcePathStyle,
			S3Credentials credentials) {

		@Override
		public String toString() {
			return "Target[]";
		}

	}

	Target bucketTarget(String type, ReplicaUrls.ReplicaUrl url, String pathText, String bucket, String endpoint,
			String region, Boolean forcePathStyleSetting, Map<String, YamlEntry> map, int line) {
		String path = (pathText != null) ? pathText : "";
		rejectUrlWith(url, pathText, "path", type, map);
		rejectUrlWith(url, bucket, "bucket", type, map);
		boolean forcePathStyle = false;
		if (type.equals("s3")) {
			forcePathStyle = (forcePathStyleSetting != null) ? forcePathStyleSetting : (endpoint != null);
		}
		if (url != null) {
			path = url.path();
			if (type.equals("s3")) {
				ReplicaUrls.S3Host host = ReplicaUrls.parseS3Host(url.host());
				bucket = emptyToNull(host.bucket());
				region = (region != null) ? region : host.region();
				endpoint = (endpoint != null) ? endpoint : host.endpoint();
				// Litestream only lets the URL switch path style on, never off.
				forcePathStyle = forcePathStyle || host.forcePathStyle();
			}
			else {
				bucket = emptyToNull(url.host());
			}
		}
		if (bucket == null) {
			throw error(line, "bucket required for " + type + " replica");
		}
		S3Credentials s3Credentials = null;
		if (type.equals("s3")) {
			if (region == null && endpoint != null) {
				region = "us-east-1";
			}
			s3Credentials = this.credentials.resolve(this.scalars.str(map.get("access-key-id")),
					this.scalars.str(map.get("secret-access-key")));
		}
		return new Target(bucket, path, endpoint, region, forcePathStyle, s3Credentials);
	}

	Target sftpTarget(ReplicaUrls.ReplicaUrl url, String pathText, Map<String, YamlEntry> map, int line) {
		String path = (pathText != null) ? pathText : "";
		rejectUrlWith(url, pathText, "path", "sftp", map);
		String host = emptyToNull(this.scalars.str(map.get("host")));
		rejectUrlWith(url, host, "host", "sftp", map);
		String user = emptyToNull(this.scalars.str(map.get("user")));
		if (url != null) {
			// sftp keeps the URL path as is: it is a path on the server, not a key
			// prefix.
			path = url.rawPath();
			host = emptyToNull(url.host());
			user = (user != null) ? user : emptyToNull(url.user());
		}
		if (host == null) {
			throw error(line, "host required for sftp replica");
		}
		if (user == null) {
			throw error(line, "user required for sftp replica");
		}
		return new Target(null, path, ReplicaUrls.hasPort(host) ? host : host + ":22", null, false, null);
	}

	Target fileTarget(ReplicaUrls.ReplicaUrl url, String pathText, Map<String, YamlEntry> map, int line) {
		rejectUrlWith(url, pathText, "path", "file", map);
		String filePath = (url != null) ? url.path() : pathText;
		if (filePath == null || filePath.isEmpty() || filePath.equals(".")) {
			throw error(line, "file replica path required");
		}
		return new Target(null, this.paths.expand(filePath), null, null, false, null);
	}

	private void rejectUrlWith(ReplicaUrls.ReplicaUrl url, String value, String key, String type,
			Map<String, YamlEntry> map) {
		if (url != null && value != null) {
			throw error(map.get(key).line(), "cannot specify url & " + key + " for " + type + " replica");
		}
	}

	void readAge(YamlEntry age, String dbPath, String replicaName) {
		if (age == null || YamlScalars.isNull(age.value())) {
			return;
		}
		Map<String, YamlEntry> map = this.mappings.mapping(age.value(), ConfigSection.AGE,
				"age of replica " + replicaName, dbPath, replicaName);
		for (YamlEntry e : map.values()) {
			if (YamlScalars.isNull(e.value())) {
				continue;
			}
			if (!(e.value() instanceof SequenceNode seq)) {
				throw error(YamlScalars.line(e.value()),
						"cannot unmarshal " + YamlScalars.describe(e.value()) + " into []string");
			}
			for (Node item : seq.getValue()) {
				if (!(item instanceof ScalarNode)) {
					throw error(YamlScalars.line(item),
							"cannot unmarshal " + YamlScalars.describe(item) + " into string");
				}
				if (e.key().equals("identities")) {
					this.lints.plainAgeIdentity(YamlScalars.line(item), dbPath, replicaName);
				}
			}
		}
	}

	Duration duration(YamlEntry e, Duration defaultValue, String dbPath, String replicaName) {
		Duration d = this.scalars.duration(e, defaultValue);
		this.lints.unitlessDuration(e, d, dbPath, replicaName);
		return d;
	}

	ConfigParseException error(int line, String reason) {
		return new ConfigParseException(this.source, line, reason);
	}

	static String emptyToNull(String s) {
		return (s == null || s.isEmpty()) ? null : s;
	}

}
