package io.litewatch.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.litewatch.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a replica entry becomes a ReplicaConfig: URL and host forms, explicit fields,
 * defaults.
 */
class ReplicaReaderTest {

	private static ReplicaConfig replica(String lines) {
		return parse("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - %s
				""".formatted(lines.replace("\n", "\n        "))).dbs().get(0).replicas().get(0);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(nullValues = "null",
			textBlock = """
					s3://mybucket.localhost:9000/backups/app,         mybucket, backups/app, http://localhost:9000,                 us-east-1,   true
					s3://mybucket.localhost/app,                      mybucket, app,         http://localhost,                      us-east-1,   true
					s3://mybucket.s3.us-west-002.backblazeb2.com/app, mybucket, app,         https://s3.us-west-002.backblazeb2.com, us-west-002, true
					s3://mybucket.s3.filebase.com/app,                mybucket, app,         https://s3.filebase.com,               us-east-1,   true
					s3://mybucket.nyc3.digitaloceanspaces.com/app,    mybucket, app,         https://nyc3.digitaloceanspaces.com,   nyc3,        true
					s3://mybucket.s3.fr-par.scw.cloud/app,            mybucket, app,         https://s3.fr-par.scw.cloud,           fr-par,      true
					s3://mybucket.us-east-1.linodeobjects.com/app,    mybucket, app,         https://us-east-1.linodeobjects.com,   us-east-1,   true
					s3://mybucket/app,                                mybucket, app,         null,                                  null,        false
					s3://my.dotted.bucket/a/b/../c/,                  my.dotted.bucket, a/c, null,                                  null,        false
					s3://mybucket,                                    mybucket, '',          null,                                  null,        false
					""")
	void s3HostForms(String url, String bucket, String path, String endpoint, String region, boolean pathStyle) {
		ReplicaConfig r = replica("url: " + url);

		assertThat(r.type()).isEqualTo("s3");
		assertThat(r.bucket()).isEqualTo(bucket);
		assertThat(r.path()).isEqualTo(path);
		assertThat(r.endpoint()).isEqualTo(endpoint);
		assertThat(r.region()).isEqualTo(region);
		assertThat(r.forcePathStyle()).isEqualTo(pathStyle);
		assertThat(r.url()).isEqualTo(url);
	}

	@Test
	void urlWithExplicitEndpointAndRegion() {
		ReplicaConfig r = replica("""
				url: s3://backups/app
				endpoint: http://minio:9000
				region: eu-central-1""");

		assertThat(r.bucket()).isEqualTo("backups");
		assertThat(r.endpoint()).isEqualTo("http://minio:9000");
		assertThat(r.region()).isEqualTo("eu-central-1");
		assertThat(r.forcePathStyle()).isTrue();
		assertThat(r.location()).isEqualTo("s3://backups/app");
	}

	@Test
	void explicitEndpointWithoutRegionDefaultsToUsEast1() {
		ReplicaConfig r = replica("""
				url: s3://backups/app
				endpoint: http://minio:9000""");

		assertThat(r.region()).isEqualTo("us-east-1");
	}

	@Test
	void explicitForcePathStyleOverridesTheEndpointDefault() {
		ReplicaConfig r = replica("""
				type: s3
				bucket: b
				endpoint: https://storage.example
				force-path-style: false""");

		assertThat(r.forcePathStyle()).isFalse();
	}

	@Test
	void localhostUrlTurnsPathStyleOnEvenWhenSetOff() {
		// Litestream only lets the URL switch path style on.
		ReplicaConfig r = replica("""
				url: s3://b.localhost:9000/app
				force-path-style: false""");

		assertThat(r.forcePathStyle()).isTrue();
	}

	@Test
	void gcs() {
		ReplicaConfig r = replica("url: gcs://my-bucket/db/app");

		assertThat(r.type()).isEqualTo("gcs");
		assertThat(r.name()).isEqualTo("gcs");
		assertThat(r.bucket()).isEqualTo("my-bucket");
		assertThat(r.path()).isEqualTo("db/app");
		assertThat(r.credentials()).isNull();
		assertThat(r.location()).isEqualTo("gcs://my-bucket/db/app");
	}

	@Test
	void absWithAccount() {
		ReplicaConfig r = replica("url: abs://myaccount@mycontainer/db");

		assertThat(r.type()).isEqualTo("abs");
		assertThat(r.bucket()).isEqualTo("mycontainer");
		assertThat(r.path()).isEqualTo("db");
		assertThat(r.location()).isEqualTo("abs://mycontainer/db");
	}

	@Test
	void absWithFields() {
		ReplicaConfig r = replica("""
				type: abs
				account-name: acct
				account-key: ${KEY}
				bucket: container
				path: db""");

		assertThat(r.bucket()).isEqualTo("container");
		assertThat(r.path()).isEqualTo("db");
	}

	@Test
	void sftpPasswordIsRedacted() {
		ReplicaConfig r = replica("url: sftp://backup:hunter2@example.com:2222/var/backups/app");

		assertThat(r.type()).isEqualTo("sftp");
		assertThat(r.endpoint()).isEqualTo("example.com:2222");
		assertThat(r.path()).isEqualTo("/var/backups/app");
		assertThat(r.bucket()).isNull();
		assertThat(r.url()).isEqualTo("sftp://backup:xxxxx@example.com:2222/var/backups/app");
		assertThat(r.location()).isEqualTo("sftp://example.com:2222/var/backups/app");
		assertThat(r.toString()).doesNotContain("hunter2");
	}

	@Test
	void sftpWithFieldsGetsTheDefaultPort() {
		ReplicaConfig r = replica("""
				type: sftp
				host: example.com
				user: backup
				key-path: /keys/id_ed25519
				path: backups""");

		assertThat(r.endpoint()).isEqualTo("example.com:22");
		assertThat(r.location()).isEqualTo("sftp://example.com:22/backups");
	}

	@Test
	void fileUrl() {
		ReplicaConfig r = replica("url: file:///var/backups/app");

		assertThat(r.type()).isEqualTo("file");
		assertThat(r.bucket()).isNull();
		assertThat(r.path()).isEqualTo("/var/backups/app");
		assertThat(r.location()).isEqualTo("file:///var/backups/app");
	}

	@Test
	void fileUrlWithAHostIsRootedLikeGo() {
		assertThat(replica("url: file://var/backups").path()).isEqualTo("/var/backups");
	}

	@Test
	void explicitTypeAndBucket() {
		ReplicaConfig r = replica("""
				type: s3
				name: primary
				bucket: b
				path: /leading/slash""");

		assertThat(r.name()).isEqualTo("primary");
		assertThat(r.url()).isNull();
		assertThat(r.path()).isEqualTo("/leading/slash");
	}

	@Test
	void theLinesOfTheIntervalsTheEntrySetsAreKeptAndTheOthersRunOnDefaults() {
		ReplicaConfig r = replica("""
				url: s3://backups/app
				sync-interval: 10s
				retention:
				snapshot-interval: 1h""");

		// The entry starts on line 4 of the file; retention is written but empty.
		assertThat(r.line()).isEqualTo(4);
		assertThat(r.settingLine("sync-interval")).hasValue(5);
		assertThat(r.settingLine("snapshot-interval")).hasValue(7);
		assertThat(r.settingLine("retention")).isEmpty();
		assertThat(r.settingLine("retention-check-interval")).isEmpty();
		assertThat(r.retention()).hasHours(24);
	}

}
