package io.litewatch.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.time.GoDuration;
import io.litewatch.time.HumanDuration;

/**
 * One threshold in force for a replica and where it comes from. The config model holds
 * effective values only (Litestream's defaults already applied), so the source names the
 * replica's entry in {@code litestream.yml} and, when the value equals Litestream's
 * default, says it may be that default.
 *
 * @param setting "sync-interval"
 * @param value "1s"
 * @param source "litestream.yml line 12 (the replica's entry) · Litestream's default 1s"
 * @param warning "warning above 13 s", or null when the setting makes no limit
 * @param critical "critical above 20 s", or null
 * @param rule how Litewatch's factors make the limits: "3 × sync-interval + 10 s"
 */
public record ThresholdRow(String setting, String value, String source, String warning, String critical, String rule) {

	static List<ThresholdRow> of(ReplicaConfig c, LitewatchProperties.Health h) {
		List<ThresholdRow> rows = new ArrayList<>();
		Duration sync = c.syncInterval();
		rows.add(new ThresholdRow("sync-interval", HumanDuration.compact(sync), source(c, sync, Duration.ofSeconds(1)),
				"warning above " + HumanDuration.spoken(scaled(sync, h.lagWarningFactor()).plus(h.lagGrace())),
				"critical above " + HumanDuration.spoken(scaled(sync, h.lagCriticalFactor()).plus(h.lagGrace())),
				"lag: " + factor(h.lagWarningFactor()) + " / " + factor(h.lagCriticalFactor()) + " × sync-interval + "
						+ HumanDuration.spoken(h.lagGrace())
						+ " (litewatch.health.lag-warning-factor, lag-critical-factor, lag-grace)"));
		Duration spacing = c.expectedSnapshotSpacing();
		String basis = GoDuration.positive(c.snapshotInterval()) ? "snapshot-interval"
				: "retention + retention-check-interval";
		rows.add(new ThresholdRow("snapshot-interval",
				GoDuration.positive(c.snapshotInterval()) ? HumanDuration.compact(c.snapshotInterval()) : "off",
				source(c, c.snapshotInterval(), Duration.ZERO),
				spacing == null ? null
						: "warning above " + HumanDuration
							.spoken(scaled(spacing, h.snapshotWarningFactor()).plus(h.snapshotGrace())),
				spacing == null ? null
						: "critical above " + HumanDuration
							.spoken(scaled(spacing, h.snapshotCriticalFactor()).plus(h.snapshotGrace())),
				spacing == null ? "snapshot age: no limit (no snapshot-interval and retention off)"
						: "snapshot age: " + factor(h.snapshotWarningFactor()) + " / "
								+ factor(h.snapshotCriticalFactor()) + " × " + basis + " ("
								+ HumanDuration.spoken(spacing) + ") + " + HumanDuration.spoken(h.snapshotGrace())
								+ " (litewatch.health.snapshot-warning-factor, snapshot-critical-factor, "
								+ "snapshot-grace)"));
		rows.add(new ThresholdRow("retention",
				GoDuration.positive(c.retention()) ? HumanDuration.compact(c.retention()) : "off",
				source(c, c.retention(), Duration.ofHours(24)), null, null,
				"the restore window is measured against it"));
		rows.add(new ThresholdRow("retention-check-interval", HumanDuration.compact(c.retentionCheckInterval()),
				source(c, c.retentionCheckInterval(), Duration.ofHours(1)), null, null,
				"how often Litestream removes what retention no longer keeps"));
		return List.copyOf(rows);
	}

	/**
	 * The replica's line; "or default" only when the value could be Litestream's default
	 * (0.3.13's: sync-interval 1s, snapshot-interval off, retention 24h,
	 * retention-check-interval 1h).
	 */
	private static String source(ReplicaConfig c, Duration value, Duration litestreamDefault) {
		String line = "litestream.yml line " + c.line() + " (the replica's entry)";
		boolean same = value == null ? litestreamDefault.isZero() : value.equals(litestreamDefault);
		return same ? line + ", or Litestream's default "
				+ (litestreamDefault.isZero() ? "(off)" : HumanDuration.compact(litestreamDefault))
				+ " if not set there" : line;
	}

	private static Duration scaled(Duration base, double factor) {
		return Duration.ofNanos((long) (base.toNanos() * factor));
	}

	private static String factor(double f) {
		return f == Math.rint(f) ? String.valueOf((long) f) : String.valueOf(f);
	}

}
