package io.litewatch.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.litewatch.config.ConfigFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** Replica entries Litestream 0.3.13 refuses: each error names its line. */
class ReplicaReaderErrorTest {

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

}
