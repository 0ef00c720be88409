package io.litewatch.drill;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** On lines Litestream 0.3.13 printed (BrowserIT's restore log, facts §3). */
class LitestreamErrorsTest {

	@Test
	void theSlogErrorFieldOfTheLastErrorLine() {
		String output = "time=2026-12-03T09:23:12.101Z level=INFO msg=\"restoring snapshot\" db=/data/production.sqlite3\n"
				+ "time=2026-12-03T09:23:13.210Z level=ERROR msg=\"failed to run\" error=\"cannot find snapshot index "
				+ "by timestamp: no snapshots available\"\n";
		assertThat(LitestreamErrors.reason(output))
			.isEqualTo("cannot find snapshot index by timestamp: no snapshots available");
	}

	@Test
	void theGoLoggerLineBeforeTheConfigLoads() {
		assertThat(LitestreamErrors
			.reason("2026/11/25 03:04:14 ERROR failed to run error=\"config file not found: /etc/litestream.yml\"\n"))
			.isEqualTo("config file not found: /etc/litestream.yml");
	}

	@Test
	void withoutAnErrorLineTheLastLineAndQuotesInsideStayWhole() {
		assertThat(LitestreamErrors.reason("no matching backups found\n")).isEqualTo("no matching backups found");
		assertThat(LitestreamErrors.reason("")).isEqualTo("no output");
		assertThat(LitestreamErrors
			.reason("time=t level=ERROR msg=\"failed to run\" error=\"open \\\"/x y\\\": permission denied\""))
			.isEqualTo("open \"/x y\": permission denied");
	}

	@Test
	void theGenerationOfTheRestoringSnapshotLine() {
		String output = "time=2026-12-03T09:23:12.101Z level=INFO msg=\"restoring snapshot\" db=/data/production.sqlite3 "
				+ "replica=s3 generation=8f3a1c2b9d4e5f60 index=0 path=/data/drills/production-1.sqlite3.tmp\n"
				+ "time=2026-12-03T09:23:12.180Z level=INFO msg=\"restoring wal files\" db=/data/production.sqlite3 "
				+ "replica=s3 generation=8f3a1c2b9d4e5f60 index_min=0 index_max=0\n";
		assertThat(LitestreamErrors.restoredGeneration(output)).isEqualTo("8f3a1c2b9d4e5f60");
		assertThat(LitestreamErrors.restoredGeneration("no matching backups found\n")).isNull();
	}

	@Test
	void theTxidLitestream05RestoredUpToIsReadFromItsJsonAfterTheIntegrityLogLine() throws Exception {
		String output = java.nio.file.Files.readString(
				java.nio.file.Path.of("src/test/resources/fixtures/litestream-0.5/restore-latest-integrity-full.json"));
		assertThat(LitestreamErrors.restoredTxid(output)).isEqualTo("000000000000012a");
		assertThat(LitestreamErrors.restoredTxid("Error: no matching backup files available\n")).isNull();
	}

}
