package io.litewatch.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.litewatch.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Files Litestream 0.3.13 itself refuses: each error names its line. */
class ConfigParseErrorTest {

	private static ConfigParseException refused(String yaml) {
		try {
			parse(yaml);
		}
		catch (ConfigParseException ex) {
			return ex;
		}
		throw new AssertionError("expected a ConfigParseException");
	}

	@Test
	void messageFormat() {
		ConfigParseException ex = new ConfigParseException("/etc/litestream.yml", 5, "boom");
		assertThat(ex.getMessage()).isEqualTo("/etc/litestream.yml: line 5: boom");
		assertThat(ex.source()).isEqualTo("/etc/litestream.yml");
		assertThat(ex.line()).isEqualTo(5);
		assertThat(ex.reason()).isEqualTo("boom");
		assertThat(new ConfigParseException("x.yml", 0, "gone").getMessage()).isEqualTo("x.yml: gone");
	}

	@Test
	void yamlSyntaxError() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				   replicas:
				      - url: s3://b/p
				""");
		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.reason()).startsWith("yaml: ");
		assertThat(ex.getMessage()).startsWith("litestream.yml: line 3: yaml: ");
	}

	@Test
	void syntaxErrorsDoNotQuoteTheOffendingLine() {
		ConfigParseException ex = refused("""
				secret-access-key: do-not-print-me
				dbs:
				  - path: /data/app.db
				 - path: /data/other.db
				""");
		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.getMessage()).doesNotContain("do-not-print-me").doesNotContain("/data/other.db");
	}

	@Test
	void tabIndentationIsASyntaxError() {
		ConfigParseException ex = refused("dbs:\n\t- path: /data/app.db\n");
		assertThat(ex.line()).isEqualTo(2);
	}

	@Test
	void badDuration() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/p
				        retention: 1d
				""");
		assertThat(ex.line()).isEqualTo(5);
		assertThat(ex.reason()).isEqualTo("cannot unmarshal !!str `1d` into time.Duration");
	}

	@Test
	void quotedNumberIsNotADuration() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    monitor-interval: "10"
				""");
		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.reason()).isEqualTo("cannot unmarshal !!str `10` into time.Duration");
	}

	@Test
	void badBoolean() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/p
				        force-path-style: maybe
				""");
		assertThat(ex.line()).isEqualTo(5);
		assertThat(ex.reason()).isEqualTo("cannot unmarshal !!str `maybe` into bool");
	}

	@Test
	void badPageCount() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    min-checkpoint-page-count: lots
				""");
		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.reason()).isEqualTo("cannot unmarshal !!str `lots` into int");
	}

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
	void unknownReplicaType() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - name: cloud
				        type: azure
				        bucket: b
				""");
		assertThat(ex.line()).isEqualTo(5);
		assertThat(ex.reason()).isEqualTo("unknown replica type in config: \"azure\"");
	}

	@Test
	void unknownUrlScheme() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: https://bucket.example.com/p
				""");
		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.reason()).isEqualTo("unknown replica type in config: \"https\"");
	}

	@Test
	void urlWithoutScheme() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - type: s3
				        url: mybucket/backups
				""");
		assertThat(ex.line()).isEqualTo(5);
		assertThat(ex.reason()).isEqualTo("replica url scheme required: mybucket/backups");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			s3://b/p     | path: x          | cannot specify url & path for s3 replica
			s3://b/p     | bucket: x        | cannot specify url & bucket for s3 replica
			gcs://b/p    | path: x          | cannot specify url & path for gcs replica
			gcs://b/p    | bucket: x        | cannot specify url & bucket for gcs replica
			abs://c/p    | bucket: x        | cannot specify url & bucket for abs replica
			sftp://u@h/p | host: x          | cannot specify url & host for sftp replica
			sftp://u@h/p | path: x          | cannot specify url & path for sftp replica
			file:///x    | path: /y         | cannot specify url & path for file replica
			""")
	void urlCombinedWithParts(String url, String extra, String reason) {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: %s
				        %s
				""".formatted(url, extra));
		assertThat(ex.line()).isEqualTo(5);
		assertThat(ex.reason()).isEqualTo(reason);
	}

	@Test
	void s3WithoutBucket() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - type: s3
				        path: backups
				""");
		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.reason()).isEqualTo("bucket required for s3 replica");
	}

	@Test
	void sftpWithoutUserOrHost() {
		assertThat(refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - type: sftp
				        host: example.com
				""").reason()).isEqualTo("user required for sftp replica");
		assertThat(refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - type: sftp
				""").reason()).isEqualTo("host required for sftp replica");
	}

	@Test
	void fileReplicaWithoutPath() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - name: local
				""");
		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.reason()).isEqualTo("file replica path required");
	}

	@Test
	void pathThatIsAUrl() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - type: s3
				        bucket: b
				        path: s3://b/app
				""");
		assertThat(ex.line()).isEqualTo(6);
		assertThat(ex.reason())
			.isEqualTo("replica path cannot be a url, please use the 'url' field instead: s3://b/app");
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
	void exceptionTypeIsRuntime() {
		assertThatExceptionOfType(ConfigParseException.class).isThrownBy(() -> parse("dbs: {"))
			.isInstanceOf(RuntimeException.class);
	}

}
