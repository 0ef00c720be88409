package io.litewatch.config;

import java.time.Duration;
import java.util.Map;

import io.litewatch.health.FindingCode;
import org.junit.jupiter.api.Test;

import static io.litewatch.config.ConfigFixtures.fixture;
import static io.litewatch.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

class LitestreamConfigParserTest {

	private static final Map<String, String> RAILS_ENV = Map.of("LITESTREAM_ACCESS_KEY_ID", "AKIDRAILS",
			"LITESTREAM_SECRET_ACCESS_KEY", "rails-secret", "LITESTREAM_REPLICA_BUCKET", "backups",
			"LITESTREAM_REPLICA_ENDPOINT", "http://s3proxy:8080");

	@Test
	void railsReferenceFixture() {
		LitestreamConfig config = parse(fixture("rails-four-dbs.yml"), RAILS_ENV);

		assertThat(config.issues()).isEmpty();
		assertThat(config.addr()).isNull();
		assertThat(config.dbs()).extracting(DbConfig::name).containsExactly("production", "cache", "queue", "cable");
		assertThat(config.dbs()).extracting(DbConfig::path)
			.containsExactly("/rails/storage/production.sqlite3", "/rails/storage/cache.sqlite3",
					"/rails/storage/queue.sqlite3", "/rails/storage/cable.sqlite3");
		for (DbConfig db : config.dbs()) {
			assertThat(db.replicas()).hasSize(1);
			ReplicaConfig s3 = db.replicas().get(0);
			assertThat(s3.name()).isEqualTo("s3");
			assertThat(s3.type()).isEqualTo("s3");
			assertThat(s3.bucket()).isEqualTo("backups");
			assertThat(s3.path()).isEqualTo(db.name());
			assertThat(s3.endpoint()).isEqualTo("http://s3proxy:8080");
			assertThat(s3.region()).isEqualTo("us-east-1");
			assertThat(s3.forcePathStyle()).isTrue();
			assertThat(s3.credentials().source()).isEqualTo("global");
			assertThat(s3.credentials().accessKeyId()).isEqualTo("AKIDRAILS");
			assertThat(s3.credentials().secretAccessKey()).isEqualTo("rails-secret");
			assertThat(s3.location()).isEqualTo("s3://backups/" + db.name());
		}
		ReplicaConfig production = config.db("/rails/storage/production.sqlite3").orElseThrow().replicas().get(0);
		assertThat(production.syncInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(production.snapshotInterval()).isEqualTo(Duration.ofHours(1));
		assertThat(production.retention()).isEqualTo(Duration.ofHours(720));
		assertThat(production.line()).isEqualTo(8);
		ReplicaConfig queue = config.db("/rails/storage/queue.sqlite3").orElseThrow().replicas().get(0);
		assertThat(queue.syncInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(queue.snapshotInterval()).isEqualTo(Duration.ofHours(6));
		assertThat(queue.retention()).isEqualTo(Duration.ofHours(72));
		for (String name : new String[] { "cache", "cable" }) {
			ReplicaConfig r = config.db("/rails/storage/" + name + ".sqlite3").orElseThrow().replicas().get(0);
			assertThat(r.syncInterval()).isEqualTo(Duration.ofSeconds(10));
			assertThat(r.snapshotInterval()).isZero();
			assertThat(r.retention()).isEqualTo(Duration.ofHours(24));
		}
		assertThat(config.dbs()).extracting(DbConfig::line).containsExactly(6, 17, 27, 38);
	}

	@Test
	void defaults() {
		LitestreamConfig config = parse("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://bucket/app
				""");

		DbConfig db = config.dbs().get(0);
		assertThat(db.path()).isEqualTo("/data/app.db");
		assertThat(db.name()).isEqualTo("app");
		assertThat(db.metaPath()).isEqualTo("/data/.app.db-litestream");
		assertThat(db.monitorInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(db.checkpointInterval()).isEqualTo(Duration.ofMinutes(1));
		assertThat(db.line()).isEqualTo(2);
		ReplicaConfig r = db.replicas().get(0);
		assertThat(r.name()).isEqualTo("s3");
		assertThat(r.type()).isEqualTo("s3");
		assertThat(r.url()).isEqualTo("s3://bucket/app");
		assertThat(r.bucket()).isEqualTo("bucket");
		assertThat(r.path()).isEqualTo("app");
		assertThat(r.endpoint()).isNull();
		assertThat(r.region()).isNull();
		assertThat(r.forcePathStyle()).isFalse();
		assertThat(r.skipVerify()).isFalse();
		assertThat(r.credentials()).isNull();
		assertThat(r.syncInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(r.snapshotInterval()).isEqualTo(Duration.ZERO);
		assertThat(r.retention()).isEqualTo(Duration.ofHours(24));
		assertThat(r.retentionCheckInterval()).isEqualTo(Duration.ofHours(1));
		assertThat(r.validationInterval()).isEqualTo(Duration.ZERO);
		assertThat(r.line()).isEqualTo(4);
		assertThat(config.issues()).isEmpty();
	}

	@Test
	void replicaWithoutTypeOrUrlIsAFileReplica() {
		ReplicaConfig r = parse("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - path: backups/app
				""").dbs().get(0).replicas().get(0);

		assertThat(r.type()).isEqualTo("file");
		assertThat(r.name()).isEqualTo("file");
		assertThat(r.path()).isEqualTo("/srv/app/backups/app");
		assertThat(r.bucket()).isNull();
		assertThat(r.location()).isEqualTo("file:///srv/app/backups/app");
	}

	@Test
	void explicitSettingsOverrideDefaults() {
		LitestreamConfig config = parse("""
				addr: ":9090"
				dbs:
				  - path: /data/app.db
				    meta-path: /var/lib/litestream/app
				    monitor-interval: 500ms
				    checkpoint-interval: 5m
				    min-checkpoint-page-count: 2000
				    max-checkpoint-page-count: 20000
				    replicas:
				      - name: backup
				        type: s3
				        bucket: b
				        region: eu-west-1
				        endpoint: https://minio.example:9000
				        force-path-style: false
				        skip-verify: true
				        retention: 2h
				        retention-check-interval: 3h
				        validation-interval: 12h
				""");

		assertThat(config.addr()).isEqualTo(":9090");
		DbConfig db = config.dbs().get(0);
		assertThat(db.metaPath()).isEqualTo("/var/lib/litestream/app");
		assertThat(db.monitorInterval()).isEqualTo(Duration.ofMillis(500));
		assertThat(db.checkpointInterval()).isEqualTo(Duration.ofMinutes(5));
		ReplicaConfig r = db.replicas().get(0);
		assertThat(r.name()).isEqualTo("backup");
		assertThat(r.region()).isEqualTo("eu-west-1");
		assertThat(r.forcePathStyle()).isFalse();
		assertThat(r.skipVerify()).isTrue();
		assertThat(r.retention()).isEqualTo(Duration.ofHours(2));
		// Litestream checks at min(retention-check-interval, retention).
		assertThat(r.retentionCheckInterval()).isEqualTo(Duration.ofHours(2));
		assertThat(r.validationInterval()).isEqualTo(Duration.ofHours(12));
		assertThat(r.path()).isEmpty();
		assertThat(r.location()).isEqualTo("s3://b");
	}

	@Test
	void emptyFileHasNoDatabases() {
		assertThat(parse("").dbs()).isEmpty();
		assertThat(parse("# only a comment\n").dbs()).isEmpty();
		assertThat(parse("dbs:\n").dbs()).isEmpty();
	}

	@Test
	void nullValuesMeanDefaults() {
		ReplicaConfig r = parse("""
				dbs:
				  - path: /data/app.db
				    monitor-interval:
				    replicas:
				      - url: s3://b/p
				        retention: ~
				""").dbs().get(0).replicas().get(0);

		assertThat(r.retention()).isEqualTo(Duration.ofHours(24));
	}

	@Test
	void envIsExpandedBeforeParsing() {
		LitestreamConfig config = parse("""
				dbs:
				  - path: ${DATA}/app.db
				    replicas:
				      - url: s3://$BUCKET/app
				        sync-interval: ${SYNC}
				""", Map.of("DATA", "/data", "BUCKET", "mybucket", "SYNC", "5s"));

		DbConfig db = config.dbs().get(0);
		assertThat(db.path()).isEqualTo("/data/app.db");
		assertThat(db.replicas().get(0).bucket()).isEqualTo("mybucket");
		assertThat(db.replicas().get(0).syncInterval()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void noReplicaIsReported() {
		LitestreamConfig config = parse("""
				dbs:
				  - path: /data/app.db
				""");

		assertThat(config.issues()).singleElement().satisfies((issue) -> {
			assertThat(issue.code()).isEqualTo(FindingCode.NO_REPLICA);
			assertThat(issue.severity()).isEqualTo(io.litewatch.health.Severity.CRITICAL);
			assertThat(issue.dbPath()).isEqualTo("/data/app.db");
			assertThat(issue.line()).isEqualTo(2);
			assertThat(issue.message())
				.isEqualTo("Line 2: database /data/app.db has no replicas, so Litestream does not back it up.");
		});
	}

}
