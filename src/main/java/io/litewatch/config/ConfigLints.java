package io.litewatch.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.litewatch.health.FindingCode;
import io.litewatch.health.Severity;
import io.litewatch.time.GoDuration;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * What Litestream 0.3.13 accepts silently but probably isn't what the user meant, because
 * that is where backups quietly stop happening. One instance per parse: it collects the
 * issues of one file. No message quotes a secret value.
 */
final class ConfigLints {

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

	// Replica keys of 0.3 that 0.5 still parses without a word but no longer reads (its
	// replica struct dropped them): the 0.5 counterpart of the classic silent
	// misconfiguration.
	private static final Map<String, String> REPLICA_KEYS_03 = Map.of("retention",
			"snapshots are kept for the top-level `snapshot.retention`", "snapshot-interval",
			"snapshots are taken every top-level `snapshot.interval`", "retention-check-interval",
			"retention is enforced after each snapshot");

	private static final Set<String> LOG_LEVELS = Set.of("DEBUG", "INFO", "WARN", "WARNING", "ERROR");

	private static final Set<String> LOG_TYPES = Set.of("json", "text");

	private final String[] rawLines;

	private final List<ConfigIssue> issues = new ArrayList<>();

	/**
	 * @param raw the file as written, before env expansion
	 */
	ConfigLints(String raw) {
		this.rawLines = raw.split("\r?\n", -1);
	}

	/**
	 * The issues found so far in file order, which reads best on the page whatever order
	 * the checks ran in.
	 */
	List<ConfigIssue> issues() {
		List<ConfigIssue> sorted = new ArrayList<>(this.issues);
		sorted.sort(Comparator.comparingInt(ConfigIssue::line));
		return sorted;
	}

	void duplicateKey(YamlEntry e, YamlEntry previous, String where, String dbPath, String replicaName) {
		warn(dbPath, replicaName, e.line(), "Line " + e.line() + ": key `" + e.key() + "` in " + where
				+ " is set twice (first on line " + previous.line() + "); Litestream uses the last value.");
	}

	void unknownKey(YamlEntry e, ConfigSection section, String where, String dbPath, String replicaName) {
		if (section == ConfigSection.DB && (e.key().equals("replica") || DB_KEYS_05.contains(e.key()))) {
			return; // reported by litestream05DbKey and replicaBlock
		}
		if (section == ConfigSection.TOP && TOP_KEYS_05.containsKey(e.key())) {
			return; // reported by litestream05TopKey
		}
		if (section == ConfigSection.REPLICA_05 && REPLICA_KEYS_03.containsKey(e.key())) {
			return; // reported by litestream03ReplicaKey
		}
		String suggestion = KeySuggestions.suggest(e.key(), section.keys());
		warn(dbPath, replicaName, e.line(),
				"Line " + e.line() + ": unknown key `" + e.key() + "` in " + where + "; " + section.litestream()
						+ " silently ignores it" + ((suggestion != null) ? " (did you mean " + suggestion + "?)" : "")
						+ ".");
	}

	void litestream05TopKey(YamlEntry e) {
		String why = TOP_KEYS_05.get(e.key());
		if (why != null) {
			warn(null, null, e.line(), "Line " + e.line() + ": top-level key `" + e.key()
					+ "` is Litestream 0.5 syntax that Litestream 0.3.13 ignores, so " + why + ".");
		}
	}

	void litestream05DbKey(YamlEntry e, String dbPath) {
		if (DB_KEYS_05.contains(e.key())) {
			warn(dbPath, null, e.line(), "Line " + e.line() + ": `" + e.key() + "` under database " + dbPath
					+ " is Litestream 0.5 syntax that Litestream 0.3.13 ignores.");
		}
	}

	/** A 0.3 replica key in a file that Litestream 0.5 runs. */
	void litestream03ReplicaKey(YamlEntry e, String dbPath, String replicaName, String effective) {
		String why = REPLICA_KEYS_03.get(e.key());
		if (why != null) {
			warn(dbPath, replicaName, e.line(),
					"Line " + e.line() + ": `" + e.key() + "` under the replica of database " + dbPath
							+ " is Litestream 0.3 syntax that Litestream 0.5 silently ignores: " + why + " ("
							+ effective + "). Move it to the top-level `snapshot:` block.");
		}
	}

	/** Databases found by directory discovery, which Litewatch does not enumerate. */
	void directoryDatabases(YamlEntry e, String dir) {
		warn(dir, null, e.line(),
				"Line " + e.line() + ": database entry `dir: " + dir + "` lets Litestream 0.5 discover databases by"
						+ " `pattern`; Litewatch does not list that directory yet, so those databases are not watched."
						+ " Give each one its own `path:` entry to watch it.");
	}

	void replicaBlock(YamlEntry e, String dbPath, boolean noOtherReplica) {
		this.issues.add(new ConfigIssue(FindingCode.CONFIG_SUSPICIOUS, Severity.CRITICAL, dbPath, null, e.line(),
				"Line " + e.line() + ": `replica:` under database " + dbPath
						+ " is Litestream 0.5 syntax; Litestream 0.3.13 ignores it, so this replica does not exist"
						+ (noOtherReplica ? " and the database is not backed up at all" : "")
						+ ". Use a `replicas:` list instead."));
	}

