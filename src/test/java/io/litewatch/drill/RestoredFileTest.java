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

}
