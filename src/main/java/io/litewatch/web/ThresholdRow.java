package io.litewatch.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.config.LtxSettings;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.time.GoDuration;
import io.litewatch.time.HumanDuration;

/**
 * One threshold in force for a replica and where it comes from: the
 * {@code litestream.yml} line that sets it, or Litestream's default when the replica's
 * entry leaves it out.
 *
 * @param setting "sync-interval"
 * @param value "1s"
 * @param source "litestream.yml line 14", or "Litestream's default 1s (not set in the
 * replica's entry, line 12)"
 * @param warning "warning above 13 s", or null when the setting makes no limit
 * @param critical "critical above 20 s", or null
 * @param rule how Litewatch's factors make the limits: "3 × sync-interval + 10 s"
 */
public record ThresholdRow(String setting, String value, String source, String warning, String critical, String rule) {

	static List<ThresholdRow> of(ReplicaConfig c, LitewatchProperties.Health h) {
		List<ThresholdRow> rows = new ArrayList<>();
		Duration sync = c.syncInterval();
		rows.add(new ThresholdRow("sync-interval", HumanDuration.compact(sync), source(c, "sync-interval", "1s"),
				"warning above " + HumanDuration.spoken(h.lagWarning(sync)),
				"critical above " + HumanDuration.spoken(h.lagCritical(sync)),
				"lag: " + factor(h.lagWarningFactor()) + " / " + factor(h.lagCriticalFactor()) + " × sync-interval + "
						+ HumanDuration.spoken(h.lagGrace())
						+ " (litewatch.health.lag-warning-factor, lag-critical-factor, lag-grace)"));
		if (c.ltx() != null) {
			rows.addAll(ltx(c.ltx(), h));
			return List.copyOf(rows);
		}
		Duration spacing = c.expectedSnapshotSpacing();
		String basis = GoDuration.positive(c.snapshotInterval()) ? "snapshot-interval"
				: "retention + retention-check-interval";
		rows.add(new ThresholdRow("snapshot-interval",
				GoDuration.positive(c.snapshotInterval()) ? HumanDuration.compact(c.snapshotInterval()) : "off",
				source(c, "snapshot-interval", "off"),
				spacing == null ? null : "warning above " + HumanDuration.spoken(h.snapshotWarning(spacing)),
				spacing == null ? null : "critical above " + HumanDuration.spoken(h.snapshotCritical(spacing)),
				spacing == null ? "snapshot age: no limit (no snapshot-interval and retention off)"
						: "snapshot age: " + factor(h.snapshotWarningFactor()) + " / "
								+ factor(h.snapshotCriticalFactor()) + " × " + basis + " ("
								+ HumanDuration.spoken(spacing) + ") + " + HumanDuration.spoken(h.snapshotGrace())
								+ " (litewatch.health.snapshot-warning-factor, snapshot-critical-factor, "
								+ "snapshot-grace)"));
		rows.add(new ThresholdRow("retention",
				GoDuration.positive(c.retention()) ? HumanDuration.compact(c.retention()) : "off",
				source(c, "retention", "24h"), null, null, "the restore window is measured against it"));
		rows.add(new ThresholdRow("retention-check-interval", HumanDuration.compact(c.retentionCheckInterval()),
				source(c, "retention-check-interval", "1h") + capped(c), null, null,
				"how often Litestream removes what retention no longer keeps"));
		return List.copyOf(rows);
	}

	/** Litestream 0.5 sets snapshots, retention and compaction once, at the top level. */
	private static List<ThresholdRow> ltx(LtxSettings ltx, LitewatchProperties.Health h) {
		List<ThresholdRow> rows = new ArrayList<>();
		Duration spacing = ltx.snapshotInterval();
		rows.add(new ThresholdRow("snapshot.interval", HumanDuration.compact(spacing),
				top(ltx, "snapshot.interval", "24h"),
				"warning above " + HumanDuration.spoken(h.snapshotWarning(spacing)),
				"critical above " + HumanDuration.spoken(h.snapshotCritical(spacing)),
				"snapshot age, once the database changed after it: " + factor(h.snapshotWarningFactor()) + " / "
						+ factor(h.snapshotCriticalFactor()) + " × snapshot.interval + "
						+ HumanDuration.spoken(h.snapshotGrace())
						+ " (litewatch.health.snapshot-warning-factor, snapshot-critical-factor, snapshot-grace)"));
		rows.add(new ThresholdRow("snapshot.retention", HumanDuration.compact(ltx.snapshotRetention()),
				top(ltx, "snapshot.retention", "24h"), null, null,
				ltx.retentionEnabled() ? "snapshots older than this are removed, the newest always kept"
						: "retention.enabled is false: nothing is removed, a lifecycle rule must do it"));
		for (int level = 1; level <= ltx.topLevel(); level++) {
			Duration interval = ltx.levelInterval(level);
			rows.add(new ThresholdRow("levels[" + (level - 1) + "].interval (L" + level + ")",
					HumanDuration.compact(interval), top(ltx, "levels", "30s, 5m, 1h"),
					"behind after " + HumanDuration.spoken(interval.multipliedBy(2).plusMinutes(1)), null,
					"compaction: input waiting 2 × interval + 1 min"));
		}
		rows.add(new ThresholdRow("l0-retention", HumanDuration.compact(ltx.l0Retention()),
				top(ltx, "l0-retention", "5m"), null, null, "how long level-0 files outlive their compaction"));
		return rows;
	}

	private static String top(LtxSettings ltx, String key, String litestreamDefault) {
		OptionalInt line = ltx.line(key);
		return line.isPresent() ? "litestream.yml line " + line.getAsInt()
				: "Litestream 0.5's default " + litestreamDefault;
	}

	/**
	 * The line that sets the key, or Litestream 0.3.13's default when the replica's entry
	 * does not (sync-interval 1s, snapshot-interval off, retention 24h,
	 * retention-check-interval 1h).
	 */
	private static String source(ReplicaConfig c, String key, String litestreamDefault) {
		OptionalInt line = c.settingLine(key);
		return line.isPresent() ? "litestream.yml line " + line.getAsInt() : "Litestream's default " + litestreamDefault
				+ " (not set in the replica's entry, line " + c.line() + ")";
	}

	/** Litestream checks at least once per retention, whatever the file says. */
	private static String capped(ReplicaConfig c) {
		boolean atRetention = GoDuration.positive(c.retention()) && c.retentionCheckInterval().equals(c.retention());
		if (!atRetention) {
			return "";
		}
		return c.settingLine("retention-check-interval").isPresent() ? ", at most the retention"
				: c.retention().compareTo(Duration.ofHours(1)) < 0 ? ", capped at the retention" : "";
	}

	private static String factor(double f) {
		return f == Math.rint(f) ? String.valueOf((long) f) : String.valueOf(f);
	}

}
