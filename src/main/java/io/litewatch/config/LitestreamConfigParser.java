package io.litewatch.config;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.litewatch.health.FindingCode;
import io.litewatch.time.GoDuration;
import io.litewatch.health.Severity;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

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
 */
public final class LitestreamConfigParser {

	static final Duration DEFAULT_MONITOR_INTERVAL = Duration.ofSeconds(1);

	static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMinutes(1);

	static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(1);

	static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

	static final Duration DEFAULT_RETENTION_CHECK_INTERVAL = Duration.ofHours(1);

	private static final Set<String> REPLICA_TYPES = Set.of("s3", "gcs", "abs", "sftp", "file");

	private static final List<String> TOP_KEYS = List.of("addr", "dbs", "exec", "access-key-id", "secret-access-key",
			"logging");

	private static final List<String> LOGGING_KEYS = List.of("level", "type", "stderr");

	private static final List<String> DB_KEYS = List.of("path", "meta-path", "monitor-interval", "checkpoint-interval",
			"min-checkpoint-page-count", "max-checkpoint-page-count", "replicas");

	private static final List<String> REPLICA_KEYS = List.of("type", "name", "path", "url", "retention",
			"retention-check-interval", "sync-interval", "snapshot-interval", "validation-interval", "access-key-id",
			"secret-access-key", "region", "bucket", "endpoint", "force-path-style", "skip-verify", "account-name",
			"account-key", "host", "user", "password", "key-path", "age");

	private static final List<String> AGE_KEYS = List.of("identities", "recipients");

	// Keys introduced by Litestream 0.5: a 0.3.13 reading them is the classic silent
	// misconfiguration.
	private static final Map<String, String> TOP_KEYS_05 = Map.ofEntries(
			Map.entry("snapshot", "no snapshots are scheduled from it; set snapshot-interval on each replica instead"),
			Map.entry("levels", "the compaction levels have no effect"), Map.entry("l0-retention", "it has no effect"),
			Map.entry("l0-retention-check-interval", "it has no effect"),
			Map.entry("retention", "it has no effect; set retention on each replica instead"),
			Map.entry("validation", "it has no effect; set validation-interval on each replica instead"),
			Map.entry("heartbeat-url", "no heartbeat is sent"), Map.entry("heartbeat-interval", "no heartbeat is sent"),
			Map.entry("socket", "there is no control socket"), Map.entry("shutdown-sync-timeout", "it has no effect"),
			Map.entry("shutdown-sync-interval", "it has no effect"), Map.entry("mcp-addr", "there is no MCP server"));

	private static final Set<String> DB_KEYS_05 = Set.of("dir", "pattern", "recursive", "watch");

	private static final Set<String> SECRET_KEYS = Set.of("access-key-id", "secret-access-key", "password",
			"account-key");

	private static final Pattern URL_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

	private static final Pattern IS_URL = Pattern.compile("^\\w+://");

	private static final Pattern LOCALHOST = Pattern.compile("^(?:(.+)\\.)?localhost$");

	private static final Pattern BACKBLAZE = Pattern.compile("^(?:(.+)\\.)?s3.([^.]+)\\.backblazeb2.com$");

	private static final Pattern FILEBASE = Pattern.compile("^(?:(.+)\\.)?s3.filebase.com$");

	private static final Pattern DIGITAL_OCEAN = Pattern.compile("^(?:(.+)\\.)?([^.]+)\\.digitaloceanspaces.com$");

	private static final Pattern SCALEWAY = Pattern.compile("^(?:(.+)\\.)?s3.([^.]+)\\.scw.cloud$");

	private static final Pattern LINODE = Pattern.compile("^(?:(.+)\\.)?([^.]+)\\.linodeobjects.com$");

	private final Map<String, String> env;

	private final Path workingDir;

	/**
	 * @param env the environment to expand {@code ${VAR}}/{@code $VAR} with and to take
	 * fallback credentials from (pass {@code System.getenv()} in production)
	 * @param workingDir Litestream's working directory, against which relative db paths
	 * resolve
	 */
	public LitestreamConfigParser(Map<String, String> env, Path workingDir) {
		this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
		this.workingDir = Objects.requireNonNull(workingDir, "workingDir").toAbsolutePath().normalize();
	}

	/**
	 * Parses the text of a litestream.yml.
	 * @param yamlText the file content before env expansion
	 * @param sourceName used in error messages, usually the file path
	 * @throws ConfigParseException when Litestream 0.3.13 would refuse the file
	 */
	public LitestreamConfig parse(String yamlText, String sourceName) throws ConfigParseException {
		return new Run(Objects.requireNonNull(yamlText, "yamlText"), sourceName).parse();
	}

