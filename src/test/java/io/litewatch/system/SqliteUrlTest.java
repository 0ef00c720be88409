package io.litewatch.system;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteUrlTest {

	@Test
	void recognisesSqliteUrlsOnly() {
		assertThat(SqliteUrl.isSqlite("jdbc:sqlite:/data/litewatch.db")).isTrue();
		assertThat(SqliteUrl.isSqlite("JDBC:SQLITE:litewatch.db")).isTrue();
		assertThat(SqliteUrl.isSqlite("jdbc:postgresql://db/litewatch")).isFalse();
		assertThat(SqliteUrl.isSqlite(null)).isFalse();
	}

	@Test
	void theDefaultIsLitewatchDbInTheAbsoluteDataDirectory() {
		assertThat(SqliteUrl.inDataDir(Path.of("/var/lib/litewatch/./x/..")))
			.isEqualTo("jdbc:sqlite:" + Path.of("/var/lib/litewatch/litewatch.db").toAbsolutePath());
		assertThat(SqliteUrl.inDataDir(Path.of("./data")))
			.isEqualTo("jdbc:sqlite:" + Path.of("data/litewatch.db").toAbsolutePath());
	}

	@Test
	void theFileIsThePathWithoutParametersOrUriPrefix() {
		assertThat(SqliteUrl.file("jdbc:sqlite:/data/litewatch.db?journal_mode=WAL"))
			.hasValue(Path.of("/data/litewatch.db"));
		assertThat(SqliteUrl.file("jdbc:sqlite:file:/data/litewatch.db")).hasValue(Path.of("/data/litewatch.db"));
		assertThat(SqliteUrl.file("jdbc:sqlite:file:///data/litewatch.db")).hasValue(Path.of("/data/litewatch.db"));
		assertThat(SqliteUrl.file("jdbc:sqlite:data/litewatch.db")).hasValue(Path.of("data/litewatch.db"));
	}

	@Test
	void inMemoryDatabasesHaveNoFile() {
		assertThat(SqliteUrl.file("jdbc:sqlite::memory:")).isEmpty();
		assertThat(SqliteUrl.file("jdbc:sqlite:")).isEmpty();
		assertThat(SqliteUrl.file("jdbc:sqlite:file:shared?mode=memory&cache=shared")).isEmpty();
		assertThat(SqliteUrl.file("jdbc:postgresql://db/litewatch")).isEmpty();
	}

	@Test
	void parameterNamesAreLowerCase() {
		assertThat(SqliteUrl.parameters("jdbc:sqlite:/data/litewatch.db?Busy_Timeout=5&journal_mode=WAL&flag"))
			.containsExactly("busy_timeout", "journal_mode", "flag");
		assertThat(SqliteUrl.parameters("jdbc:sqlite:/data/litewatch.db")).isEmpty();
	}

}
