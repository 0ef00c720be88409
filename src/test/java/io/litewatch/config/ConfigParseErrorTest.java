package io.litewatch.config;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.litewatch.config.ConfigFixtures.parse;
import static io.litewatch.config.ConfigFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Files Litestream 0.3.13 itself refuses at the top and database level: each error names
 * its line.
 */
class ConfigParseErrorTest {

	@Test
	void nonPositiveMinCheckpointPageCount() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    min-checkpoint-page-count: 0
				""");
		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.reason()).isEqualTo("minimum checkpoint page count required");
	}

	@Test
	void duplicateReplicaNames() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://one/app
				      - url: s3://two/app
				""");
		assertThat(ex.line()).isEqualTo(5);
		assertThat(ex.reason()).isEqualTo("duplicate replica name: \"s3\"");
	}

	@Test
	void missingDatabasePath() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas: [{url: "s3://b/a"}]
				  - meta-path: /tmp/meta
				    replicas: [{url: "s3://b/b"}]
				""");
		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.reason()).isEqualTo("must specify database path in configuration");
	}

	@Test
	void topLevelNotAMapping() {
		ConfigParseException ex = refused("""
				# a list instead of a mapping
				- path: /data/app.db
				""");
		assertThat(ex.line()).isEqualTo(2);
		assertThat(ex.reason()).isEqualTo("cannot unmarshal !!seq into main.Config");
		assertThat(refused("just text\n").reason()).isEqualTo("cannot unmarshal !!str `just text` into main.Config");
	}

	@Test
	void dbsNotAList() {
		ConfigParseException ex = refused("""
				dbs:
				  path: /data/app.db
				""");
		assertThat(ex.line()).isEqualTo(2);
		assertThat(ex.reason()).isEqualTo("cannot unmarshal !!map into []*main.DBConfig");
	}

	@Test
	void replicasNotAList() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      url: s3://b/p
				""");
		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.reason()).isEqualTo("cannot unmarshal !!map into []*main.ReplicaConfig");
	}

	@Test
	void addrWithoutPort() {
		ConfigParseException ex = refused("""
				addr: localhost
				dbs: []
				""");
		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.reason()).isEqualTo("must specify port for bind address: \"localhost\"");
	}

	@Test
	@Timeout(5)
	void expansionPastTheBoundIsRefused() {
		// 1,000 characters of file, 1.5 million once expanded
		String yaml = "exec: " + "$BIG".repeat(250) + "\ndbs: []\n";
		Map<String, String> env = Map.of("BIG", "x".repeat(6_000));

		assertThatExceptionOfType(ConfigParseException.class).isThrownBy(() -> parse(yaml, env))
			.satisfies((ex) -> assertThat(ex.reason())
				.isEqualTo("the file is longer than 1048576 characters once environment variables are expanded"));
		assertThat(parse("exec: " + "$BIG".repeat(10) + "\ndbs: []\n", env).dbs()).isEmpty();
	}

}
