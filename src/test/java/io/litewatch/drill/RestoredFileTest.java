package io.litewatch.drill;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

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

		RestoredFile.Check check = RestoredFile.check(file);

		assertThat(check.whole()).isTrue();
		assertThat(check.rowCounts()).containsExactly(java.util.Map.entry("odd \"name", 0L),
				java.util.Map.entry("solid_queue_jobs", 3L));
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

		RestoredFile.Check check = RestoredFile.check(file);

		assertThat(check.whole()).isTrue();
		assertThat(check.rowCounts()).containsExactly(java.util.Map.entry("documents", 2L));
	}

}
