package io.litewatch.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Go's url.Parse split rules, Litestream's ParseReplicaURL and s3.ParseHost. */
class ReplicaUrlsTest {

	@Test
	void parseHostDirectly() {
		assertThat(ReplicaUrls.parseS3Host("localhost:9000"))
			.isEqualTo(new ReplicaUrls.S3Host(null, "us-east-1", "http://localhost:9000", true));
	}

	@Test
	void pathIsCleanedAndLosesItsLeadingSlash() {
		ReplicaUrls.ReplicaUrl url = ReplicaUrls.parseReplicaUrl("s3://my.dotted.bucket/a/b/../c/");

		assertThat(url.scheme()).isEqualTo("s3");
		assertThat(url.host()).isEqualTo("my.dotted.bucket");
		assertThat(url.path()).isEqualTo("a/c");
		assertThat(url.rawPath()).isEqualTo("/a/b/../c/");
		assertThat(url.user()).isNull();
		assertThat(url.password()).isNull();
		assertThat(url.redacted()).isEqualTo("s3://my.dotted.bucket/a/b/../c/");
	}

	@Test
	void userinfoIsSplitAndThePasswordRedacted() {
		ReplicaUrls.ReplicaUrl url = ReplicaUrls
			.parseReplicaUrl("sftp://backup:hunter2@example.com:2222/var/backups/app");

		assertThat(url.user()).isEqualTo("backup");
		assertThat(url.password()).isEqualTo("hunter2");
		assertThat(url.host()).isEqualTo("example.com:2222");
		assertThat(url.rawPath()).isEqualTo("/var/backups/app");
		assertThat(url.redacted()).isEqualTo("sftp://backup:xxxxx@example.com:2222/var/backups/app");
		assertThat(url.toString()).contains("hunter2"); // the record is internal;
														// ReplicaConfig keeps only
														// redacted
	}

	@Test
	void percentEscapesAreDecodedButPlusStaysAPlus() {
		ReplicaUrls.ReplicaUrl url = ReplicaUrls.parseReplicaUrl("s3://b/a%20b+c?x=1");

		assertThat(url.path()).isEqualTo("a b+c");
		assertThat(url.redacted()).isEqualTo("s3://b/a%20b+c?x=1");
	}

	@Test
	void schemeIsLowerCasedButRedactedAsWritten() {
		ReplicaUrls.ReplicaUrl url = ReplicaUrls.parseReplicaUrl("S3://b/p");

		assertThat(url.scheme()).isEqualTo("s3");
		assertThat(url.redacted()).isEqualTo("S3://b/p");
	}

	@Test
	void withoutSchemeEverythingIsPath() {
		ReplicaUrls.ReplicaUrl url = ReplicaUrls.parseReplicaUrl("mybucket/backups");

		assertThat(url.scheme()).isEmpty();
		assertThat(url.host()).isEmpty();
		assertThat(url.path()).isEqualTo("mybucket/backups");
	}

	@Test
	void fileUrlWithAHostIsRooted() {
		assertThat(ReplicaUrls.parseReplicaUrl("file://var/backups").path()).isEqualTo("/var/backups");
		assertThat(ReplicaUrls.parseReplicaUrl("file:///var/backups/").path()).isEqualTo("/var/backups");
	}

	@Test
	void plainBucketHostKeepsVirtualHostedStyle() {
		assertThat(ReplicaUrls.parseS3Host("mybucket"))
			.isEqualTo(new ReplicaUrls.S3Host("mybucket", null, null, false));
		assertThat(ReplicaUrls.parseS3Host("mybucket.s3.fr-par.scw.cloud:8443"))
			.isEqualTo(new ReplicaUrls.S3Host("mybucket", "fr-par", "https://s3.fr-par.scw.cloud:8443", true));
	}

	@ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
	@CsvSource(delimiter = '|', emptyValue = "", quoteCharacter = '"', textBlock = """
			""         | .
			/          | /
			a//b/./c/  | a/b/c
			a/../..    | ..
			/a/../..   | /
			../x       | ../x
			/a/b/../c  | /a/c
			""")
	void cleanPathIsGoPathClean(String path, String expected) {
		assertThat(ReplicaUrls.cleanPath(path)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			localhost      | false
			:9090          | true
			localhost:9090 | true
			localhost:     | false
			""")
	void hasPort(String hostPort, boolean expected) {
		assertThat(ReplicaUrls.hasPort(hostPort)).isEqualTo(expected);
	}

}
