package io.litewatch.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.litewatch.health.HealthStatus;
import io.litewatch.system.EpochMillis;

/**
 * The pages' reads of the history, grouped in SQL: a refresh reads a number of rows
 * bounded by the slots asked for and the gaps and changes that happened, not one row per
 * poll (30 days of 15 s polls are 172,800 rows per replica). The SQL runs unchanged on
 * SQLite and PostgreSQL: integer division of BIGINTs truncates on both, and both have
 * window functions.
 */
public class HistorySeries {

	/**
	 * Per slot: its samples' span, each value's highest (null when none could tell) and
	 * how many polls could not tell. Over a subquery's {@code slot} column, because
	 * PostgreSQL does not see {@code (checked_at - ?) / ?} in SELECT and in GROUP BY as
	 * the same expression (each {@code ?} is its own parameter).
	 */
	private static final String SLOTS = "SELECT database_name, replica_name, slot, COUNT(*) AS samples, "
			+ "MIN(checked_at) AS first_at, MAX(checked_at) AS last_at, MAX(lag_seconds) AS lag_max, "
			+ "MAX(snapshot_age_seconds) AS snapshot_age_max, "
			+ "SUM(CASE WHEN lag_seconds IS NULL THEN 1 ELSE 0 END) AS lag_unknown, "
			+ "SUM(CASE WHEN snapshot_age_seconds IS NULL THEN 1 ELSE 0 END) AS snapshot_age_unknown "
			+ "FROM (SELECT database_name, replica_name, checked_at, lag_seconds, snapshot_age_seconds, "
			+ "(checked_at - :from) / :slotMs AS slot FROM replica_sample WHERE %s checked_at >= :from "
			+ "AND checked_at <= :to) sampled GROUP BY database_name, replica_name, slot "
			+ "ORDER BY database_name, replica_name, slot";

	/** Only the pairs of consecutive samples further apart than the gap. */
	private static final String GAPS = "SELECT database_name, replica_name, previous_at, checked_at FROM "
			+ "(SELECT database_name, replica_name, checked_at, LAG(checked_at) OVER "
			+ "(PARTITION BY database_name, replica_name ORDER BY checked_at) AS previous_at FROM replica_sample "
			+ "WHERE %s checked_at >= :from AND checked_at <= :to) paired WHERE checked_at - previous_at > :gapMs "
			+ "ORDER BY database_name, replica_name, checked_at";

	private static final String ONE_REPLICA = "database_name = :database AND replica_name = :replica AND";

	private final JdbcClient jdbc;

	public HistorySeries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One replica's samples in {@code [from, to]} grouped in slots of {@code slot},
	 * oldest first; slots without a sample are not returned.
	 */
	public List<ReplicaSlot> replicaSlots(String database, String replica, Instant from, Instant to, Duration slot) {
		return jdbc.sql(SLOTS.formatted(ONE_REPLICA))
			.param("database", database)
			.param("replica", replica)
			.params(range(from, to))
			.param("slotMs", positive(slot))
			.query(HistorySeries::slot)
			.list();
	}

	/**
	 * Every replica's samples in {@code [from, to]}, grouped as {@link #replicaSlots}, by
	 * database, replica and slot: one query for the overview.
	 */
	public List<ReplicaSlot> allReplicaSlots(Instant from, Instant to, Duration slot) {
		return jdbc.sql(SLOTS.formatted(""))
			.params(range(from, to))
			.param("slotMs", positive(slot))
			.query(HistorySeries::slot)
			.list();
	}

	/**
	 * The silences longer than {@code gap} between one replica's consecutive samples in
	 * {@code [from, to]}, oldest first. Before the first sample and after the last is the
	 * caller's to judge: the slots carry those instants.
	 */
	public List<SampleGap> replicaGaps(String database, String replica, Instant from, Instant to, Duration gap) {
		return jdbc.sql(GAPS.formatted(ONE_REPLICA))
			.param("database", database)
			.param("replica", replica)
			.params(range(from, to))
			.param("gapMs", gap.toMillis())
			.query(HistorySeries::gap)
			.list();
	}

	/** Every replica's silences, as {@link #replicaGaps}, by database and replica. */
	public List<SampleGap> allReplicaGaps(Instant from, Instant to, Duration gap) {
		return jdbc.sql(GAPS.formatted(""))
			.params(range(from, to))
			.param("gapMs", gap.toMillis())
			.query(HistorySeries::gap)
			.list();
	}

	/**
	 * The newest {@code limit} rows of one database since {@code from} where something
	 * began (see {@link StatusChange}), oldest first. The newest sample always comes
	 * along: it tells how long the last state has lasted and whether it still holds.
	 */
	public List<StatusChange> statusChanges(String database, Instant from, Duration gap, int limit) {
		List<StatusChange> newestFirst = jdbc
			.sql("SELECT checked_at, status, previous_at, CASE WHEN checked_at - previous_at > :gapMs THEN 1 ELSE 0 "
					+ "END AS after_gap FROM (SELECT checked_at, status, "
					+ "LAG(checked_at) OVER (ORDER BY checked_at) AS previous_at, "
					+ "LAG(status) OVER (ORDER BY checked_at) AS previous_status FROM database_sample "
					+ "WHERE database_name = :database AND checked_at >= :from) paired "
					+ "WHERE previous_at IS NULL OR status <> previous_status OR checked_at - previous_at > :gapMs "
					// The newest by an index seek: a LEAD() window costs SQLite as much
					// again.
					+ "OR checked_at = (SELECT MAX(checked_at) FROM database_sample WHERE database_name = :database) "
					+ "ORDER BY checked_at DESC LIMIT :limit")
			.param("database", database)
			.param("from", from.toEpochMilli())
			.param("gapMs", gap.toMillis())
			.param("limit", limit)
			.query((rs, row) -> new StatusChange(EpochMillis.read(rs, "checked_at"),
					HealthStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
					EpochMillis.read(rs, "previous_at"), rs.getInt("after_gap") == 1))
			.list();
		List<StatusChange> oldestFirst = new ArrayList<>(newestFirst);
		Collections.reverse(oldestFirst);
		return List.copyOf(oldestFirst);
	}

	private static Map<String, Object> range(Instant from, Instant to) {
		return Map.of("from", from.toEpochMilli(), "to", to.toEpochMilli());
	}

	private static long positive(Duration slot) {
		if (slot.toMillis() < 1) {
			throw new IllegalArgumentException("a slot must be at least 1 ms: " + slot);
		}
		return slot.toMillis();
	}

	private static ReplicaSlot slot(ResultSet rs, int row) throws SQLException {
		return new ReplicaSlot(rs.getString("database_name"), rs.getString("replica_name"), rs.getLong("slot"),
				EpochMillis.read(rs, "first_at"), EpochMillis.read(rs, "last_at"), rs.getInt("samples"),
				duration(rs, "lag_max"), duration(rs, "snapshot_age_max"), rs.getInt("lag_unknown"),
				rs.getInt("snapshot_age_unknown"));
	}

	private static SampleGap gap(ResultSet rs, int row) throws SQLException {
		return new SampleGap(rs.getString("database_name"), rs.getString("replica_name"),
				EpochMillis.read(rs, "previous_at"), EpochMillis.read(rs, "checked_at"));
	}

	private static Duration duration(ResultSet rs, String column) throws SQLException {
		double seconds = rs.getDouble(column);
		return rs.wasNull() ? null : Duration.ofMillis(Math.round(seconds * 1000));
	}

}
