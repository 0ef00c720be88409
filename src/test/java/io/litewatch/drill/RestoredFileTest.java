package io.litewatch.drill;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQLite's verdict on a file, as a drill reads it. */
class RestoredFileTest {

	@TempDir
	Path dir;

	@Test
	void aWholeFileIsOkWithItsRowsPerTableInNameOrder() throws Exception {
		Path file = dir.resolve("restored.sqlite3");
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
			st.execute("CREATE TABLE solid_queue_jobs(id INTEGER PRIMARY KEY)");
			st.execute("CREATE TABLE \"odd \"\"name\"(x)");
			st.execute("INSERT INTO solid_queue_jobs VALUES (1), (2), (3)");
		}

		RestoredFile.Check check = RestoredFile.check(file, Duration.ofSeconds(30));

		assertThat(check.whole()).isTrue();
		assertThat(check.rowCounts()).containsExactly(java.util.Map.entry("odd \"name", 0L),
				java.util.Map.entry("solid_queue_jobs", 3L));
		assertThat(check.newestRow()).as("no time column").isNull();
	}

	@Test
	void theNewestRowIsTheLargestRailsTimestampOfAnyTable() throws Exception {
		Path file = dir.resolve("queue.sqlite3");
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
			st.execute("CREATE TABLE solid_queue_jobs(id INTEGER PRIMARY KEY, queue_name TEXT, created_at DATETIME(6),"
					+ " updated_at DATETIME(6), scheduled_at DATETIME(6))");
			st.execute("CREATE INDEX index_solid_queue_jobs_on_created_at ON solid_queue_jobs(created_at)");
			st.execute("INSERT INTO solid_queue_jobs VALUES (1, 'default', '2026-12-04 21:00:00.000001',"
					+ " '2026-12-04 21:07:08.515123', '2027-01-01 00:00:00'), (2, 'default', '2026-12-04 21:05:00',"
					+ " '2026-12-04 21:05:00', NULL)");
			st.execute("CREATE TABLE \"Solid Cable\"(id INTEGER PRIMARY KEY, CREATED_AT TEXT)");
			st.execute("INSERT INTO \"Solid Cable\" VALUES (1, '2026-12-04 21:06:00'), (2, 'not a time')");
			st.execute("CREATE TABLE ar_internal_metadata(key TEXT PRIMARY KEY, value TEXT)");
		}

		RestoredFile.Check check = RestoredFile.check(file, Duration.ofSeconds(30));

		assertThat(check.newestRow()).as("updated_at, not the scheduled time in the future")
			.isEqualTo(new DrillResult.NewestRow("solid_queue_jobs.updated_at",
					java.time.Instant.parse("2026-12-04T21:07:08.515123Z")));
	}

	@Test
	void checksPastTheirTimeAreStoppedAndSaySo() throws Exception {
		Path file = dir.resolve("large.sqlite3");
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
			st.execute("CREATE TABLE events(id INTEGER PRIMARY KEY, body TEXT)");
			st.execute("CREATE INDEX events_body ON events(body)");
			st.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
					+ "INSERT INTO events SELECT i, hex(randomblob(40)) FROM n");
		}
		assertThat(RestoredFile.check(file, Duration.ofSeconds(30)).rowCounts()).as("baseline: in time")
			.containsEntry("events", 20000L);

		assertThatThrownBy(() -> RestoredFile.check(file, Duration.ZERO)).isInstanceOf(RestoredFile.TimedOut.class)
			.hasMessage("the checks ran out of time and were stopped");
		assertThatThrownBy(() -> RestoredFile.check(file, Duration.ofSeconds(-2))).as("none left")
			.isInstanceOf(RestoredFile.TimedOut.class);
	}

	@Test
	void aVirtualTableOfAModuleThisSqliteLacksDoesNotFailAWholeFile() throws Exception {
		Path file = dir.resolve("vectors.sqlite3");
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
			st.execute("CREATE TABLE documents(id INTEGER PRIMARY KEY)");
			st.execute("INSERT INTO documents VALUES (1), (2)");
			// What a database made with an extension (here sqlite-vec) holds: its schema
			// row
			// names a module that is not loaded when the file is opened elsewhere.
			st.execute("PRAGMA writable_schema = ON");
			st.execute("INSERT INTO sqlite_master(type, name, tbl_name, rootpage, sql) VALUES ('table', 'embeddings',"
					+ " 'embeddings', 0, 'CREATE VIRTUAL TABLE embeddings USING vec0(v float[4])')");
		}

		RestoredFile.Check check = RestoredFile.check(file, Duration.ofSeconds(30));

		assertThat(check.whole()).isTrue();
		assertThat(check.rowCounts()).containsExactly(java.util.Map.entry("documents", 2L));
	}

}