	/**
	 * Go's {@code os.ExpandEnv}: {@code ${VAR}} and {@code $VAR} are replaced, unset
	 * variables become "", {@code $$} and {@code $1} become "" (special one-character
	 * names), {@code ${}} and an unterminated {@code ${} are eaten, a {@code $} not
	 * followed by a name stays. No defaults, no escaping.
	 */
	public static String expandEnv(String text, Map<String, String> env) {
		StringBuilder out = null;
		int i = 0;
		for (int j = 0; j < text.length(); j++) {
			if (text.charAt(j) == '$' && j + 1 < text.length()) {
				if (out == null) {
					out = new StringBuilder(text.length() * 2);
				}
				out.append(text, i, j);
				String rest = text.substring(j + 1);
				String[] name = new String[1];
				int width = shellName(rest, name);
				if (name[0].isEmpty() && width > 0) {
					// invalid syntax like "${}": Go eats it
				}
				else if (name[0].isEmpty()) {
					out.append('$');
				}
				else {
					out.append(env.getOrDefault(name[0], ""));
				}
				j += width;
				i = j + 1;
			}
		}
		if (out == null) {
			return text;
		}
		return out.append(text, Math.min(i, text.length()), text.length()).toString();
	}

	// Go's os.getShellName: returns the width consumed after '$' and the name found.
	private static int shellName(String s, String[] name) {
		if (s.charAt(0) == '{') {
			if (s.length() > 2 && isShellSpecial(s.charAt(1)) && s.charAt(2) == '}') {
				name[0] = s.substring(1, 2);
				return 3;
			}
			for (int i = 1; i < s.length(); i++) {
				if (s.charAt(i) == '}') {
					if (i == 1) {
						name[0] = "";
						return 2;
					}
					name[0] = s.substring(1, i);
					return i + 1;
				}
			}
			name[0] = "";
			return 1;
		}
		if (isShellSpecial(s.charAt(0))) {
			name[0] = s.substring(0, 1);
			return 1;
		}
		int i = 0;
		while (i < s.length() && isAlphaNum(s.charAt(i))) {
			i++;
		}
		name[0] = s.substring(0, i);
		return i;
	}

	private static boolean isShellSpecial(char c) {
		return "*#$@!?-0123456789".indexOf(c) >= 0;
	}

