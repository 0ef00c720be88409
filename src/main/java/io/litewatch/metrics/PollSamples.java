package io.litewatch.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Tags;

import io.litewatch.alert.AlertFindings;
import io.litewatch.alert.ObservedFinding;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.DrillObservation;
import io.litewatch.health.DrillObservation.ReplicaDrill;
import io.litewatch.health.FindingCode;
import io.litewatch.health.HealthStatus;
import io.litewatch.health.GenerationState;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.health.Severity;
import io.litewatch.inventory.InventoryFigures;
import io.litewatch.inventory.ReplicaInventory;
import io.litewatch.poll.PollResult;

/**
 * One poll as gauge values: a series per database and replica for each {@link PollGauge},
 * and the count of active findings by code and severity. A figure the poll does not know
 * (no lag yet, no complete inventory) has no series rather than a made-up value.
 */
final class PollSamples {

	static final String DATABASE = "database";

	static final String REPLICA = "replica";

	/**
	 * {@code 0.3}, {@code 0.5} or {@code both}: which Litestream wrote the replica, so
	 * which figures it has.
	 */
	static final String LAYOUT = "layout";

	/** One series: its tags and its value. */
	record Sample(Tags tags, double value) {
	}

	/** A finding code at one severity, the tags of {@code litewatch.findings}. */
	record FindingKey(FindingCode code, Severity severity) {

		Tags tags() {
			return Tags.of("code", code.name(), "severity", severity.name().toLowerCase(Locale.ROOT));
		}

	}

	private PollSamples() {
	}

	static Map<PollGauge, List<Sample>> of(PollResult poll) {
		Map<PollGauge, List<Sample>> samples = new EnumMap<>(PollGauge.class);
		for (PollGauge gauge : PollGauge.values()) {
			samples.put(gauge, new ArrayList<>());
		}
		Set<String> seen = new HashSet<>();
		for (DatabaseStatus db : poll.databases()) {
			if (!seen.add(db.name())) {
				continue;
			}
			samples.get(PollGauge.DATABASE_STATUS).add(new Sample(Tags.of(DATABASE, db.name()), level(db.status())));
			if (db.drills() != null) {
				addDrills(samples, db.name(), db.drills());
			}
			Set<String> replicas = new HashSet<>();
			for (ReplicaStatus replica : db.replicas()) {
				// Two replicas of one database with one name would be one series;
				// Litestream
				// refuses such a config, and the first stands for both here.
				if (replicas.add(replica.name())) {
					addReplica(samples, Tags.of(DATABASE, db.name(), REPLICA, replica.name(), LAYOUT, replica.layout()),
							replica);
				}
			}
		}
		return samples;
	}

	private static void addReplica(Map<PollGauge, List<Sample>> samples, Tags tags, ReplicaStatus r) {
		put(samples, PollGauge.REPLICA_STATUS, tags, level(r.status()));
		GenerationState generations = r.generations();
		put(samples, PollGauge.REPLICA_LAG, tags, seconds(r.freshness().lag()));
		put(samples, PollGauge.REPLICA_SNAPSHOT_AGE, tags, seconds(r.snapshots().newestAge()));
		put(samples, PollGauge.REPLICA_RESTORE_WINDOW, tags, seconds(r.restoreWindow()));
		put(samples, PollGauge.REPLICA_GENERATIONS, tags, generations != null ? (double) generations.count() : 0.0);
		put(samples, PollGauge.REPLICA_SNAPSHOTS, tags, (double) r.snapshots().count());
		put(samples, PollGauge.REPLICA_WAL_SEGMENTS, tags,
				generations != null ? (double) generations.walSegmentCount() : 0.0);
		put(samples, PollGauge.REPLICA_WAL_SIZE, tags, generations != null ? (double) generations.walBytes() : 0.0);
		put(samples, PollGauge.REPLICA_S3_REQUESTS, tags, r.s3Requests() == null ? null : r.s3Requests().doubleValue());
		ReplicaInventory inventory = r.inventory();
		if (inventory == null) {
			return;
		}
		InventoryFigures figures = inventory.figures();
		if (figures != null) {
			put(samples, PollGauge.INVENTORY_WAL_SEGMENTS, tags, (double) figures.walSegments());
			put(samples, PollGauge.INVENTORY_WAL_SIZE, tags, (double) figures.walBytes());
			put(samples, PollGauge.INVENTORY_WAL_GAPS, tags,
					(double) figures.generations().stream().mapToLong((g) -> g.gapCount()).sum());
		}
		if (inventory.pass() != null) {
			put(samples, PollGauge.INVENTORY_PROGRESS, tags, inventory.progress());
		}
	}

