package io.litewatch.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LitestreamOutputParserTest {

	private static final String CONNECTION_REFUSED = "RequestError: send request failed caused by: Get "
			+ "\"http://127.0.0.1:9107/backups?delimiter=%2F&prefix=app%2Fgenerations%2F\": "
			+ "dial tcp 127.0.0.1:9107: connect: connection refused";

	/**
	 * Fixtures were captured from the real 0.3.13 binary; see the README next to them.
	 */
	static String fixture(String name) {
		String path = "/fixtures/litestream-cli/v0.3.13/" + name;
		try (InputStream in = LitestreamOutputParserTest.class.getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Nested
	class CapturedFixtures {

		@Test
		void databasesWithSpacesAndAReplicaBlockDb() {
			CliTable<DatabaseRow> table = LitestreamOutputParser.databases(fixture("databases.stdout"));

			assertThat(table.rows()).containsExactly(new DatabaseRow("/data/app.sqlite3", List.of("s3")),
					new DatabaseRow("/data/my app db.sqlite3", List.of("s3 main")),
					new DatabaseRow("/data/single.sqlite3", List.of()));
			assertThat(table.failed()).isFalse();
			assertThat(table.logLines()).isEmpty();
		}

		@Test
		void generationsOneGeneration() {
			CliTable<GenerationRow> table = LitestreamOutputParser
				.generations(fixture("generations-one-generation.stdout"));

			assertThat(table.rows()).containsExactly(new GenerationRow("s3", "0071966df60428c3", Duration.ofMillis(285),
					Instant.parse("2026-11-25T10:56:18Z"), Instant.parse("2026-11-25T10:56:22Z")));
			assertThat(table.failed()).isFalse();
		}

		@Test
		void generationsTwoGenerations() {
			CliTable<GenerationRow> table = LitestreamOutputParser
				.generations(fixture("generations-two-generations.stdout"));

			assertThat(table.rows()).extracting(GenerationRow::generation)
				.containsExactly("0071966df60428c3", "e7f7854cbefcd02a");
			assertThat(table.rows()).extracting(GenerationRow::lag)
				.containsExactly(Duration.ofMillis(8900), Duration.ofMillis(947));
			assertThat(table.rows().get(1).start()).isEqualTo(Instant.parse("2026-11-25T10:56:30Z"));
		}

		@Test
		void generationsWithSpacesInReplicaName() {
			CliTable<GenerationRow> table = LitestreamOutputParser.generations(fixture("generations-spaces.stdout"));

			assertThat(table.rows()).singleElement().satisfies(row -> {
				assertThat(row.replica()).isEqualTo("s3 main");
				assertThat(row.lag()).isEqualTo(Duration.ofSeconds(23));
			});
		}

		@Test
		void headerOnlyIsNoRowsAndNoErrors() {
			CliTable<GenerationRow> table = LitestreamOutputParser
				.generations(fixture("generations-no-replicas.stdout"));

			assertThat(table.rows()).isEmpty();
			assertThat(table.errors()).isEmpty();
			assertThat(table.failed()).isFalse();
		}

		@Test
		void snapshotsOneAndTwoGenerations() {
			assertThat(LitestreamOutputParser.snapshots(fixture("snapshots-one-generation.stdout")).rows())
				.containsExactly(
						new SnapshotRow("s3", "0071966df60428c3", 0, 6391, Instant.parse("2026-11-25T10:56:18Z")));
			assertThat(LitestreamOutputParser.snapshots(fixture("snapshots-two-generations.stdout")).rows())
				.extracting(SnapshotRow::generation, SnapshotRow::size)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("0071966df60428c3", 6391L),
						org.assertj.core.groups.Tuple.tuple("e7f7854cbefcd02a", 14558L));
		}

		@Test
		void walOneGeneration() {
			CliTable<WalRow> table = LitestreamOutputParser.wal(fixture("wal-one-generation.stdout"));

			assertThat(table.rows()).containsExactly(
					new WalRow("s3", "0071966df60428c3", 0, 0, 119, Instant.parse("2026-11-25T10:56:18Z")),
					new WalRow("s3", "0071966df60428c3", 0, 4152, 5367, Instant.parse("2026-11-25T10:56:19Z")),
					new WalRow("s3", "0071966df60428c3", 0, 20632, 3388, Instant.parse("2026-11-25T10:56:22Z")));
		}

		@Test
		void walTwoGenerations() {
			CliTable<WalRow> table = LitestreamOutputParser.wal(fixture("wal-two-generations.stdout"));

			assertThat(table.rows()).extracting(WalRow::generation).contains("0071966df60428c3", "e7f7854cbefcd02a");
			assertThat(table.failed()).isFalse();
		}

		@Test
		void s3DownIsAnErrorWithHeaderOnly() {
			CliTable<GenerationRow> generations = LitestreamOutputParser
				.generations(fixture("generations-s3-down.stdout"));
			CliTable<SnapshotRow> snapshots = LitestreamOutputParser.snapshots(fixture("snapshots-s3-down.stdout"));
			CliTable<WalRow> wal = LitestreamOutputParser.wal(fixture("wal-s3-down.stdout"));

			assertThat(generations.rows()).isEmpty();
			assertThat(generations.errors()).containsExactly("cannot list generations: " + CONNECTION_REFUSED);
			assertThat(generations.logLines()).hasSize(1)
				.first()
				.asString()
				.startsWith("time=2026-11-25T10:56:40.598Z");
			assertThat(snapshots.rows()).isEmpty();
			assertThat(snapshots.errors())
				.containsExactly("cannot determine snapshots: cannot fetch generations: " + CONNECTION_REFUSED);
			assertThat(wal.rows()).isEmpty();
			assertThat(wal.errors()).containsExactly("cannot determine generations: " + CONNECTION_REFUSED);
		}

		@Test
		void wrongCredentials() {
			String expected = "SignatureDoesNotMatch: The request signature we calculated does not match the signature"
					+ " you provided. Check your key and signing method. status code: 403, request id: ";
			assertThat(LitestreamOutputParser.generations(fixture("generations-wrong-credentials.stdout")).errors())
				.singleElement()
				.asString()
				.startsWith("cannot list generations: " + expected)
				.doesNotContain("\n", "\t");
			assertThat(LitestreamOutputParser.snapshots(fixture("snapshots-wrong-credentials.stdout")).errors())
				.singleElement()
				.asString()
				.startsWith("cannot determine snapshots: cannot fetch generations: " + expected);
			assertThat(LitestreamOutputParser.wal(fixture("wal-wrong-credentials.stdout")).errors()).singleElement()
				.asString()
				.startsWith("cannot determine generations: " + expected);
		}

		@Test
		void missingBucket() {
			String expected = "NoSuchBucket: The specified bucket does not exist status code: 404, request id: ";
			CliTable<GenerationRow> generations = LitestreamOutputParser
				.generations(fixture("generations-missing-bucket.stdout"));
			assertThat(generations.rows()).isEmpty();
			assertThat(generations.errors()).singleElement()
				.asString()
				.startsWith("cannot list generations: " + expected)
				.endsWith("host id:");
			assertThat(LitestreamOutputParser.snapshots(fixture("snapshots-missing-bucket.stdout")).errors())
				.singleElement()
				.asString()
				.startsWith("cannot determine snapshots: cannot fetch generations: " + expected);
			assertThat(LitestreamOutputParser.wal(fixture("wal-missing-bucket.stdout")).errors()).singleElement()
				.asString()
				.startsWith("cannot determine generations: " + expected);
		}

		@Test
		void notInConfigHasNoHeaderButAnError() {
			CliTable<GenerationRow> table = LitestreamOutputParser
				.generations(fixture("generations-not-in-config.stdout"));

			assertThat(table.rows()).isEmpty();
			assertThat(table.errors())
				.containsExactly("failed to run: database not found in config: /data/nope.sqlite3");
		}

		@Test
		void configMissingGoDefaultLoggerOnStderr() {
			assertThat(fixture("generations-config-missing.stdout")).isEmpty();
			CliTable<GenerationRow> table = LitestreamOutputParser
				.generations(fixture("generations-config-missing.stderr"));

			assertThat(table.errors()).containsExactly("failed to run: config file not found: /etc/lwt/nope.yml");
		}

		@Test
		void jsonLogging() {
			assertThat(LitestreamOutputParser.generations(fixture("generations-json.stdout")).rows()).hasSize(2);
			assertThat(LitestreamOutputParser.generations(fixture("generations-json-s3-down.stdout")).errors())
				.containsExactly("cannot list generations: " + CONNECTION_REFUSED);
			assertThat(
					LitestreamOutputParser.generations(fixture("generations-json-wrong-credentials.stdout")).errors())
				.singleElement()
				.asString()
				.startsWith("cannot list generations: SignatureDoesNotMatch: ");
			CliTable<GenerationRow> notInConfig = LitestreamOutputParser
				.generations(fixture("generations-json-not-in-config.stdout"));
			assertThat(notInConfig.errors())
				.containsExactly("failed to run: database not found in config: /data/nope.sqlite3");
			assertThat(notInConfig.logLines()).singleElement().asString().startsWith("{\"time\":");
		}

		@ParameterizedTest
		@ValueSource(strings = { "databases", "generations-one-generation", "generations-two-generations",
				"generations-spaces", "snapshots-one-generation", "wal-one-generation", "generations-s3-down",
				"generations-json" })
		void successfulCapturesWroteNothingToStderr(String name) {
			assertThat(fixture(name + ".stderr")).isEmpty();
		}

	}

	@Nested
	class HandMadeEdgeCases {

		private static final String GEN_HEADER = "name  generation        lag       start                 end\n";

		private String genRow(String lag) {
			return String.format("s3    00fbc4bd93036238  %-8s  2026-11-25T03:04:23Z  2026-11-25T03:06:23Z%n", lag);
		}

		@Test
		void microsecondLagCountsAsOneRuneForAlignment() {
			// tabwriter counts runes: "312µs" is 5 wide, so the next column starts 2
			// after it
			String out = "name  generation        lag    start                 end\n"
					+ "s3    00fbc4bd93036238  312µs  2026-11-25T03:04:23Z  2026-11-25T03:06:23Z\n"
					+ "s3    c9802732cb14c102  379ms  2026-11-25T03:06:26Z  2026-11-25T03:06:26Z\n";

			assertThat(LitestreamOutputParser.generations(out).rows()).extracting(GenerationRow::lag)
				.containsExactly(Duration.ofNanos(312_000), Duration.ofMillis(379));
		}

		@ParameterizedTest
		@ValueSource(strings = { "-332ms", "26h0m0s", "-29s", "0s", "1.3s", "3m33s" })
		void goDurations(String lag) {
			Duration parsed = LitestreamOutputParser.generations(GEN_HEADER + genRow(lag)).rows().get(0).lag();

			assertThat(parsed).isEqualTo(io.litewatch.time.GoDuration.parse(lag));
		}

		@Test
		void negativeAndLongLags() {
			String out = GEN_HEADER + genRow("-332ms") + genRow("26h0m0s");

			assertThat(LitestreamOutputParser.generations(out).rows()).extracting(GenerationRow::lag)
				.containsExactly(Duration.ofMillis(-332), Duration.ofHours(26));
		}

		@Test
		void spacesInDatabasePathAndReplicaNames() {
			String out = "path                          replicas\n"
					+ "/srv/My Data/app one.db       s3 east,local file\n" + "/srv/b.db                     file\n";

			assertThat(LitestreamOutputParser.databases(out).rows()).containsExactly(
					new DatabaseRow("/srv/My Data/app one.db", List.of("s3 east", "local file")),
					new DatabaseRow("/srv/b.db", List.of("file")));
		}

		@Test
		void emptyReplicasCellWithoutTrailingPadding() {
			String out = "path       replicas\n/a/b.db    \n";

			assertThat(LitestreamOutputParser.databases(out).rows())
				.containsExactly(new DatabaseRow("/a/b.db", List.of()));
		}

		@Test
		void litestream05DatabasesHeaderRejected() {
			assertThatThrownBy(() -> LitestreamOutputParser.databases("path         replica\n/data/app.db  s3\n"))
				.isInstanceOf(CliOutputException.class)
				.hasMessageContaining("'path  replicas'")
				.hasMessageContaining("'path         replica'")
				.hasMessageContaining("Litestream 0.5");
		}

		@Test
		void litestream05LtxHeaderRejected() {
			String out = "min_txid          max_txid          size  created\n"
					+ "0000000000000001  0000000000000001  4152  2025-09-30T10:00:00Z\n";

			assertThatThrownBy(() -> LitestreamOutputParser.wal(out)).isInstanceOf(CliOutputException.class)
				.hasMessageContaining("'replica  generation  index  offset  size  created'")
				.hasMessageContaining("min_txid")
				.hasMessageContaining("Litestream 0.5");
		}

		@Test
		void emptyOutputRejected() {
			assertThatThrownBy(() -> LitestreamOutputParser.snapshots("")).isInstanceOf(CliOutputException.class)
				.hasMessageContaining(
						"expected the Litestream 0.3.13 header 'replica  generation  index  size  created'")
				.hasMessageContaining("nothing");
			assertThatThrownBy(() -> LitestreamOutputParser.snapshots(null)).isInstanceOf(CliOutputException.class);
		}

		@Test
		void onlyNonErrorLogLinesRejected() {
			String out = "time=2026-11-25T03:05:48.015Z level=INFO msg=litestream version=v0.3.13\n";

			assertThatThrownBy(() -> LitestreamOutputParser.generations(out)).isInstanceOf(CliOutputException.class)
				.hasMessageContaining("only log lines");
		}

		@Test
		void headerOnly() {
			CliTable<WalRow> table = LitestreamOutputParser.wal("replica  generation  index  offset  size  created\n");

			assertThat(table.rows()).isEmpty();
			assertThat(table.errors()).isEmpty();
			assertThat(table.logLines()).isEmpty();
		}

		@Test
		void rowWithTooFewCells() {
			String out = "replica  generation        index  size  created\n" + "s3       0071966df60428c3  0\n";

			assertThatThrownBy(() -> LitestreamOutputParser.snapshots(out)).isInstanceOf(CliOutputException.class)
				.hasMessageContaining("'s3       0071966df60428c3  0'")
				.hasMessageContaining("5 cells");
		}

		@Test
		void rowWithTooManyCells() {
			String out = "replica  generation        index  size  created\n"
					+ "s3       0071966df60428c3  0      6391  2026-11-25T10:56:18Z  extra\n";

			assertThatThrownBy(() -> LitestreamOutputParser.snapshots(out)).isInstanceOf(CliOutputException.class)
				.hasMessageContaining("5 cells");
		}

		@Test
		void rowNotAlignedWithHeader() {
			String out = "replica  generation  index  size  created\n"
					+ "s3       0071966df60428c3  0      6391  2026-11-25T10:56:18Z\n";

			assertThatThrownBy(() -> LitestreamOutputParser.snapshots(out)).isInstanceOf(CliOutputException.class)
				.hasMessageContaining("does not have the 5 cells");
		}

		@Test
		void badTime() {
			String out = "replica  generation        index  size  created\n"
					+ "s3       0071966df60428c3  0      6391  2026-11-25 10:56:18\n";

			assertThatThrownBy(() -> LitestreamOutputParser.snapshots(out)).isInstanceOf(CliOutputException.class)
				.hasMessageContaining("bad created '2026-11-25 10:56:18'")
				.hasMessageContaining("RFC 3339");
		}

		@Test
		void badLagAndBadNumber() {
			assertThatThrownBy(() -> LitestreamOutputParser.generations(GEN_HEADER + genRow("1d")))
				.isInstanceOf(CliOutputException.class)
				.hasMessageContaining("bad lag '1d'");
			String wal = "replica  generation        index  offset  size  created\n"
					+ "s3       0071966df60428c3  0x1    0       459   2026-11-25T03:04:23Z\n";
			assertThatThrownBy(() -> LitestreamOutputParser.wal(wal)).isInstanceOf(CliOutputException.class)
				.hasMessageContaining("bad index '0x1'");
		}

		@Test
		void offendingLineTruncatedTo200Chars() {
			String longLine = "x".repeat(500);

			assertThatThrownBy(() -> LitestreamOutputParser.databases(longLine)).isInstanceOf(CliOutputException.class)
				.hasMessageContaining("'" + "x".repeat(200) + "…'")
				.hasMessageNotContaining("x".repeat(201));
		}

		@Test
		void quotedErrorWithRealNewlinesIsOneRecord() {
			// the same message as the s3-down fixture, but with a real newline instead of
			// "\n"
			String out = "time=2026-11-25T03:05:48.015Z level=ERROR msg=\"cannot list generations\" db=/data/app.db"
					+ " replica=s3 error=\"RequestError: send request failed\ncaused by: Get \\\"http://x/\\\": refused\"\n"
					+ "name  generation  lag  start  end\n";

			CliTable<GenerationRow> table = LitestreamOutputParser.generations(out);

			assertThat(table.rows()).isEmpty();
			assertThat(table.logLines()).hasSize(1);
			assertThat(table.errors()).containsExactly(
					"cannot list generations: RequestError: send request failed caused by: Get \"http://x/\": refused");
		}

		@Test
		void quotedErrorWithRealNewlineThatLooksLikeAHeader() {
			// a continuation line inside a quoted value must not be taken for the header
			String out = "time=T level=ERROR msg=boom error=\"first\nname  generation  lag  start  end\"\n"
					+ "name  generation  lag  start  end\n";

			CliTable<GenerationRow> table = LitestreamOutputParser.generations(out);

			assertThat(table.errors()).containsExactly("boom: first name  generation  lag  start  end");
			assertThat(table.rows()).isEmpty();
		}

		@Test
		void jsonErrorWithEscapesAndGroups() {
			String out = "{\"time\":\"2026-11-25T03:05:48Z\",\"level\":\"ERROR\",\"msg\":\"monitor error\","
					+ "\"grp\":{\"a\":\"}\"},\"n\":3,\"error\":\"NoSuchBucket: gone\\n\\tstatus code: 404\"}\n"
					+ "{\"time\":\"2026-11-25T03:05:48Z\",\"level\":\"WARN\",\"msg\":\"slow\"}\n" + "path  replicas\n";

			CliTable<DatabaseRow> table = LitestreamOutputParser.databases(out);

			assertThat(table.errors()).containsExactly("monitor error: NoSuchBucket: gone status code: 404");
			assertThat(table.logLines()).hasSize(2);
		}

		@Test
		void errorWithoutErrorAttributeKeepsMsg() {
			String out = "time=T level=ERROR msg=\"validation error\"\npath  replicas\n";

			assertThat(LitestreamOutputParser.databases(out).errors()).containsExactly("validation error");
		}

		@Test
		void errorLoggedAfterTheHeader() {
			// a command can fail after writing the header: the flush runs, then main logs
			// the error
			String out = "path  replicas\n"
					+ "time=2026-11-25T03:05:48.015Z level=ERROR msg=\"failed to run\" error=\"bucket required for s3 replica\"\n";

			CliTable<DatabaseRow> table = LitestreamOutputParser.databases(out);

			assertThat(table.rows()).isEmpty();
			assertThat(table.errors()).containsExactly("failed to run: bucket required for s3 replica");
		}

		@Test
		void goDefaultLoggerWithAttributes() {
			String out = "2026/11/25 03:04:14 ERROR failed to run error=\"config file not found: /etc/litestream.yml\"\n";

			assertThat(LitestreamOutputParser.wal(out).errors())
				.containsExactly("failed to run: config file not found: /etc/litestream.yml");
		}

		@Test
		void crlfLineEndingsTolerated() {
			String out = "path       replicas\r\n/a/b.db    s3\r\n";

			assertThat(LitestreamOutputParser.databases(out).rows())
				.containsExactly(new DatabaseRow("/a/b.db", List.of("s3")));
		}

	}

}