	private static boolean isAlphaNum(char c) {
		return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	/** Result of Litestream's {@code s3.ParseHost}. */
	record S3Host(String bucket, String region, String endpoint, boolean forcePathStyle) {
	}

	/**
	 * Litestream 0.3.13's {@code s3.ParseHost}: provider host forms carry endpoint and
	 * region.
	 */
	static S3Host parseS3Host(String hostPort) {
		String host = hostPort;
		String port = "";
		int colon = hostPort.lastIndexOf(':');
		if (colon >= 0 && hostPort.indexOf(':') == colon) {
			host = hostPort.substring(0, colon);
			port = hostPort.substring(colon + 1);
		}
		String scheme = "https";
		String bucket;
		String region = null;
		String endpoint = null;
		Matcher m;
		if ((m = LOCALHOST.matcher(host)).matches()) {
			bucket = m.group(1);
			region = "us-east-1";
			scheme = "http";
			endpoint = "localhost";
		}
		else if ((m = BACKBLAZE.matcher(host)).matches()) {
			bucket = m.group(1);
			region = m.group(2);
			endpoint = "s3." + region + ".backblazeb2.com";
		}
		else if ((m = FILEBASE.matcher(host)).matches()) {
			bucket = m.group(1);
			endpoint = "s3.filebase.com";
		}
		else if ((m = DIGITAL_OCEAN.matcher(host)).matches()) {
			bucket = m.group(1);
			region = m.group(2);
			endpoint = region + ".digitaloceanspaces.com";
		}
		else if ((m = SCALEWAY.matcher(host)).matches()) {
			bucket = m.group(1);
			region = m.group(2);
			endpoint = "s3." + region + ".scw.cloud";
		}
		else if ((m = LINODE.matcher(host)).matches()) {
			bucket = m.group(1);
			region = m.group(2);
			endpoint = region + ".linodeobjects.com";
		}
		else {
			return new S3Host(host, null, null, false);
		}
		if (!port.isEmpty()) {
			endpoint = endpoint + ":" + port;
		}
		return new S3Host(bucket, region, scheme + "://" + endpoint, true);
	}

	/** The parts of a replica URL Litestream uses, password already separated out. */
	record ReplicaUrl(String scheme, String user, String password, String host, String path, String rawPath,
			String redacted) {
	}

	/**
	 * Litestream's {@code ParseReplicaURL} plus userinfo, with Go's url.Parse split
	 * rules.
	 */
	static ReplicaUrl parseReplicaUrl(String url) {
		Matcher m = URL_SCHEME.matcher(url);
		boolean hasScheme = m.find();
		String scheme = hasScheme ? m.group(1).toLowerCase(Locale.ROOT) : "";
		String rest = hasScheme ? url.substring(m.end()) : url;
		String query = "";
		int q = indexOfAny(rest, "?#");
		if (q >= 0) {
			query = rest.substring(q);
			rest = rest.substring(0, q);
		}
		String user = null;
		String password = null;
		String host = "";
		String rawPath = rest;
		String redactedAuthority = "";
		if (rest.startsWith("//")) {
			String authority = rest.substring(2);
			int slash = authority.indexOf('/');
			rawPath = (slash >= 0) ? authority.substring(slash) : "";
			authority = (slash >= 0) ? authority.substring(0, slash) : authority;
			int at = authority.lastIndexOf('@');
			host = authority;
			if (at >= 0) {
				String userinfo = authority.substring(0, at);
				host = authority.substring(at + 1);
				int colon = userinfo.indexOf(':');
				user = decode((colon >= 0) ? userinfo.substring(0, colon) : userinfo);
				password = (colon >= 0) ? decode(userinfo.substring(colon + 1)) : null;
				redactedAuthority = userinfo.substring(0, (colon >= 0) ? colon : userinfo.length())
						+ ((password != null) ? ":xxxxx" : "") + "@";
			}
			redactedAuthority = "//" + redactedAuthority + host;
		}
		String redacted = (hasScheme ? m.group(1) + ":" : "") + redactedAuthority + rawPath + query;
		String path;
		if (scheme.equals("file")) {
			// Go rebuilds the URL without its scheme: a host makes it "//host/path",
			// cleaned to "/host/path".
			path = cleanPath(decode((host.isEmpty() ? "" : "//" + host) + rawPath));
		}
		else {
			String cleaned = cleanPath(decode(rawPath));
			path = cleaned.startsWith("/") ? cleaned.substring(1) : cleaned;
			// path.Clean("") is "." in Go; as a key prefix it means "no prefix"
			path = path.equals(".") ? "" : path;
		}
		return new ReplicaUrl(scheme, user, password, host, path, decode(rawPath), redacted);
	}

	private static int indexOfAny(String s, String chars) {
		for (int i = 0; i < s.length(); i++) {
			if (chars.indexOf(s.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

	private static String decode(String s) {
		try {
			return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return s;
		}
	}

	// Go's path.Clean, for URL paths (always '/').
	static String cleanPath(String p) {
		if (p.isEmpty()) {
			return ".";
		}
		boolean rooted = p.startsWith("/");
		List<String> parts = new ArrayList<>();
		for (String part : p.split("/")) {
			if (part.isEmpty() || part.equals(".")) {
				continue;
			}
			if (part.equals("..")) {
				if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
					parts.remove(parts.size() - 1);
				}
				else if (!rooted) {
					parts.add(part);
				}
				continue;
			}
			parts.add(part);
		}
		String joined = String.join("/", parts);
		if (rooted) {
			return "/" + joined;
		}
		return joined.isEmpty() ? "." : joined;
	}

	/** One parse: the state that belongs to a single file and is dropped afterwards. */
	private final class Run {

		private final String raw;

		private final String source;

		private final String[] rawLines;

		private final List<ConfigIssue> issues = new ArrayList<>();

		Run(String raw, String source) {
			this.raw = raw;
			this.source = (source != null) ? source : "litestream.yml";
			this.rawLines = raw.split("\r?\n", -1);
		}

		LitestreamConfig parse() {
			String expanded = expandEnv(this.raw, LitestreamConfigParser.this.env);
			Node root = compose(expanded);
			if (root == null || isNull(root)) {
				return new LitestreamConfig(null, List.of(), List.of());
			}
			if (!(root instanceof MappingNode)) {
				throw error(line(root), "cannot unmarshal " + describe(root) + " into main.Config");
			}
			Map<String, Entry> top = mapping(root, TOP_KEYS, "top level", null, null);
			for (Entry e : top.values()) {
				String why = TOP_KEYS_05.get(e.key);
				if (why != null) {
					warn(null, null, e.line(), "Line " + e.line() + ": top-level key `" + e.key
							+ "` is Litestream 0.5 syntax that Litestream 0.3.13 ignores, so " + why + ".");
				}
			}
			String addr = str(top.get("addr"));
			if (addr != null && !addr.isEmpty() && !hasPort(addr)) {
				throw error(top.get("addr").line(), "must specify port for bind address: \"" + addr + "\"");
			}
			str(top.get("exec"));
			Globals globals = new Globals(str(top.get("access-key-id")), str(top.get("secret-access-key")));
			checkPlainSecret(top.get("access-key-id"), null, null);
			checkPlainSecret(top.get("secret-access-key"), null, null);
			parseLogging(top.get("logging"));

			List<DbConfig> dbs = new ArrayList<>();
			Entry dbsEntry = top.get("dbs");
			if (dbsEntry != null && !isNull(dbsEntry.value)) {
				if (!(dbsEntry.value instanceof SequenceNode seq)) {
					throw error(line(dbsEntry.value),
							"cannot unmarshal " + describe(dbsEntry.value) + " into []*main.DBConfig");
				}
				for (Node dbNode : seq.getValue()) {
					dbs.add(parseDb(dbNode, globals));
				}
			}
			// File order reads best on the page, whatever order the checks ran in.
			this.issues.sort(java.util.Comparator.comparingInt(ConfigIssue::line));
			return new LitestreamConfig(addr, withDisplayNames(dbs), this.issues);
		}

		private Node compose(String expanded) {
			try {
				Iterator<Node> documents = new Yaml().composeAll(new StringReader(expanded)).iterator();
				// yaml.v2's Unmarshal reads only the first document.
				return documents.hasNext() ? documents.next() : null;
			}
			catch (MarkedYAMLException ex) {
				// Only the problem, never the snippet: the snippet would print the line,
				// secrets included.
				int line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 1 : 0;
				String problem = (ex.getProblem() != null) ? ex.getProblem() : "invalid YAML";
				String context = (ex.getContext() != null) ? ex.getContext() + ": " : "";
				throw error(line, "yaml: " + context + problem);
			}
			catch (YAMLException ex) {
				throw error(0, "yaml: invalid YAML");
			}
		}

		private void parseLogging(Entry logging) {
			if (logging == null || isNull(logging.value)) {
				return;
			}
			Map<String, Entry> map = mapping(logging.value, LOGGING_KEYS, "logging", null, null);
			String level = str(map.get("level"));
			if (level != null && !level.isEmpty()
					&& !Set.of("DEBUG", "INFO", "WARN", "WARNING", "ERROR").contains(level.toUpperCase(Locale.ROOT))) {
				Entry e = map.get("level");
				warn(null, null, e.line(), "Line " + e.line() + ": logging.level `" + level
						+ "` is not one of debug, info, warn, error; Litestream silently logs at info.");
			}
			String type = str(map.get("type"));
			if (type != null && !type.isEmpty() && !Set.of("json", "text").contains(type)) {
				Entry e = map.get("type");
				warn(null, null, e.line(), "Line " + e.line() + ": logging.type `" + type
						+ "` is neither json nor text; Litestream silently logs as text.");
			}
			bool(map.get("stderr"));
		}

		private DbConfig parseDb(Node node, Globals globals) {
			if (!(node instanceof MappingNode)) {
				throw error(line(node), "cannot unmarshal " + describe(node) + " into main.DBConfig");
			}
			int line = line(node);
			String rawPath = str(mappingQuiet(node).get("path"));
			if (rawPath == null || rawPath.isEmpty()) {
				throw error(line, "must specify database path in configuration");
			}
			String path = expandPath(rawPath);
			Map<String, Entry> map = mapping(node, DB_KEYS, "database " + path, path, null);
			Entry replicaBlock = null;
			for (Entry e : map.values()) {
				if (e.key.equals("replica")) {
					replicaBlock = e;
				}
				else if (DB_KEYS_05.contains(e.key)) {
					warn(path, null, e.line(), "Line " + e.line() + ": `" + e.key + "` under database " + path
							+ " is Litestream 0.5 syntax that Litestream 0.3.13 ignores.");
				}
			}
			String metaPathRaw = str(map.get("meta-path"));
			String metaPath = (metaPathRaw != null && !metaPathRaw.isEmpty()) ? expandPath(metaPathRaw)
					: defaultMetaPath(path);
			Duration monitor = duration(map.get("monitor-interval"), DEFAULT_MONITOR_INTERVAL, path, null);
			if (!GoDuration.positive(monitor)) {
				Entry e = map.get("monitor-interval");
				warn(path, null, e.line(),
						"Line " + e.line() + ": monitor-interval of database " + path + " is "
								+ GoDuration.format(monitor)
								+ ", which turns off Litestream's WAL monitoring, so changes are not replicated.");
			}
			Duration checkpoint = duration(map.get("checkpoint-interval"), DEFAULT_CHECKPOINT_INTERVAL, path, null);
			Long minPages = integer(map.get("min-checkpoint-page-count"));
			if (minPages != null && minPages <= 0) {
				// DB.Open refuses it, so replicate never starts.
				throw error(map.get("min-checkpoint-page-count").line(), "minimum checkpoint page count required");
			}
			integer(map.get("max-checkpoint-page-count"));

			List<ReplicaConfig> replicas = new ArrayList<>();
			Entry replicasEntry = map.get("replicas");
			if (replicasEntry != null && !isNull(replicasEntry.value)) {
				if (!(replicasEntry.value instanceof SequenceNode seq)) {
					throw error(line(replicasEntry.value),
							"cannot unmarshal " + describe(replicasEntry.value) + " into []*main.ReplicaConfig");
				}
				Set<String> names = new HashSet<>();
				for (Node replicaNode : seq.getValue()) {
					ReplicaConfig replica = parseReplica(replicaNode, globals, path);
					if (!names.add(replica.name())) {
						throw error(replica.line(), "duplicate replica name: \"" + replica.name() + "\"");
					}
					replicas.add(replica);
				}
			}
			if (replicaBlock != null) {
				this.issues.add(new ConfigIssue(FindingCode.CONFIG_SUSPICIOUS, Severity.CRITICAL, path, null,
						replicaBlock.line(),
						"Line " + replicaBlock.line() + ": `replica:` under database " + path
								+ " is Litestream 0.5 syntax; Litestream 0.3.13 ignores it, so this replica does not"
								+ " exist" + (replicas.isEmpty() ? " and the database is not backed up at all" : "")
								+ ". Use a `replicas:` list instead."));
			}
			if (replicas.isEmpty()) {
				this.issues.add(new ConfigIssue(FindingCode.NO_REPLICA, Severity.CRITICAL, path, null, line, "Line "
						+ line + ": database " + path + " has no replicas, so Litestream does not back it up."));
			}
			return new DbConfig(path, null, metaPath, monitor, checkpoint, replicas, line);
		}

		private ReplicaConfig parseReplica(Node node, Globals globals, String dbPath) {
			if (!(node instanceof MappingNode)) {
				throw error(line(node), "cannot unmarshal " + describe(node) + " into main.ReplicaConfig");
			}
			int line = line(node);
			Map<String, Entry> quiet = mappingQuiet(node);
			String configuredName = str(quiet.get("name"));
			String urlText = emptyToNull(str(quiet.get("url")));
			String typeText = emptyToNull(str(quiet.get("type")));
			ReplicaUrl url = (urlText != null) ? parseReplicaUrl(urlText) : null;
			String type = (url != null && !url.scheme.isEmpty()) ? url.scheme : (typeText != null) ? typeText : "file";
			String name = (configuredName != null && !configuredName.isEmpty()) ? configuredName : type;
			Map<String, Entry> map = mapping(node, REPLICA_KEYS, "replica " + name + " of database " + dbPath, dbPath,
					name);

			String pathText = emptyToNull(str(map.get("path")));
			if (pathText != null && IS_URL.matcher(pathText).find()) {
				throw error(map.get("path").line(), "replica path cannot be a url, please use the 'url' field instead: "
						+ parseReplicaUrl(pathText).redacted);
			}
			if (!REPLICA_TYPES.contains(type)) {
				Entry at = (url != null && !url.scheme.isEmpty()) ? map.get("url") : map.get("type");
				throw error(at.line(), "unknown replica type in config: \"" + type + "\"");
			}
			if (url != null && url.scheme.isEmpty()) {
				throw error(map.get("url").line(), "replica url scheme required: " + url.redacted);
			}

			Duration sync = duration(map.get("sync-interval"), DEFAULT_SYNC_INTERVAL, dbPath, name);
			Duration snapshot = duration(map.get("snapshot-interval"), Duration.ZERO, dbPath, name);
			Duration retention = duration(map.get("retention"), DEFAULT_RETENTION, dbPath, name);
			Duration retentionCheck = duration(map.get("retention-check-interval"), DEFAULT_RETENTION_CHECK_INTERVAL,
					dbPath, name);
			Duration validation = duration(map.get("validation-interval"), Duration.ZERO, dbPath, name);
			Boolean forcePathStyleSetting = bool(map.get("force-path-style"));
			boolean skipVerify = Boolean.TRUE.equals(bool(map.get("skip-verify")));
			parseAge(map.get("age"), dbPath, name);
			for (String key : SECRET_KEYS) {
				checkPlainSecret(map.get(key), dbPath, name);
			}
			if (url != null && url.password != null && !rawLine(map.get("url").line()).contains("$")) {
				Entry e = map.get("url");
				warn(dbPath, name, e.line(), "Line " + e.line() + ": the url of replica " + name + " of database "
						+ dbPath + " contains a password in plain text; read it from the environment instead.");
			}

			if (!GoDuration.positive(retention)) {
				Entry e = map.get("retention");
				warn(dbPath, name, e.line(), "Line " + e.line() + ": retention of replica " + name + " of database "
						+ dbPath + " is " + GoDuration.format(retention)
						+ ", which disables retention: old generations are never deleted and the bucket grows forever.");
			}
			else {
				if (retentionCheck.compareTo(retention) > 0) {
					// Litestream ticks at min(retention-check-interval, retention).
					retentionCheck = retention;
				}
				if (snapshot.compareTo(retention) > 0) {
					Entry e = map.get("snapshot-interval");
					warn(dbPath, name, e.line(),
							"Line " + e.line() + ": snapshot-interval of replica " + name + " of database " + dbPath
									+ " (" + GoDuration.format(snapshot) + ") is longer than its retention ("
									+ GoDuration.format(retention)
									+ "), so scheduled snapshots do not always fall inside the retention window;"
									+ " Litestream's retention check then takes extra full snapshots itself.");
				}
			}

			String bucket = emptyToNull(str(map.get("bucket")));
			String endpoint = emptyToNull(str(map.get("endpoint")));
			String region = emptyToNull(str(map.get("region")));
			String path = (pathText != null) ? pathText : "";
			boolean forcePathStyle = false;
			S3Credentials credentials = null;
			switch (type) {
				case "s3", "gcs", "abs" -> {
					rejectUrlWith(url, pathText, "path", type, map);
					rejectUrlWith(url, bucket, "bucket", type, map);
					if (type.equals("s3")) {
						forcePathStyle = (endpoint != null);
						if (forcePathStyleSetting != null) {
							forcePathStyle = forcePathStyleSetting;
						}
					}
					if (url != null) {
						path = url.path;
						if (type.equals("s3")) {
							S3Host host = parseS3Host(url.host);
							bucket = emptyToNull(host.bucket);
							region = (region != null) ? region : host.region;
							endpoint = (endpoint != null) ? endpoint : host.endpoint;
							// Litestream only lets the URL switch path style on, never
							// off.
							forcePathStyle = forcePathStyle || host.forcePathStyle;
						}
						else {
							bucket = emptyToNull(url.host);
						}
					}
					if (bucket == null) {
						throw error(line, "bucket required for " + type + " replica");
					}
					if (type.equals("s3")) {
						if (region == null && endpoint != null) {
							region = "us-east-1";
						}
						credentials = credentials(str(map.get("access-key-id")), str(map.get("secret-access-key")),
								globals);
					}
				}
				case "sftp" -> {
					rejectUrlWith(url, pathText, "path", type, map);
					String host = emptyToNull(str(map.get("host")));
					rejectUrlWith(url, host, "host", type, map);
					String user = emptyToNull(str(map.get("user")));
					if (url != null) {
						// sftp keeps the URL path as is: it is a path on the server, not
						// a key prefix.
						path = url.rawPath;
						host = emptyToNull(url.host);
						user = (user != null) ? user : emptyToNull(url.user);
					}
					if (host == null) {
						throw error(line, "host required for sftp replica");
					}
					if (user == null) {
						throw error(line, "user required for sftp replica");
					}
					bucket = null;
					region = null;
					endpoint = hasPort(host) ? host : host + ":22";
				}
				default -> {
					rejectUrlWith(url, pathText, "path", type, map);
					String filePath = (url != null) ? url.path : pathText;
					if (filePath == null || filePath.isEmpty() || filePath.equals(".")) {
						throw error(line, "file replica path required");
					}
					path = expandPath(filePath);
					bucket = null;
					region = null;
					endpoint = null;
				}
			}
			return new ReplicaConfig(name, type, (url != null) ? url.redacted : null, bucket, path, endpoint, region,
					forcePathStyle, skipVerify, credentials, sync, snapshot, retention, retentionCheck, validation,
					line);
		}

		private void rejectUrlWith(ReplicaUrl url, String value, String key, String type, Map<String, Entry> map) {
			if (url != null && value != null) {
				throw error(map.get(key).line(), "cannot specify url & " + key + " for " + type + " replica");
			}
		}

		private void parseAge(Entry age, String dbPath, String replicaName) {
			if (age == null || isNull(age.value)) {
				return;
			}
			Map<String, Entry> map = mapping(age.value, AGE_KEYS, "age of replica " + replicaName, dbPath, replicaName);
			for (Entry e : map.values()) {
				if (isNull(e.value)) {
					continue;
				}
				if (!(e.value instanceof SequenceNode seq)) {
					throw error(line(e.value), "cannot unmarshal " + describe(e.value) + " into []string");
				}
				for (Node item : seq.getValue()) {
					if (!(item instanceof ScalarNode)) {
						throw error(line(item), "cannot unmarshal " + describe(item) + " into string");
					}
					if (e.key.equals("identities") && !rawLine(line(item)).contains("$")) {
						warn(dbPath, replicaName, line(item),
								"Line " + line(item) + ": an age identity (a private key)" + " of replica "
										+ replicaName + " is written in plain text in the file;"
										+ " read it from the environment instead.");
					}
				}
			}
		}

		private S3Credentials credentials(String replicaId, String replicaSecret, Globals globals) {
			String id = emptyToNull(replicaId);
			String secret = emptyToNull(replicaSecret);
			if (id != null || secret != null) {
				return new S3Credentials(nonNull(id, globals.accessKeyId), nonNull(secret, globals.secretAccessKey),
						"replica");
			}
			if (globals.accessKeyId != null || globals.secretAccessKey != null) {
				return new S3Credentials(globals.accessKeyId, globals.secretAccessKey, "global");
			}
			Map<String, String> env = LitestreamConfigParser.this.env;
			// applyLitestreamEnv copies LITESTREAM_* into AWS_* only where AWS_* is not
			// set at all.
			boolean awsIdSet = env.containsKey("AWS_ACCESS_KEY_ID");
			String envId = emptyToNull(awsIdSet ? env.get("AWS_ACCESS_KEY_ID") : env.get("LITESTREAM_ACCESS_KEY_ID"));
			String envSecret = emptyToNull(env.containsKey("AWS_SECRET_ACCESS_KEY") ? env.get("AWS_SECRET_ACCESS_KEY")
					: env.get("LITESTREAM_SECRET_ACCESS_KEY"));
			if (envId == null || envSecret == null) {
				// The SDK's env provider needs both; otherwise the rest of the default
				// chain decides.
				return null;
			}
			return new S3Credentials(envId, envSecret,
					awsIdSet ? "AWS_ACCESS_KEY_ID env" : "LITESTREAM_ACCESS_KEY_ID env");
		}

		private void checkPlainSecret(Entry e, String dbPath, String replicaName) {
			if (e == null || isNull(e.value) || !(e.value instanceof ScalarNode scalar)
					|| scalar.getValue().isEmpty()) {
				return;
			}
			if (rawLine(line(e.value)).contains("$")) {
				return;
			}
			String where = (replicaName != null) ? " of replica " + replicaName + " of database " + dbPath
					: " at the top level";
			warn(dbPath, replicaName, e.line(), "Line " + e.line() + ": `" + e.key + "`" + where
					+ " is written in plain text in the file; read it from the environment instead (e.g. ${VAR})"
					+ " so it does not end up in version control or images.");
		}

		private List<DbConfig> withDisplayNames(List<DbConfig> dbs) {
			Map<String, Integer> stems = new HashMap<>();
			for (DbConfig db : dbs) {
				stems.merge(stem(db.path()), 1, Integer::sum);
			}
			Map<String, Integer> qualified = new HashMap<>();
			for (DbConfig db : dbs) {
				qualified.merge(qualifiedStem(db.path()), 1, Integer::sum);
			}
			List<DbConfig> named = new ArrayList<>();
			for (DbConfig db : dbs) {
				String name = stem(db.path());
				if (stems.get(name) > 1) {
					String q = qualifiedStem(db.path());
					name = (qualified.get(q) > 1) ? db.path() : q;
				}
				named.add(new DbConfig(db.path(), name, db.metaPath(), db.monitorInterval(), db.checkpointInterval(),
						db.replicas(), db.line()));
			}
			return named;
		}

		private String stem(String path) {
			String file = fileName(path);
			int dot = file.lastIndexOf('.');
			return (dot > 0) ? file.substring(0, dot) : file;
		}

		private String qualifiedStem(String path) {
			Path parent = Path.of(path).getParent();
			Path parentName = (parent != null) ? parent.getFileName() : null;
			return (parentName != null) ? parentName + "/" + stem(path) : stem(path);
		}

		// Litestream's expand(): "~/" is the user's home, everything else filepath.Abs.
		private String expandPath(String p) {
			if (p.equals("~") || p.startsWith("~/")) {
				Path home = Path.of(System.getProperty("user.home"));
				return home.resolve(p.substring(Math.min(2, p.length()))).normalize().toString();
			}
			return LitestreamConfigParser.this.workingDir.resolve(p).normalize().toString();
		}

		private String defaultMetaPath(String dbPath) {
			Path path = Path.of(dbPath);
			Path dir = (path.getParent() != null) ? path.getParent() : path.getRoot();
			return dir.resolve("." + fileName(dbPath) + "-litestream").toString();
		}

		private String fileName(String path) {
			Path name = Path.of(path).getFileName();
			return (name != null) ? name.toString() : path;
		}

		private Map<String, Entry> mapping(Node node, List<String> known, String where, String dbPath,
				String replicaName) {
			if (!(node instanceof MappingNode)) {
				throw error(line(node), "cannot unmarshal " + describe(node) + " into a mapping (" + where + ")");
			}
			Map<String, Entry> result = new LinkedHashMap<>();
			for (Entry e : entries((MappingNode) node)) {
				Entry previous = result.put(e.key, e);
				if (previous != null) {
					warn(dbPath, replicaName, e.line(), "Line " + e.line() + ": key `" + e.key + "` in " + where
							+ " is set twice (first on line " + previous.line() + "); Litestream uses the last value.");
				}
				if (!known.contains(e.key)) {
					reportUnknown(e, known, where, dbPath, replicaName);
				}
			}
			return result;
		}

		private Map<String, Entry> mappingQuiet(Node node) {
			Map<String, Entry> result = new LinkedHashMap<>();
			for (Entry e : entries((MappingNode) node)) {
				result.put(e.key, e);
			}
			return result;
		}

		// Keys in file order, with YAML merge keys ("<<") flattened as yaml.v2 does.
		private List<Entry> entries(MappingNode node) {
			List<Entry> merged = new ArrayList<>();
			List<Entry> own = new ArrayList<>();
			for (NodeTuple tuple : node.getValue()) {
				Node keyNode = tuple.getKeyNode();
				if (keyNode.getTag().equals(Tag.MERGE)) {
					Node value = tuple.getValueNode();
					List<Node> sources = (value instanceof SequenceNode seq) ? seq.getValue() : List.of(value);
					for (Node source : sources) {
						if (source instanceof MappingNode m) {
							merged.addAll(entries(m));
						}
					}
					continue;
				}
				if (!(keyNode instanceof ScalarNode scalar)) {
					throw error(line(keyNode), "cannot unmarshal " + describe(keyNode) + " into a key");
				}
				own.add(new Entry(scalar.getValue(), keyNode, tuple.getValueNode()));
			}
			if (merged.isEmpty()) {
				return own;
			}
			Set<String> ownKeys = new HashSet<>();
			own.forEach((e) -> ownKeys.add(e.key));
			List<Entry> result = new ArrayList<>();
			Set<String> seen = new HashSet<>();
			for (Entry e : merged) {
				if (!ownKeys.contains(e.key) && seen.add(e.key)) {
					result.add(e);
				}
			}
			result.addAll(own);
			return result;
		}

		private void reportUnknown(Entry e, List<String> known, String where, String dbPath, String replicaName) {
			if (e.key.equals("replica") && known == DB_KEYS) {
				return; // reported as CRITICAL once the replicas are known
			}
			if (known == TOP_KEYS && TOP_KEYS_05.containsKey(e.key)) {
				return;
			}
			if (known == DB_KEYS && DB_KEYS_05.contains(e.key)) {
				return;
			}
			String suggestion = suggest(e.key, known);
			warn(dbPath, replicaName, e.line(),
					"Line " + e.line() + ": unknown key `" + e.key + "` in " + where
							+ "; Litestream 0.3.13 silently ignores it"
							+ ((suggestion != null) ? " (did you mean " + suggestion + "?)" : "") + ".");
		}

		private Duration duration(Entry e, Duration defaultValue, String dbPath, String replicaName) {
			if (e == null || isNull(e.value)) {
				return defaultValue;
			}
			if (!(e.value instanceof ScalarNode scalar)) {
				throw error(line(e.value), "cannot unmarshal " + describe(e.value) + " into time.Duration");
			}
			Tag tag = scalar.getTag();
			if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
				long nanos;
				try {
					nanos = tag.equals(Tag.INT) ? yamlInt(scalar.getValue())
							: (long) Double.parseDouble(scalar.getValue().replace("_", ""));
				}
				catch (NumberFormatException ex) {
					throw error(line(scalar), "cannot unmarshal " + describe(scalar) + " into time.Duration");
				}
				Duration d = Duration.ofNanos(nanos);
				if (nanos != 0) {
					warn(dbPath, replicaName, e.line(),
							"Line " + e.line() + ": `" + e.key + ": " + scalar.getValue()
									+ "` has no unit, so Litestream reads it as nanoseconds: " + GoDuration.format(d)
									+ ". Write a unit, e.g. \"" + scalar.getValue() + "s\" if seconds were meant.");
				}
				return d;
			}
			if (tag.equals(Tag.STR)) {
				try {
					return GoDuration.parse(scalar.getValue());
				}
				catch (IllegalArgumentException ex) {
					// fall through to yaml.v2's wording
				}
			}
			throw error(line(scalar), "cannot unmarshal " + describe(scalar) + " into time.Duration");
		}

		private Boolean bool(Entry e) {
			if (e == null || isNull(e.value)) {
				return null;
			}
			if (e.value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
				return Set.of("yes", "true", "on").contains(scalar.getValue().toLowerCase(Locale.ROOT));
			}
			throw error(line(e.value), "cannot unmarshal " + describe(e.value) + " into bool");
		}

		private Long integer(Entry e) {
			if (e == null || isNull(e.value)) {
				return null;
			}
			if (e.value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
				try {
					return yamlInt(scalar.getValue());
				}
				catch (NumberFormatException ex) {
					// fall through
				}
			}
			throw error(line(e.value), "cannot unmarshal " + describe(e.value) + " into int");
		}

		// yaml.v2 decodes any scalar into a string field with its text; collections are
		// errors.
		private String str(Entry e) {
			if (e == null || isNull(e.value)) {
				return null;
			}
			if (e.value instanceof ScalarNode scalar) {
				return scalar.getValue();
			}
			throw error(line(e.value), "cannot unmarshal " + describe(e.value) + " into string");
		}

		private String rawLine(int line) {
			return (line >= 1 && line <= this.rawLines.length) ? this.rawLines[line - 1] : "";
		}

		private void warn(String dbPath, String replicaName, int line, String message) {
			this.issues.add(new ConfigIssue(FindingCode.CONFIG_SUSPICIOUS, Severity.WARNING, dbPath, replicaName, line,
					message));
		}

		private ConfigParseException error(int line, String reason) {
			return new ConfigParseException(this.source, line, reason);
		}

	}

	private record Entry(String key, Node keyNode, Node value) {

		int line() {
			return LitestreamConfigParser.line(this.keyNode);
		}

	}

	private record Globals(String accessKeyId, String secretAccessKey) {

		Globals {
			accessKeyId = emptyToNull(accessKeyId);
			secretAccessKey = emptyToNull(secretAccessKey);
		}

		@Override
		public String toString() {
			return "Globals[]";
		}

	}

	static String suggest(String key, List<String> known) {
		String normalized = key.toLowerCase(Locale.ROOT).replace('_', '-');
		if (known.contains(normalized)) {
			return normalized;
		}
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : known) {
			int d = editDistance(normalized, candidate);
			if (d < bestDistance) {
				best = candidate;
				bestDistance = d;
			}
		}
		int allowed = Math.max(1, Math.min(2, normalized.length() / 4));
		return (bestDistance <= allowed) ? best : null;
	}

	// Optimal string alignment distance: a swapped pair of letters ("levle") counts as
	// one edit.
	static int editDistance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

	static long yamlInt(String text) {
		String s = text.replace("_", "");
		boolean negative = s.startsWith("-");
		if (s.startsWith("-") || s.startsWith("+")) {
			s = s.substring(1);
		}
		long value;
		if (s.startsWith("0x")) {
			value = Long.parseLong(s.substring(2), 16);
		}
		else if (s.startsWith("0b")) {
			value = Long.parseLong(s.substring(2), 2);
		}
		else if (s.startsWith("0o")) {
			value = Long.parseLong(s.substring(2), 8);
		}
		else if (s.contains(":")) {
			value = 0;
			for (String part : s.split(":")) {
				value = value * 60 + Long.parseLong(part);
			}
		}
		else if (s.length() > 1 && s.startsWith("0")) {
			value = Long.parseLong(s.substring(1), 8);
		}
		else {
			value = Long.parseLong(s);
		}
		return negative ? -value : value;
	}

	private static boolean hasPort(String hostPort) {
		int colon = hostPort.lastIndexOf(':');
		return colon >= 0 && colon < hostPort.length() - 1;
	}

	private static boolean isNull(Node node) {
		return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
	}

	private static int line(Node node) {
		return node.getStartMark().getLine() + 1;
	}

	// yaml.v2's wording: scalars show their value, collections only their kind.
	private static String describe(Node node) {
		String tag = node.getTag().getValue();
		String shortTag = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
		if (node instanceof ScalarNode scalar) {
			return shortTag + " `" + scalar.getValue() + "`";
		}
		return shortTag;
	}

	private static String emptyToNull(String s) {
		return (s == null || s.isEmpty()) ? null : s;
	}

	private static String nonNull(String preferred, String fallback) {
		return (preferred != null) ? preferred : fallback;
	}

}
