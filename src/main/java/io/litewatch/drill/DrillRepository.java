package io.litewatch.drill;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.litewatch.drill.DrillRecord.PointInTime;
import io.litewatch.drill.DrillRecord.Trigger;
import io.litewatch.drill.DrillResult.NewestRow;
import io.litewatch.drill.DrillResult.Outcome;
import io.litewatch.system.EpochMillis;

/** The {@code drill} table (see V5__drills.sql, V6): the drills' evidence. */
public class DrillRepository {

	private static final TypeReference<LinkedHashMap<String, Long>> COUNTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public DrillRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public void insert(DrillRecord drill) {
		DrillResult r = drill.latest();
		PointInTime pit = drill.pointInTime();
		jdbc.sql("""
				INSERT INTO drill (id, database_name, replica_name, started_at, took_ms, trigger_kind, outcome,
				    restored_bytes, integrity, row_counts, generation, restored_up_to, achieved_rpo_ms, message,
				    litestream_output, pit_target, pit_outcome, pit_took_ms, pit_message, newest_row_at,
				    newest_row_column)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(drill.id(), r.database(), r.replica(), EpochMillis.of(r.startedAt()), r.took().toMillis(),
					drill.trigger().name(), r.outcome().name(), r.restoredBytes(), r.integrity(),
					json.writeValueAsString(r.rowCounts()), r.generation(), EpochMillis.of(drill.restoredUpTo()),
					drill.achievedRpo() != null ? drill.achievedRpo().toMillis() : null, r.message(),
					r.litestreamOutput(), pit != null ? EpochMillis.of(pit.target()) : null,
					pit != null ? pit.outcome().name() : null, pit != null ? pit.took().toMillis() : null,
					pit != null ? pit.message() : null,
					r.newestRow() != null ? EpochMillis.of(r.newestRow().at()) : null,
					r.newestRow() != null ? r.newestRow().column() : null)
			.update();
	}

	/**
	 * A database's drills that started in {@code [from, to)}, oldest first, at most
	 * {@code limit}.
	 */
	public List<DrillRecord> between(String database, Instant from, Instant to, int limit) {
		return jdbc
			.sql("SELECT * FROM drill WHERE database_name = ? AND started_at >= ? AND started_at < ? "
					+ "ORDER BY started_at, id LIMIT ?")
			.params(database, from.toEpochMilli(), to.toEpochMilli(), limit)
			.query((rs, n) -> read(rs))
			.list();
	}

	/** A database's newest drills, newest first. */
	public List<DrillRecord> recent(String database, int limit) {
		return jdbc.sql("SELECT * FROM drill WHERE database_name = ? ORDER BY started_at DESC, id DESC LIMIT ?")
			.params(database, limit)
			.query((rs, n) -> read(rs))
			.list();
	}

	/** The newest drill of each replica of each database. */
	public List<DrillRecord> newestPerReplica() {
		return jdbc
			.sql("SELECT d.* FROM drill d JOIN (SELECT database_name, replica_name, MAX(started_at) AS at FROM drill "
					+ "GROUP BY database_name, replica_name) m ON d.database_name = m.database_name "
					+ "AND d.replica_name = m.replica_name AND d.started_at = m.at ORDER BY d.database_name, d.id")
			.query((rs, n) -> read(rs))
			.list();
	}

	/**
	 * When each replica of each database last passed a drill (its point-in-time restore
	 * too), by database, then replica.
	 */
	public Map<String, Map<String, Instant>> lastPassedPerReplica() {
		Map<String, Map<String, Instant>> passed = new LinkedHashMap<>();
		jdbc.sql("SELECT database_name, replica_name, MAX(started_at) AS at FROM drill WHERE outcome = 'PASSED' "
				+ "AND (pit_outcome IS NULL OR pit_outcome = 'PASSED') GROUP BY database_name, replica_name "
				+ "ORDER BY database_name, replica_name")
			.query((rs, n) -> {
				passed.computeIfAbsent(rs.getString("database_name"), (k) -> new LinkedHashMap<>())
					.put(rs.getString("replica_name"), Instant.ofEpochMilli(rs.getLong("at")));
				return null;
			})
			.list();
		return passed;
	}

	public Optional<DrillRecord> find(String id) {
		return jdbc.sql("SELECT * FROM drill WHERE id = ?").param(id).query((rs, n) -> read(rs)).optional();
	}

	public int deleteBefore(Instant cutoff) {
		return jdbc.sql("DELETE FROM drill WHERE started_at < ?").param(cutoff.toEpochMilli()).update();
	}

	private static NewestRow newestRow(ResultSet rs) throws SQLException {
		Instant at = EpochMillis.read(rs, "newest_row_at");
		return at != null ? new NewestRow(rs.getString("newest_row_column"), at) : null;
	}

	private DrillRecord read(ResultSet rs) throws SQLException {
		Map<String, Long> counts = json.readValue(rs.getString("row_counts"), COUNTS);
		DrillResult latest = new DrillResult(rs.getString("database_name"), rs.getString("replica_name"),
				EpochMillis.read(rs, "started_at"), Duration.ofMillis(rs.getLong("took_ms")),
				Outcome.valueOf(rs.getString("outcome")), rs.getLong("restored_bytes"), rs.getString("integrity"),
				counts, rs.getString("message"), rs.getString("litestream_output"), rs.getString("generation"),
				newestRow(rs));
		long rpo = rs.getLong("achieved_rpo_ms");
		Duration achieved = rs.wasNull() ? null : Duration.ofMillis(rpo);
		String pitOutcome = rs.getString("pit_outcome");
		PointInTime pit = pitOutcome == null ? null : new PointInTime(EpochMillis.read(rs, "pit_target"),
				Outcome.valueOf(pitOutcome), Duration.ofMillis(rs.getLong("pit_took_ms")), rs.getString("pit_message"));
		return new DrillRecord(rs.getString("id"), Trigger.valueOf(rs.getString("trigger_kind")), latest,
				EpochMillis.read(rs, "restored_up_to"), achieved, pit);
	}

}