	/**
	 * The newest drill of each replica, whatever its outcome, as {@code /api/status} has
	 * it.
	 */
	private static void addDrills(Map<PollGauge, List<Sample>> samples, String database, DrillObservation drills) {
		put(samples, PollGauge.DRILL_LAST_PASSED, Tags.of(DATABASE, database), epochSeconds(drills.lastPassed()));
		Set<String> replicas = new HashSet<>();
		for (ReplicaDrill drill : drills.newest()) {
			if (!replicas.add(drill.replica())) {
				continue;
			}
			Tags tags = Tags.of(DATABASE, database, REPLICA, drill.replica());
			put(samples, PollGauge.DRILL_OUTCOME, tags, outcome(drill.outcome()));
			put(samples, PollGauge.DRILL_POINT_OUTCOME, tags, outcome(drill.pointOutcome()));
			put(samples, PollGauge.DRILL_STARTED, tags, epochSeconds(drill.startedAt()));
			put(samples, PollGauge.DRILL_DURATION, tags, seconds(drill.took()));
			put(samples, PollGauge.DRILL_RESTORED_SIZE, tags, (double) drill.restoredBytes());
			put(samples, PollGauge.DRILL_RPO, tags, seconds(drill.achievedRpo()));
		}
	}

	/**
	 * 0 passed, 1 refused, 2 failed: the scale of the states, so one alert rule fits
	 * both.
	 */
	static Double outcome(String outcome) {
		if (outcome == null) {
			return null;
		}
		return switch (outcome) {
			case "PASSED" -> 0.0;
			case "REFUSED" -> 1.0;
			default -> 2.0;
		};
	}

	private static Double epochSeconds(Instant instant) {
		return instant == null ? null : instant.toEpochMilli() / 1000.0;
	}

	private static void put(Map<PollGauge, List<Sample>> samples, PollGauge gauge, Tags tags, Double value) {
		if (value != null) {
			samples.get(gauge).add(new Sample(tags, value));
		}
	}

	/**
	 * Active findings by code and severity, counted as the alerting counts them: held
	 * findings (explained by a cause that is itself counted) are left out. Every code and
	 * severity has an entry, zero when absent, so a query sees 0 rather than nothing.
	 */
	static Map<FindingKey, Integer> findingCounts(PollResult poll) {
		Map<FindingKey, Integer> counts = new LinkedHashMap<>();
		for (FindingKey key : allFindingKeys()) {
			counts.put(key, 0);
		}
		if (poll != null) {
			for (ObservedFinding finding : AlertFindings.of(poll)) {
				counts.merge(new FindingKey(finding.code(), finding.severity()), 1, Integer::sum);
			}
		}
		return counts;
	}

	static List<FindingKey> allFindingKeys() {
		List<FindingKey> keys = new ArrayList<>();
		for (FindingCode code : FindingCode.values()) {
			for (Severity severity : Severity.values()) {
				keys.add(new FindingKey(code, severity));
			}
		}
		return keys;
	}

	/** 0 ok, 1 warning, 2 critical. */
	static double level(HealthStatus status) {
		return switch (status) {
			case OK -> 0;
			case WARNING -> 1;
			case CRITICAL -> 2;
		};
	}

	/** Seconds with millisecond precision, as {@code /api/status} writes them. */
	static Double seconds(Duration duration) {
		return duration == null ? null : duration.toMillis() / 1000.0;
	}

}
