package io.litewatch.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** On what Litestream 0.5.17 printed (fixtures/litestream-0.5). */
class Litestream05OutputTest {

	private static final Path FIXTURES = Path.of("src/test/resources/fixtures/litestream-0.5");

	@Test
	void statusGivesEachDatabasesLocalTxid() throws IOException {
		var rows = Litestream05Output.status(fixture("status.json"));
		assertThat(rows).hasSize(4);
		assertThat(rows.get(0).database()).isEqualTo("/tmp/ls05-capture/db/production.sqlite3");
		assertThat(rows.get(0).status()).isEqualTo("ok");
		assertThat(rows.get(0).localTxid()).isEqualTo(0x111);
		assertThat(rows.get(3).localTxid()).isEqualTo(2);
	}

	@Test
	void aDatabaseWithoutLocalFilesHasNoTxid() throws IOException {
		var rows = Litestream05Output.status(fixture("status-queue-after-rollback2.json"));
		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row.status()).isEqualTo("not initialized");
			assertThat(row.localTxid()).isNull();
		});
		assertThat(Litestream05Output.status(fixture("status-unknown-path.json"))).isEmpty();
	}

	@Test
	void databasesNamesEachPathWithItsReplica() throws IOException {
		var rows = Litestream05Output.databases(fixture("databases.json"));
		assertThat(rows).hasSize(4);
		assertThat(rows.get(0).replicas()).containsExactly("s3");
	}

	@Test
	void logLinesBeforeTheJsonAreSkipped() throws IOException {
		String printed = "time=2026-12-07T02:55:41.153Z level=INFO msg=\"something\"\n" + fixture("status.json");
		assertThat(Litestream05Output.status(printed)).hasSize(4);
	}

	@Test
	void outputThatIsNoJsonArrayIsAClearError() {
		assertThatThrownBy(() -> Litestream05Output.status("database  status\n")).isInstanceOf(CliOutputException.class)
			.hasMessageContaining("no JSON array");
		assertThatThrownBy(() -> Litestream05Output.status("[{\"database\": \"/a\", \"local_txid\": \"11\"}]"))
			.isInstanceOf(CliOutputException.class)
			.hasMessageContaining("16 hex digits");
		assertThatThrownBy(() -> Litestream05Output.status("[{\"database\": ")).isInstanceOf(CliOutputException.class)
			.hasMessageContaining("does not parse");
		assertThatThrownBy(() -> Litestream05Output.databases("[1, 2]")).isInstanceOf(CliOutputException.class);
	}

	private static String fixture(String name) throws IOException {
		return Files.readString(FIXTURES.resolve(name));
	}

}
