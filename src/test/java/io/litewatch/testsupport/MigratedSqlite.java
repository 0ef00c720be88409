package io.litewatch.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A real SQLite file with the app's schema (Flyway, as at startup), and a way to hold its
 * write lock from another connection, like a long prune or a second process would.
 */
public final class MigratedSqlite {

	private MigratedSqlite() {
	}

	/**
	 * Migrates {@code file} and returns a data source that waits {@code busyTimeout} for
	 * the lock.
	 */
	public static DataSource create(Path file, Duration busyTimeout) {
		Flyway.configure().dataSource(dataSource(file, Duration.ofSeconds(10))).load().migrate();
		return dataSource(file, busyTimeout);
	}

	public static DataSource dataSource(Path file, Duration busyTimeout) {
		SQLiteConfig config = new SQLiteConfig();
		// The app's pragmas (PersistenceConfiguration).
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
		config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
		config.enforceForeignKeys(true);
		config.setBusyTimeout((int) busyTimeout.toMillis());
		SQLiteDataSource dataSource = new SQLiteDataSource(config);
		dataSource.setUrl("jdbc:sqlite:" + file);
		return dataSource;
	}

	/** Takes the database's write lock until {@link WriteLock#close()}; readers go on. */
	public static WriteLock lockWrites(Path file) throws SQLException {
		Connection connection = dataSource(file, Duration.ofSeconds(10)).getConnection();
		try (Statement statement = connection.createStatement()) {
			statement.execute("BEGIN IMMEDIATE");
		}
		return new WriteLock(connection);
	}

	public static final class WriteLock implements AutoCloseable {

		private final Connection connection;

		private WriteLock(Connection connection) {
			this.connection = connection;
		}

		@Override
		public void close() throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("ROLLBACK");
			}
			finally {
				connection.close();
			}
		}

	}

}