	void noReplica(int line, String dbPath) {
		this.issues.add(new ConfigIssue(FindingCode.NO_REPLICA, Severity.CRITICAL, dbPath, null, line,
				"Line " + line + ": database " + dbPath + " has no replicas, so Litestream does not back it up."));
	}

	void loggingLevel(YamlEntry e, String level) {
		if (level != null && !level.isEmpty() && !LOG_LEVELS.contains(level.toUpperCase(Locale.ROOT))) {
			warn(null, null, e.line(), "Line " + e.line() + ": logging.level `" + level
					+ "` is not one of debug, info, warn, error; Litestream silently logs at info.");
		}
	}

	void loggingType(YamlEntry e, String type) {
		if (type != null && !type.isEmpty() && !LOG_TYPES.contains(type)) {
			warn(null, null, e.line(), "Line " + e.line() + ": logging.type `" + type
					+ "` is neither json nor text; Litestream silently logs as text.");
		}
	}

	/** A bare number as a duration: Go reads it as nanoseconds, rarely what was meant. */
	void unitlessDuration(YamlEntry e, Duration value, String dbPath, String replicaName) {
		if (e != null && e.value() instanceof ScalarNode scalar && YamlScalars.isNumber(scalar) && !value.isZero()) {
			warn(dbPath, replicaName, e.line(),
					"Line " + e.line() + ": `" + e.key() + ": " + scalar.getValue()
							+ "` has no unit, so Litestream reads it as nanoseconds: " + GoDuration.format(value)
							+ ". Write a unit, e.g. \"" + scalar.getValue() + "s\" if seconds were meant.");
		}
	}

	void monitorInterval(YamlEntry e, Duration monitor, String dbPath) {
		if (!GoDuration.positive(monitor)) {
			warn(dbPath, null, e.line(),
					"Line " + e.line() + ": monitor-interval of database " + dbPath + " is "
							+ GoDuration.format(monitor)
							+ ", which turns off Litestream's WAL monitoring, so changes are not replicated.");
		}
	}

	void retentionDisabled(YamlEntry e, Duration retention, String dbPath, String replicaName) {
		warn(dbPath, replicaName, e.line(), "Line " + e.line() + ": retention of replica " + replicaName
				+ " of database " + dbPath + " is " + GoDuration.format(retention)
				+ ", which disables retention: old generations are never deleted and the bucket grows forever.");
	}

	void snapshotLongerThanRetention(YamlEntry e, Duration snapshot, Duration retention, String dbPath,
			String replicaName) {
		if (snapshot.compareTo(retention) > 0) {
			warn(dbPath, replicaName, e.line(),
					"Line " + e.line() + ": snapshot-interval of replica " + replicaName + " of database " + dbPath
							+ " (" + GoDuration.format(snapshot) + ") is longer than its retention ("
							+ GoDuration.format(retention)
							+ "), so scheduled snapshots do not always fall inside the retention window;"
							+ " Litestream's retention check then takes extra full snapshots itself.");
		}
	}

	/** A secret written in the file rather than taken from the environment. */
	void plainSecret(YamlEntry e, String dbPath, String replicaName) {
		if (e == null || YamlScalars.isNull(e.value()) || !(e.value() instanceof ScalarNode scalar)
				|| scalar.getValue().isEmpty() || fromEnv(e.line())) {
			return;
		}
		String where = (replicaName != null) ? " of replica " + replicaName + " of database " + dbPath
				: " at the top level";
		warn(dbPath, replicaName, e.line(),
				"Line " + e.line() + ": `" + e.key() + "`" + where
						+ " is written in plain text in the file; read it from the environment instead (e.g. ${VAR})"
						+ " so it does not end up in version control or images.");
	}

	void plainUrlPassword(YamlEntry e, String dbPath, String replicaName) {
		if (!fromEnv(e.line())) {
			warn(dbPath, replicaName, e.line(),
					"Line " + e.line() + ": the url of replica " + replicaName + " of database " + dbPath
							+ " contains a password in plain text; read it from the environment" + " instead.");
		}
	}

	void plainAgeIdentity(int line, String dbPath, String replicaName) {
		if (!fromEnv(line)) {
			warn(dbPath, replicaName, line,
					"Line " + line + ": an age identity (a private key)" + " of replica " + replicaName
							+ " is written in plain text in the file;" + " read it from the environment instead.");
		}
	}

	// Secrets are checked on the raw line: after expansion a ${VAR} looks like plain
	// text.
	private boolean fromEnv(int line) {
		String raw = (line >= 1 && line <= this.rawLines.length) ? this.rawLines[line - 1] : "";
		return raw.contains("$");
	}

	private void warn(String dbPath, String replicaName, int line, String message) {
		this.issues
			.add(new ConfigIssue(FindingCode.CONFIG_SUSPICIOUS, Severity.WARNING, dbPath, replicaName, line, message));
	}

}
