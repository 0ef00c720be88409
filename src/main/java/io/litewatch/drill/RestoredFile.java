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

import io.litewatch.drill.DrillResult.NewestRow;

/**
 * What SQLite says about a restored database file, opened read-only: whether it is whole,
 * how many rows each table holds, and the newest point in time its data reaches.
 */
final class RestoredFile {

	/** Lines of integrity_check kept: the first problems say enough. */
	static final int MAX_INTEGRITY_LINES = 10;

	/** Tables counted at most, so a schema of thousands cannot make a drill endless. */
	static final int MAX_TABLES = 500;

	private RestoredFile() {
	}

	/** Rails gives every table these (Solid Queue's, Cache's and Cable's too). */
	private static final List<String> TIME_COLUMNS = List.of("created_at", "updated_at");

	/**
	 * @param newestRow the newest row time found, or null when no table has a time column
	 * Rails would give it (or none holds a time)
	 */
	record Check(String integrity, Map<String, Long> rowCounts, NewestRow newestRow) {

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
					throw new TimedOut(ex);
				}
				throw ex;
			}
		}
	}

	/**
	 * SQLite stopped the checks at the end of their time: the file was not unreadable.
	 */
	static final class TimedOut extends SQLException {

		TimedOut(SQLException cause) {
			super("the checks ran out of time and were stopped", cause);
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
			return new Check(integrity, counts, null);
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
			try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + identifier(table))) {
				counts.put(table, rs.next() ? rs.getLong(1) : 0L);
			}
		}
		return new Check(integrity, counts, newestRow(st, tables));
	}

	/**
	 * The data's own newest point: a restore holds what was written up to it, whatever
	 * the listing promised. One {@code max()} per time column, which an index on it
	 * answers at once.
	 */
	private static NewestRow newestRow(Statement st, List<String> tables) throws SQLException {
		NewestRow newest = null;
		for (String table : tables) {
			List<String> columns = new ArrayList<>();
			try (ResultSet rs = st.executeQuery("SELECT name FROM pragma_table_info(" + literal(table) + ")")) {
				while (rs.next()) {
					if (TIME_COLUMNS.contains(rs.getString(1).toLowerCase(java.util.Locale.ROOT))) {
						columns.add(rs.getString(1));
					}
				}
			}
			for (String column : columns) {
				try (ResultSet rs = st
					.executeQuery("SELECT max(" + identifier(column) + ") FROM " + identifier(table))) {
					java.time.Instant at = rs.next() ? RowTime.parse(rs.getObject(1)) : null;
					if (at != null && (newest == null || at.isAfter(newest.at()))) {
						newest = new NewestRow(table + "." + column, at);
					}
				}
			}
		}
		return newest;
	}

	private static String identifier(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	private static String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

}
