package io.litewatch.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import io.litewatch.health.HealthStatus;

/**
 * Long histories written straight into the sample tables in JDBC batches, one transaction
 * each: 30 days of 15 s polls (172,800 rows) go in within seconds, where recording them
 * poll by poll would take minutes. The rows are what {@link HistoryRepository#record}
 * writes, with only the columns the reads look at varying.
 */
public final class SyntheticHistory {

	private static final int BATCH = 5_000;

	private SyntheticHistory() {
	}

	/**
	 * One replica's poll.
	 *
	 * @param lagSeconds null when the poll could not tell
	 */
	public record Sample(Instant at, Double lagSeconds, Double snapshotAgeSeconds) {
	}

	/** One database's poll. */
	public record Status(Instant at, HealthStatus status) {
	}

	/**
	 * Polls every {@code step} from {@code from} (included) to {@code to} (excluded),
	 * each made by {@code poll} from its index; a null from it means no poll then
	 * (Litewatch was not running).
	 */
	public static <T> List<T> polls(Instant from, Instant to, Duration step, PollAt<T> poll) {
		List<T> polls = new ArrayList<>();
		int i = 0;
		for (Instant at = from; at.isBefore(to); at = at.plus(step), i++) {
			T made = poll.at(i, at);
			if (made != null) {
				polls.add(made);
			}
		}
		return polls;
	}

	/** Makes the poll of index {@code i} at {@code at}, or null for none. */
	public interface PollAt<T> {

		T at(int i, Instant at);

	}

	public static void replicaSamples(DataSource dataSource, String database, String replica, List<Sample> samples) {
		batch(dataSource,
				"INSERT INTO replica_sample (checked_at, database_name, database_path, replica_name, "
						+ "status, lag_seconds, snapshot_age_seconds, restore_window_seconds, snapshot_count, "
						+ "wal_segment_count, wal_bytes, generation, finding_codes) "
						+ "VALUES (?, ?, ?, ?, 'ok', ?, ?, 72000.0, 2, 7, 4152, '00fbc4bd93036238', '')",
				samples.size(), (i) -> (statement) -> {
					Sample s = samples.get(i);
					statement.setLong(1, s.at().toEpochMilli());
					statement.setString(2, database);
					statement.setString(3, "/data/" + database + ".db");
					statement.setString(4, replica);
					seconds(statement, 5, s.lagSeconds());
					seconds(statement, 6, s.snapshotAgeSeconds());
				});
	}

	public static void databaseSamples(DataSource dataSource, String database, List<Status> statuses) {
		batch(dataSource,
				"INSERT INTO database_sample (checked_at, database_name, database_path, status, "
						+ "replica_count, finding_codes) VALUES (?, ?, ?, ?, 1, '')",
				statuses.size(), (i) -> (statement) -> {
					statement.setLong(1, statuses.get(i).at().toEpochMilli());
					statement.setString(2, database);
					statement.setString(3, "/data/" + database + ".db");
					statement.setString(4, statuses.get(i).status().label());
				});
	}

	private interface Binding {

		void bind(PreparedStatement statement) throws SQLException;

	}

	private static void batch(DataSource dataSource, String sql, int rows, IntFunction<Binding> row) {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				for (int i = 0; i < rows; i++) {
					row.apply(i).bind(statement);
					statement.addBatch();
					if ((i + 1) % BATCH == 0) {
						statement.executeBatch();
					}
				}
				statement.executeBatch();
				connection.commit();
			}
			finally {
				// sqlite-jdbc would otherwise begin (and lock) the next transaction at
				// once on this connection, should a pool ever hand it out again.
				connection.setAutoCommit(true);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not insert the synthetic history", ex);
		}
	}

	private static void seconds(PreparedStatement statement, int index, Double seconds) throws SQLException {
		if (seconds == null) {
			statement.setNull(index, Types.DOUBLE);
		}
		else {
			statement.setDouble(index, seconds);
		}
	}

}
