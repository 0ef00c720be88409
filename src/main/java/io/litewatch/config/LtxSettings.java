package io.litewatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What Litestream 0.5 does with every replica of a file, from its top level: when it
 * takes a snapshot (level 9) and how long it keeps them, how often each compaction level
 * runs, and how long level-0 files outlive their compaction.
 *
 * @param snapshotInterval {@code snapshot.interval}, default 24h
 * @param snapshotRetention {@code snapshot.retention}, default 24h
 * @param levelIntervals the interval of L1, L2, … in order ({@code levels:}, default 30s,
 * 5m, 1h); L0 has none (it is written by every sync that changed the database)
 * @param l0Retention {@code l0-retention}, default 5m; zero keeps none past compaction
 * @param retentionEnabled {@code retention.enabled}, default true; false leaves every
 * file in the bucket (a lifecycle rule is then meant to remove them)
 * @param lines the 1-based line of each key the file sets itself
 * ({@code snapshot.interval}, {@code snapshot.retention}, {@code levels},
 * {@code l0-retention}, {@code retention.enabled})
 */
public record LtxSettings(Duration snapshotInterval, Duration snapshotRetention, List<Duration> levelIntervals,
		Duration l0Retention, boolean retentionEnabled, Map<String, Integer> lines) {

	public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofHours(24);

	public static final Duration DEFAULT_SNAPSHOT_RETENTION = Duration.ofHours(24);

	public static final List<Duration> DEFAULT_LEVELS = List.of(Duration.ofSeconds(30), Duration.ofMinutes(5),
			Duration.ofHours(1));

	public static final Duration DEFAULT_L0_RETENTION = Duration.ofMinutes(5);

	/** Level 9: full snapshots, always starting at TXID 1. */
	public static final int SNAPSHOT_LEVEL = 9;

	public LtxSettings {
		levelIntervals = List.copyOf(levelIntervals);
		lines = lines == null ? Map.of() : Map.copyOf(lines);
	}

	public static LtxSettings defaults() {
		return new LtxSettings(DEFAULT_SNAPSHOT_INTERVAL, DEFAULT_SNAPSHOT_RETENTION, DEFAULT_LEVELS,
				DEFAULT_L0_RETENTION, true, Map.of());
	}

	/** The highest compaction level below the snapshots (3 with the defaults). */
	public int topLevel() {
		return this.levelIntervals.size();
	}

	/**
	 * How often {@code level} (1..{@link #topLevel()}) is compacted; null for L0 and L9.
	 */
	public Duration levelInterval(int level) {
		return (level >= 1 && level <= this.levelIntervals.size()) ? this.levelIntervals.get(level - 1) : null;
	}

	public OptionalInt line(String key) {
		Integer at = this.lines.get(key);
		return at == null ? OptionalInt.empty() : OptionalInt.of(at);
	}

}
