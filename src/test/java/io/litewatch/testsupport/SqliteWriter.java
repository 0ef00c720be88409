package io.litewatch.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real SQLite file in WAL mode, as Rails keeps it, written by a background thread at a
 * steady rate. Pausable, so a test can checkpoint it while Litestream is down.
 */
public final class SqliteWriter implements AutoCloseable {

	private final Path file;

	private final Connection connection;

	private final ScheduledExecutorService scheduler;

	private final AtomicLong rows = new AtomicLong();

	private volatile boolean paused;

	public SqliteWriter(Path file) throws SQLException {
		this.file = file;
		this.connection = DriverManager.getConnection("jdbc:sqlite:" + file);
		try (Statement st = connection.createStatement()) {
			st.execute("PRAGMA journal_mode=WAL");
			st.execute("PRAGMA busy_timeout=5000");
			st.execute("CREATE TABLE IF NOT EXISTS events(id INTEGER PRIMARY KEY, payload TEXT, created_at TEXT)");
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread t = new Thread(r, "sqlite-writer-" + file.getFileName());
			t.setDaemon(true);
			return t;
		});
	}

	public Path file() {
		return file;
	}

	/** One insert now. */
	public synchronized void write() {
		try (PreparedStatement ps = connection.prepareStatement(
				"INSERT INTO events(payload, created_at) VALUES (hex(randomblob(500)), datetime('now'))")) {
			ps.executeUpdate();
			rows.incrementAndGet();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("write to " + file + " failed", ex);
		}
	}

	public void writeEvery(Duration period) {
		scheduler.scheduleAtFixedRate(() -> {
			if (!paused) {
				try {
					write();
				}
				catch (RuntimeException ex) {
					// A busy database under checkpoint: the next tick writes again.
				}
			}
		}, 0, period.toMillis(), TimeUnit.MILLISECONDS);
	}

	public void pause() {
		paused = true;
	}

	public void resume() {
		paused = false;
	}

	/**
	 * What an application does when Litestream is not holding its read lock: truncates
	 * the WAL.
	 */
	public synchronized void checkpointTruncate() throws SQLException {
		try (Statement st = connection.createStatement()) {
			st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
		}
	}

	public long rows() {
		return rows.get();
	}

	/** The newest row's {@code created_at} in the live file (whole seconds, UTC). */
	public synchronized java.time.Instant newestCreatedAt() throws SQLException {
		try (Statement st = connection.createStatement();
				java.sql.ResultSet rs = st.executeQuery("SELECT max(created_at) FROM events")) {
			String newest = rs.next() ? rs.getString(1) : null;
			return newest == null ? null
					: java.time.LocalDateTime.parse(newest.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
		}
	}

	@Override
	public void close() throws Exception {
		scheduler.shutdownNow();
		scheduler.awaitTermination(5, TimeUnit.SECONDS);
		connection.close();
	}

}
