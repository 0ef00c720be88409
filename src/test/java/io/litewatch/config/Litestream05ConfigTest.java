package io.litewatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.litewatch.config.ConfigFixtures.WORKING_DIR;
import static io.litewatch.config.ConfigFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Litestream05ConfigTest {

	private static final Map<String, String> ENV = Map.of("LITESTREAM_ACCESS_KEY_ID", "AKID05",
			"LITESTREAM_SECRET_ACCESS_KEY", "secret-05", "LITESTREAM_REPLICA_BUCKET", "backups",
			"LITESTREAM_REPLICA_ENDPOINT", "http://s3proxy:8080");

	private static LitestreamConfig parse05(String yaml) {
		return new LitestreamConfigParser(ENV, WORKING_DIR).parse(yaml, "litestream.yml", LitestreamDialect.V0_5,
				"Litestream 0.5.17 runs it");
	}

	private static LitestreamConfig parseAuto(String yaml) {
		return new LitestreamConfigParser(ENV, WORKING_DIR).parse(yaml, "litestream.yml", null, null);
	}

	@Test
	void railsFourDatabasesTakeTheTopLevelSnapshotAndLevels() {
		LitestreamConfig config = parse05(fixture("rails-four-dbs-05.yml"));

		assertThat(config.dialect()).isEqualTo(LitestreamDialect.V0_5);
		assertThat(config.dbs()).extracting(DbConfig::name).containsExactly("production", "queue", "cache", "cable");
		for (DbConfig db : config.dbs()) {
			ReplicaConfig replica = db.replicas().get(0);
			assertThat(db.replicas()).hasSize(1);
			assertThat(replica.dialect()).isEqualTo(LitestreamDialect.V0_5);
			assertThat(replica.bucket()).isEqualTo("backups");
			assertThat(replica.path()).isEqualTo(db.name());
			assertThat(replica.snapshotInterval()).isEqualTo(Duration.ofHours(6));
			assertThat(replica.retention()).isEqualTo(Duration.ofHours(72));
			assertThat(replica.expectedSnapshotSpacing()).isEqualTo(Duration.ofHours(6));
			assertThat(replica.credentials().accessKeyId()).isEqualTo("AKID05");
			assertThat(replica.settingLine("snapshot-interval")).hasValue(5);
			assertThat(replica.ltx().levelIntervals()).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(10));
			assertThat(replica.ltx().l0Retention()).isEqualTo(Duration.ofMinutes(5));
		}
		assertThat(config.db("/rails/storage/queue.sqlite3").orElseThrow().replicas().get(0).syncInterval())
			.isEqualTo(Duration.ofSeconds(5));
		assertThat(config.db("/rails/storage/production.sqlite3").orElseThrow().replicas().get(0).syncInterval())
			.isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void the03KeysUnderA05ReplicaAreNamedWithTheirLine() {
		LitestreamConfig config = parse05(fixture("rails-four-dbs-05.yml"));

		assertThat(config.issues()).extracting(ConfigIssue::line).containsExactly(26, 27);
		assertThat(config.issues().get(0).message())
			.startsWith("Line 26: `retention` under the replica of database "
					+ "/rails/storage/cache.sqlite3 is Litestream 0.3 syntax that Litestream 0.5 silently ignores")
			.contains("snapshot.retention 72h");
		assertThat(config.issues().get(1).message()).contains("`snapshot-interval`", "snapshot.interval 6h");
	}

	@Test
	void defaultsWhenTheFileSetsNoSnapshotOrLevels() {
		LitestreamConfig config = parse05("""
				dbs:
				  - path: /data/app.db
				    replica:
				      url: s3://b/app
				""");
		ReplicaConfig replica = config.dbs().get(0).replicas().get(0);
		assertThat(replica.snapshotInterval()).isEqualTo(Duration.ofHours(24));
		assertThat(replica.retention()).isEqualTo(Duration.ofHours(24));
		assertThat(replica.ltx().levelIntervals()).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(5),
				Duration.ofHours(1));
		assertThat(replica.settingLine("snapshot-interval")).isEmpty();
		assertThat(config.issues()).isEmpty();
	}

	@Test
	void topLevelReplicaSettingsAreEveryReplicasDefaults() {
		LitestreamConfig config = parse05("""
				bucket: shared
				endpoint: http://minio:9000
				sync-interval: 10s
				dbs:
				  - path: /data/a.db
				    replica:
				      type: s3
				      path: a
				  - path: /data/b.db
				    replica:
				      type: s3
				      bucket: own
				      path: b
				      sync-interval: 2s
				""");
		ReplicaConfig a = config.dbs().get(0).replicas().get(0);
		ReplicaConfig b = config.dbs().get(1).replicas().get(0);
		assertThat(a.bucket()).isEqualTo("shared");
		assertThat(a.endpoint()).isEqualTo("http://minio:9000");
		assertThat(a.forcePathStyle()).isTrue();
		assertThat(a.syncInterval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(b.bucket()).isEqualTo("own");
		assertThat(b.syncInterval()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void refusesWhat05RefusesWithTheLine() {
		assertThatThrownBy(() -> parse05("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/one
				      - url: s3://b/two
				""")).isInstanceOf(ConfigParseException.class)
			.satisfies((ex) -> assertThat(((ConfigParseException) ex).line()).isEqualTo(5))
			.hasMessageContaining("multiple replicas on a single database are no longer supported");
		assertThatThrownBy(() -> parse05("""
				dbs:
				  - path: /data/app.db
				    replica:
				      url: s3://b/one
				    replicas:
				      - url: s3://b/two
				""")).isInstanceOf(ConfigParseException.class)
			.satisfies((ex) -> assertThat(((ConfigParseException) ex).line()).isEqualTo(5))
			.hasMessageContaining("cannot specify 'replica' and 'replicas' on a database");
		assertThatThrownBy(() -> parse05("""
				dbs:
				  - path: /data/app.db
				""")).hasMessageContaining("must specify replica for database");
		assertThatThrownBy(() -> parse05("""
				dbs:
				  - path: /data/app.db
				    replica:
				      url: s3://b/one
				      age:
				        recipients: [age1xyz]
				""")).hasMessageContaining("age encryption is not currently supported");
		assertThatThrownBy(() -> parse05("""
				snapshot:
				  interval: 0s
				dbs: []
				""")).hasMessageContaining("snapshot.interval: snapshot interval must be greater than 0");
		assertThatThrownBy(() -> parse05("""
				dbs:
				  - path: /data/app.db
				    replica:
				      url: gcs://b/one
				""")).hasMessageContaining("unknown replica type in config: \"gcs\" (Litestream 0.5 calls it gs)");
	}

	/** Each refusal of a 0.5 replica: its words and the line it names. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					'url: s3://b/one\\nsync-interval: 0s' | 5 | dbs[/data/app.db].replica.sync-interval: sync interval must be greater than 0 (got 0s)
					'type: s3\\npath: s3://b/one'         | 5 | 'replica path cannot be a url, please use the ''url'' field instead: s3://b/one'
					'type: s3\\nurl: b/one'               | 5 | replica url scheme required: b/one
					'url: ftp://b/one'                     | 4 | unknown replica type in config: "ftp"
					'type: gcs\\nbucket: b'               | 4 | unknown replica type in config: "gcs" (Litestream 0.5 calls it gs)
					'type: s3\\npath: one'                | 4 | bucket required for s3 replica
					""")
	void aReplicaIsRefusedInLitestream05Words(String replica, int line, String reason) {
		assertThatThrownBy(() -> parse05("""
				dbs:
				  - path: /data/app.db
				    replica:
				      %s
				""".formatted(replica.replace("\\n", "\n      ")))).isInstanceOfSatisfying(ConfigParseException.class,
				(ex) -> {
					assertThat(ex.reason()).isEqualTo(reason);
					assertThat(ex.line()).isEqualTo(line);
				});
	}

	@Test
	void directoryDatabasesAreSaidNotToBeWatched() {
		LitestreamConfig config = parse05("""
				dbs:
				  - dir: /data/tenants
				    pattern: "*.db"
				    replica:
				      url: s3://b/tenants
				""");
		assertThat(config.dbs()).isEmpty();
		assertThat(config.issues()).singleElement()
			.satisfies((issue) -> assertThat(issue.message()).startsWith("Line 2: database entry `dir: /data/tenants`")
				.contains("not watched"));
	}

	@Test
	void unknownKeysSayWhichLitestreamIgnoresThem() {
		LitestreamConfig config = parse05("""
				snapshots:
				  interval: 1h
				dbs:
				  - path: /data/app.db
				    replica:
				      url: s3://b/app
				""");
		assertThat(config.issues()).singleElement()
			.satisfies((issue) -> assertThat(issue.message())
				.isEqualTo("Line 1: unknown key `snapshots` in top level; Litestream 0.5 silently ignores it"
						+ " (did you mean snapshot?)."));
	}

	@Test
	void theFileTellsItsDialectWhenNothingRunsIt() {
		LitestreamConfig replica = parseAuto("""
				dbs:
				  - path: /data/app.db
				    replica:
				      url: s3://b/app
				""");
		assertThat(replica.dialect()).isEqualTo(LitestreamDialect.V0_5);
		assertThat(replica.dialectBasis()).contains("`replica:`", "line 3");
		LitestreamConfig levels = parseAuto("""
				levels:
				  - interval: 1m
				dbs: []
				""");
		assertThat(levels.dialect()).isEqualTo(LitestreamDialect.V0_5);
		LitestreamConfig old = parseAuto(fixture("rails-four-dbs.yml"));
		assertThat(old.dialect()).isEqualTo(LitestreamDialect.V0_3);
		assertThat(old.dbs()).allSatisfy((db) -> assertThat(db.replicas().get(0).ltx()).isNull());
	}

	@Test
	void a05FileRunBy03KeepsTheCriticalLint() {
		LitestreamConfig config = new LitestreamConfigParser(ENV, WORKING_DIR).parse(fixture("rails-four-dbs-05.yml"),
				"litestream.yml", LitestreamDialect.V0_3, "Litestream v0.3.13 runs it");
		assertThat(config.dialect()).isEqualTo(LitestreamDialect.V0_3);
		assertThat(config.issues()).extracting(ConfigIssue::message)
			.anyMatch((m) -> m.contains("`replica:` under database /rails/storage/production.sqlite3 is Litestream"
					+ " 0.5 syntax; Litestream 0.3.13 ignores it"));
	}

	@Test
	void versionsReadAsTheirLine() {
		assertThat(LitestreamDialect.ofVersion("v0.3.13"))
			.hasValue(new LitestreamDialect.Reading(LitestreamDialect.V0_3, true));
		assertThat(LitestreamDialect.ofVersion("0.5.17\n"))
			.hasValue(new LitestreamDialect.Reading(LitestreamDialect.V0_5, true));
		assertThat(LitestreamDialect.ofVersion("v0.6.0"))
			.hasValue(new LitestreamDialect.Reading(LitestreamDialect.V0_5, false));
		assertThat(LitestreamDialect.ofVersion("v0.2.0"))
			.hasValue(new LitestreamDialect.Reading(LitestreamDialect.V0_3, false));
		assertThat(LitestreamDialect.ofVersion("(development build)")).isEmpty();
		assertThat(List.of(LitestreamDialect.values())).extracting(LitestreamDialect::label)
			.containsExactly("0.3", "0.5");
	}

	@Test
	void versionsCompareByTheirNumbers() {
		assertThat(LitestreamDialect.atLeast("v0.5.17", 0, 5, 12)).isTrue();
		assertThat(LitestreamDialect.atLeast("0.5.12", 0, 5, 12)).isTrue();
		assertThat(LitestreamDialect.atLeast("v0.5.8", 0, 5, 12)).isFalse();
		assertThat(LitestreamDialect.atLeast("v0.3.13", 0, 5, 12)).isFalse();
		assertThat(LitestreamDialect.atLeast("v1.0", 0, 5, 12)).isTrue();
		assertThat(LitestreamDialect.atLeast("(development build)", 0, 5, 12)).isTrue();
		assertThat(LitestreamDialect.atLeast(null, 0, 5, 12)).isTrue();
	}

}
