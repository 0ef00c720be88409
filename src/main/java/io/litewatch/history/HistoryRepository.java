package io.litewatch.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.Finding;
import io.litewatch.health.HealthStatus;
import io.litewatch.health.GenerationState;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.poll.PollResult;
import io.litewatch.system.EpochMillis;

/**
 * Reads and writes the history tables of {@code V1__history.sql}. Instants are stored as
 * epoch milliseconds, durations as seconds (see the migration for the conventions).
 */
public class HistoryRepository {

	/**
	 * Children first: no foreign keys today, but the order stays right if some are added.
	 */
	private static final List<String> TABLES = List.of("replica_sample", "database_sample", "poll_run");

	private static final String REPLICA_COLUMNS = "checked_at, database_name, database_path, replica_name, status, "
			+ "lag_seconds, snapshot_age_seconds, restore_window_seconds, snapshot_count, wal_segment_count, "
			+ "wal_bytes, generation, finding_codes";

	/** Polls that were up: every status but critical. */
	private static final String UP_POLLS = "SUM(CASE WHEN status = 'critical' THEN 0 ELSE 1 END)";

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	public HistoryRepository(JdbcClient jdbc, TransactionOperations transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** Stores one poll with all its databases and replicas, all or nothing. */
	public void record(PollResult result) {
		transactions.executeWithoutResult((status) -> insert(result));
	}

	private void insert(PollResult result) {
		long checkedAt = result.checkedAt().toEpochMilli();
		jdbc.sql("INSERT INTO poll_run (checked_at, sequence, status, duration_ms, database_count, finding_codes) "
				+ "VALUES (:checkedAt, :sequence, :status, :durationMs, :databaseCount, :codes)")
			.param("checkedAt", checkedAt)
			.param("sequence", result.sequence())
			.param("status", result.status().label())
			.param("durationMs", result.duration().toMillis())
			.param("databaseCount", result.databases().size())
			.param("codes", codes(result.findings()))
			.update();
		for (DatabaseStatus db : result.databases()) {
			jdbc.sql("INSERT INTO database_sample (checked_at, database_name, database_path, status, replica_count, "
					+ "finding_codes) VALUES (:checkedAt, :database, :path, :status, :replicaCount, :codes)")
				.param("checkedAt", checkedAt)
				.param("database", db.name())
				.param("path", db.path())
				.param("status", db.status().label())
				.param("replicaCount", db.replicas().size())
				.param("codes", codes(db.findings()))
				.update();
			for (ReplicaStatus replica : db.replicas()) {
				GenerationState generations = replica.generations();
				jdbc.sql("INSERT INTO replica_sample (" + REPLICA_COLUMNS + ") VALUES (:checkedAt, :database, :path, "
						+ ":replica, :status, :lag, :snapshotAge, :restoreWindow, :snapshotCount, :walSegmentCount, "
						+ ":walBytes, :generation, :codes)")
					.param("checkedAt", checkedAt)
					.param("database", db.name())
					.param("path", db.path())
					.param("replica", replica.name())
					.param("status", replica.status().label())
					// Typed nulls: PostgreSQL's driver cannot infer the type of an
					// untyped null.
					.param("lag", seconds(replica.freshness().lag()), Types.DOUBLE)
					.param("snapshotAge", seconds(replica.snapshots().newestAge()), Types.DOUBLE)
					.param("restoreWindow", seconds(replica.restoreWindow()), Types.DOUBLE)
					.param("snapshotCount", replica.snapshots().count())
					.param("walSegmentCount", generations != null ? generations.walSegmentCount() : 0L)
					.param("walBytes", generations != null ? generations.walBytes() : 0L)
					.param("generation", generations != null ? generations.current() : null, Types.VARCHAR)
					.param("codes", codes(replica.findings()))
					.update();
			}
		}
	}

	/** One replica's samples taken at or after {@code since}, oldest first. */
	public List<ReplicaSample> replicaSamples(String database, String replica, Instant since) {
		return jdbc
			.sql("SELECT " + REPLICA_COLUMNS + " FROM replica_sample WHERE database_name = :database "
					+ "AND replica_name = :replica AND checked_at >= :since ORDER BY checked_at")
			.param("database", database)
			.param("replica", replica)
			.param("since", since.toEpochMilli())
			.query(HistoryRepository::replicaSample)
			.list();
	}

	/** One database's samples taken at or after {@code since}, oldest first. */
	public List<DatabaseSample> databaseSamples(String database, Instant since) {
		return jdbc.sql("SELECT checked_at, database_name, database_path, status, replica_count, finding_codes "
				+ "FROM database_sample WHERE database_name = :database AND checked_at >= :since ORDER BY checked_at")
			.param("database", database)
			.param("since", since.toEpochMilli())
			.query((rs, row) -> new DatabaseSample(EpochMillis.read(rs, "checked_at"), rs.getString("database_name"),
					rs.getString("database_path"), status(rs), rs.getInt("replica_count"), codes(rs)))
			.list();
	}

	/**
	 * Uptime of one database over the polls at or after {@code since}; empty when it has
	 * none.
	 */
	public Optional<Uptime> uptime(String database, Instant since) {
		return jdbc
			.sql("SELECT database_name, COUNT(*) AS polls, " + UP_POLLS + " AS up_polls FROM database_sample "
					+ "WHERE database_name = :database AND checked_at >= :since GROUP BY database_name")
			.param("database", database)
			.param("since", since.toEpochMilli())
			.query(HistoryRepository::uptime)
			.optional();
	}

	/** Uptime of every database sampled at or after {@code since}, by name. */
	public List<Uptime> uptimes(Instant since) {
		return jdbc
			.sql("SELECT database_name, COUNT(*) AS polls, " + UP_POLLS + " AS up_polls FROM database_sample "
					+ "WHERE checked_at >= :since GROUP BY database_name ORDER BY database_name")
			.param("since", since.toEpochMilli())
			.query(HistoryRepository::uptime)
			.list();
	}

	/** The newest {@code limit} polls, newest first. */
	public List<PollRun> latestRuns(int limit) {
		return jdbc
			.sql("SELECT checked_at, sequence, status, duration_ms, database_count, finding_codes FROM poll_run "
					+ "ORDER BY checked_at DESC LIMIT :limit")
			.param("limit", limit)
			.query((rs, row) -> new PollRun(EpochMillis.read(rs, "checked_at"), rs.getLong("sequence"), status(rs),
					Duration.ofMillis(rs.getLong("duration_ms")), rs.getInt("database_count"), codes(rs)))
			.list();
	}

	/**
	 * Deletes at least {@code batchSize} (or all remaining) rows older than
	 * {@code cutoff} from each history table, oldest first, each table in its own short
	 * statement so the writer lock is released in between. More than {@code batchSize} go
	 * only when several rows share the boundary instant (one poll's rows). Portable:
	 * neither database has a usable DELETE … LIMIT.
	 * @return rows deleted; 0 once nothing older than the cutoff is left
	 */
	public int deleteOlderThan(Instant cutoff, int batchSize) {
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
		}
		long before = cutoff.toEpochMilli();
		int deleted = 0;
		for (String table : TABLES) {
			// Table names come from the constant list above, never from input.
			Optional<Long> boundary = jdbc
				.sql("SELECT checked_at FROM " + table + " WHERE checked_at < :before ORDER BY checked_at "
						+ "LIMIT 1 OFFSET :offset")
				.param("before", before)
				.param("offset", batchSize - 1)
				.query(Long.class)
				.optional();
			deleted += boundary.isPresent()
					? jdbc.sql("DELETE FROM " + table + " WHERE checked_at <= :boundary")
						.param("boundary", boundary.get())
						.update()
					: jdbc.sql("DELETE FROM " + table + " WHERE checked_at < :before").param("before", before).update();
		}
		return deleted;
	}

