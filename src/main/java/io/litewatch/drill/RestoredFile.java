package io.litewatch.drill;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.sqlite.ProgressHandler;

/**
 * What SQLite says about a restored database file, opened read-only: whether it is whole,
 * and how many rows each table holds.
 */
final class RestoredFile {

	/** Lines of integrity_check kept: the first problems say enough. */
	static final int MAX_INTEGRITY_LINES = 10;

	/** Tables counted at most, so a schema of thousands cannot make a drill endless. */
	static final int MAX_TABLES = 500;

	private RestoredFile() {
	}

	record Check(String integrity, Map<String, Long> rowCounts) {

		boolean whole() {
			return "ok".equals(integrity);
		}

	}

	/** How often, in SQLite's steps, the time left is looked at. */
	private static final int STEPS_BETWEEN_CHECKS = 1000;

	/**
	 * @param budget how long the checks may take: past it, SQLite stops them (its
	 * progress handler, which integrity_check consults too) and this throws
	 */
	static Check check(Path file, Duration budget) throws SQLException {
		long deadline = System.nanoTime() + Math.max(0, budget.toNanos());
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
				Statement st = c.createStatement()) {
			ProgressHandler.setHandler(c, STEPS_BETWEEN_CHECKS, new ProgressHandler() {
				@Override
				protected int progress() {
					return System.nanoTime() - deadline > 0 ? 1 : 0;
				}
			});
			try {
				return check(st);
			}
			catch (SQLException ex) {
				if (System.nanoTime() - deadline > 0) {
					throw new SQLException("the checks did not finish within " + budget.toMillis() + " ms", ex);
				}
				throw ex;
			}
		}
	}

	private static Check check(Statement st) throws SQLException {
		List<String> lines = new ArrayList<>();
		try (ResultSet rs = st.executeQuery("PRAGMA integrity_check(" + MAX_INTEGRITY_LINES + ")")) {
			while (rs.next()) {
				lines.add(rs.getString(1));
			}
		}
		String integrity = String.join("\n", lines);
		Map<String, Long> counts = new TreeMap<>();
		if (!"ok".equals(integrity)) {
			return new Check(integrity, counts);
		}
		List<String> tables = new ArrayList<>();
		// A virtual table's module (an extension such as sqlite-vec) may not be in
		// this SQLite: counting it would fail a whole file. Its shadow tables are plain
		// tables and are counted.
		try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT"
				+ " LIKE 'sqlite_%' AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name LIMIT "
				+ MAX_TABLES)) {
			while (rs.next()) {
				tables.add(rs.getString(1));
			}
		}
		for (String table : tables) {
			try (ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
				counts.put(table, rs.next() ? rs.getLong(1) : 0L);
			}
		}
		return new Check(integrity, counts);
	}

}
