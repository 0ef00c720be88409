package io.litewatch.config;

import java.time.Duration;
import java.util.List;

import io.litewatch.health.FindingCode;
import io.litewatch.health.Severity;
import org.junit.jupiter.api.Test;

import static io.litewatch.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** What Litestream 0.3.13 accepts silently but probably isn't what the user meant. */
class ConfigLintsTest {

	private static List<ConfigIssue> issues(String yaml) {
		return parse(yaml).issues();
	}

	@Test
	void unknownReplicaKeyWithUnderscoreSuggestsTheDashedKey() {
		LitestreamConfig config = parse("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/app
				        sync_interval: 10s
				""");

		assertThat(config.issues()).singleElement().satisfies((issue) -> {
			assertThat(issue.code()).isEqualTo(FindingCode.CONFIG_SUSPICIOUS);
			assertThat(issue.severity()).isEqualTo(Severity.WARNING);
			assertThat(issue.line()).isEqualTo(5);
			assertThat(issue.dbPath()).isEqualTo("/data/app.db");
			assertThat(issue.replicaName()).isEqualTo("s3");
			assertThat(issue.message()).startsWith("Line 5: unknown key `sync_interval`")
				.contains("silently ignores it")
				.contains("did you mean sync-interval?");
		});
		// and the value really is ignored
		assertThat(config.dbs().get(0).replicas().get(0).syncInterval()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void typosAtEveryLevelAreReported() {
		List<ConfigIssue> issues = issues("""
				adr: ":9090"
				logging:
				  levle: debug
				dbs:
				  - path: /data/app.db
				    checkpoint-intervall: 1m
				    replicas:
				      - url: s3://b/app
				        retension: 72h
				        age:
				          recipient: [x]
				""");

		assertThat(issues).extracting(ConfigIssue::line).containsExactly(1, 3, 6, 9, 11);
		assertThat(issues).extracting(ConfigIssue::message)
			.anySatisfy((m) -> assertThat(m).contains("`adr`").contains("did you mean addr?"))
			.anySatisfy((m) -> assertThat(m).contains("`levle`").contains("did you mean level?"))
			.anySatisfy((m) -> assertThat(m).contains("`checkpoint-intervall`")
				.contains("did you mean checkpoint-interval?"))
			.anySatisfy((m) -> assertThat(m).contains("`retension`").contains("did you mean retention?"))
			.anySatisfy((m) -> assertThat(m).contains("`recipient`").contains("did you mean recipients?"));
		assertThat(issues).allSatisfy((issue) -> assertThat(issue.severity()).isEqualTo(Severity.WARNING));
	}

	@Test
	void unknownKeyFarFromAnyKnownKeyHasNoSuggestion() {
		assertThat(issues("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/app
				        colour: blue
				""")).singleElement()
			.satisfies((issue) -> assertThat(issue.message()).contains("`colour`").doesNotContain("did you mean"));
	}

	@Test
	void replicaBlockIsLitestream05SyntaxAndLeavesTheDatabaseUnreplicated() {
		List<ConfigIssue> issues = issues("""
				dbs:
				  - path: /data/app.db
				    replica:
				      url: s3://b/app
				""");

		assertThat(issues).hasSize(2);
		assertThat(issues).filteredOn((issue) -> issue.code() == FindingCode.CONFIG_SUSPICIOUS)
			.singleElement()
			.satisfies((issue) -> {
				assertThat(issue.code()).isEqualTo(FindingCode.CONFIG_SUSPICIOUS);
				assertThat(issue.severity()).isEqualTo(Severity.CRITICAL);
				assertThat(issue.line()).isEqualTo(3);
				assertThat(issue.message()).startsWith("Line 3: `replica:`")
					.contains("Litestream 0.5")
					.contains("ignores it")
					.contains("not backed up")
					.contains("replicas:");
			});
		assertThat(issues).filteredOn((issue) -> issue.code() == FindingCode.NO_REPLICA)
			.singleElement()
			.satisfies((issue) -> assertThat(issue.severity()).isEqualTo(Severity.CRITICAL));
	}

	@Test
	void litestream05TopLevelKeys() {
		List<ConfigIssue> issues = issues("""
				snapshot:
				  interval: 1h
				  retention: 24h
				levels:
				  - interval: 30s
				l0-retention: 5m
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/app
				""");

		assertThat(issues).extracting(ConfigIssue::line).containsExactly(1, 4, 6);
		assertThat(issues).allSatisfy((issue) -> {
			assertThat(issue.code()).isEqualTo(FindingCode.CONFIG_SUSPICIOUS);
			assertThat(issue.message()).contains("Litestream 0.5").contains("0.3.13 ignores");
			assertThat(issue.dbPath()).isNull();
		});
		assertThat(issues.get(0).message()).contains("`snapshot`").contains("snapshot-interval");
	}

	@Test
	void bareIntegerDurationsAreNanoseconds() {
		LitestreamConfig config = parse("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/app
				        retention: 10
				        sync-interval: 2000000000
				""");

		ReplicaConfig r = config.dbs().get(0).replicas().get(0);
		assertThat(r.retention()).isEqualTo(Duration.ofNanos(10));
		assertThat(r.syncInterval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(r.retentionCheckInterval()).isEqualTo(Duration.ofNanos(10));
		assertThat(config.issues()).extracting(ConfigIssue::line).containsExactly(5, 6);
		assertThat(config.issues().get(0).message()).startsWith("Line 5: `retention: 10` has no unit")
			.contains("nanoseconds: 10ns");
		assertThat(config.issues().get(1).message()).contains("nanoseconds: 2s");
	}

	@Test
	void snapshotIntervalLongerThanRetention() {
		assertThat(issues("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/app
				        snapshot-interval: 48h
				        retention: 24h
				""")).singleElement().satisfies((issue) -> {
			assertThat(issue.line()).isEqualTo(5);
			assertThat(issue.severity()).isEqualTo(Severity.WARNING);
			assertThat(issue.message()).contains("snapshot-interval")
				.contains("48h0m0s")
				.contains("longer than its retention (24h0m0s)");
		});
	}

	@Test
	void retentionDisabled() {
		assertThat(issues("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/app
				        retention: 0s
				""")).singleElement().satisfies((issue) -> {
			assertThat(issue.line()).isEqualTo(5);
			assertThat(issue.message()).contains("disables retention").contains("grows forever");
		});
	}

	@Test
	void plainTextSecretsAreReportedButEnvReferencesAreNot() {
		List<ConfigIssue> issues = parse("""
				access-key-id: AKIAPLAINTEXT
				secret-access-key: ${SECRET}
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/app
				        secret-access-key: plain-secret-value
				""", java.util.Map.of("SECRET", "from-env")).issues();

		assertThat(issues).extracting(ConfigIssue::line).containsExactly(1, 7);
		assertThat(issues.get(0).message()).contains("`access-key-id`")
			.contains("plain text")
			.contains("environment")
			.doesNotContain("AKIAPLAINTEXT");
		assertThat(issues.get(1).message()).contains("`secret-access-key`").doesNotContain("plain-secret-value");
		assertThat(issues.get(1).replicaName()).isEqualTo("s3");
	}

	@Test
	void duplicateKeysUseTheLastValue() {
		LitestreamConfig config = parse("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/app
				        retention: 1h
				        retention: 2h
				""");

		assertThat(config.dbs().get(0).replicas().get(0).retention()).isEqualTo(Duration.ofHours(2));
		assertThat(config.issues()).singleElement()
			.satisfies((issue) -> assertThat(issue.message()).contains("set twice").contains("line 5"));
	}

	@Test
	void monitorIntervalZeroTurnsOffReplication() {
		assertThat(issues("""
				dbs:
				  - path: /data/app.db
				    monitor-interval: 0s
				    replicas:
				      - url: s3://b/app
				""")).singleElement().satisfies((issue) -> {
			assertThat(issue.line()).isEqualTo(3);
			assertThat(issue.message()).contains("monitor-interval").contains("not replicated");
		});
	}

	@Test
	void unknownLoggingLevel() {
		assertThat(issues("""
				logging:
				  level: verbose
				dbs: []
				""")).singleElement().satisfies((issue) -> {
			assertThat(issue.line()).isEqualTo(2);
			assertThat(issue.message()).contains("verbose").contains("info");
		});
	}

	@Test
	void cleanConfigHasNoIssues() {
		assertThat(issues("""
				addr: ":9090"
				logging:
				  level: warn
				  type: json
				  stderr: true
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/app
				        snapshot-interval: 1h
				        retention: 72h
				""")).isEmpty();
	}

}