	private static ReplicaSample replicaSample(ResultSet rs, int row) throws SQLException {
		return new ReplicaSample(EpochMillis.read(rs, "checked_at"), rs.getString("database_name"),
				rs.getString("database_path"), rs.getString("replica_name"), status(rs), duration(rs, "lag_seconds"),
				duration(rs, "snapshot_age_seconds"), duration(rs, "restore_window_seconds"),
				rs.getInt("snapshot_count"), rs.getLong("wal_segment_count"), rs.getLong("wal_bytes"),
				rs.getString("generation"), codes(rs));
	}

	private static Uptime uptime(ResultSet rs, int row) throws SQLException {
		return new Uptime(rs.getString("database_name"), rs.getLong("polls"), rs.getLong("up_polls"));
	}

	/**
	 * Distinct codes in order of appearance, e.g. {@code REPLICA_STALE,S3_UNREACHABLE}.
	 */
	static String codes(List<Finding> findings) {
		Set<String> codes = new LinkedHashSet<>();
		for (Finding finding : findings) {
			codes.add(finding.code().name());
		}
		return String.join(",", codes);
	}

	private static List<String> codes(ResultSet rs) throws SQLException {
		String codes = rs.getString("finding_codes");
		return (codes == null || codes.isEmpty()) ? List.of() : Arrays.asList(codes.split(","));
	}

	private static HealthStatus status(ResultSet rs) throws SQLException {
		return HealthStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT));
	}

	private static Double seconds(Duration duration) {
		return duration == null ? null : duration.toMillis() / 1000.0;
	}

	private static Duration duration(ResultSet rs, String column) throws SQLException {
		double seconds = rs.getDouble(column);
		return rs.wasNull() ? null : Duration.ofMillis(Math.round(seconds * 1000));
	}

}
