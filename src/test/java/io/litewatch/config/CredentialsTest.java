package io.litewatch.config;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.litewatch.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** Credential fallbacks, and that no secret ever reaches a string meant for people. */
class CredentialsTest {

	private static final String REPLICA_KEYS = """
			access-key-id: REPLICAID
			        secret-access-key: replica-secret""";

	private static S3Credentials credentials(String globals, String replicaKeys, Map<String, String> env) {
		return parse("""
				%s
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/app
				        %s
				""".formatted(globals, replicaKeys), env).dbs().get(0).replicas().get(0).credentials();
	}

	private static Map<String, String> env(String... pairs) {
		Map<String, String> env = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			env.put(pairs[i], pairs[i + 1]);
		}
		return env;
	}

	private static final String GLOBALS = "access-key-id: GLOBALID\nsecret-access-key: global-secret";

	private static final Map<String, String> ALL_ENV = env("AWS_ACCESS_KEY_ID", "AWSID", "AWS_SECRET_ACCESS_KEY",
			"aws-secret", "LITESTREAM_ACCESS_KEY_ID", "LSID", "LITESTREAM_SECRET_ACCESS_KEY", "ls-secret");

	@Test
	void replicaKeysWin() {
		assertThat(credentials(GLOBALS, REPLICA_KEYS, ALL_ENV))
			.isEqualTo(new S3Credentials("REPLICAID", "replica-secret", "replica"));
	}

	@Test
	void thenGlobalKeys() {
		assertThat(credentials(GLOBALS, "", ALL_ENV))
			.isEqualTo(new S3Credentials("GLOBALID", "global-secret", "global"));
	}

	@Test
	void replicaKeyMixesWithGlobalSecretPerField() {
		assertThat(credentials(GLOBALS, "access-key-id: REPLICAID", Map.of()))
			.isEqualTo(new S3Credentials("REPLICAID", "global-secret", "replica"));
	}

	@Test
	void thenAwsEnvWhichBeatsLitestreamEnv() {
		assertThat(credentials("", "", ALL_ENV))
			.isEqualTo(new S3Credentials("AWSID", "aws-secret", "AWS_ACCESS_KEY_ID env"));
	}

	@Test
	void litestreamEnvWhenAwsIsUnset() {
		assertThat(credentials("", "",
				env("LITESTREAM_ACCESS_KEY_ID", "LSID", "LITESTREAM_SECRET_ACCESS_KEY", "ls-secret")))
			.isEqualTo(new S3Credentials("LSID", "ls-secret", "LITESTREAM_ACCESS_KEY_ID env"));
	}

	@Test
	void awsEnvAlone() {
		assertThat(credentials("", "", env("AWS_ACCESS_KEY_ID", "AWSID", "AWS_SECRET_ACCESS_KEY", "aws-secret")))
			.isEqualTo(new S3Credentials("AWSID", "aws-secret", "AWS_ACCESS_KEY_ID env"));
	}

	@Test
	void nothingMeansTheSdkDefaultChain() {
		assertThat(credentials("", "", Map.of())).isNull();
		// half a pair is not enough for the SDK's env provider
		assertThat(credentials("", "", env("AWS_ACCESS_KEY_ID", "AWSID"))).isNull();
	}

	@Test
	void expandedGlobalsFromEnvAreGlobal() {
		assertThat(credentials(
				"access-key-id: ${LITESTREAM_ACCESS_KEY_ID}\nsecret-access-key: ${LITESTREAM_SECRET_ACCESS_KEY}", "",
				env("LITESTREAM_ACCESS_KEY_ID", "LSID", "LITESTREAM_SECRET_ACCESS_KEY", "ls-secret")))
			.isEqualTo(new S3Credentials("LSID", "ls-secret", "global"));
	}

	@Test
	void onlyS3ReplicasGetCredentials() {
		ReplicaConfig gcs = parse("""
				access-key-id: GLOBALID
				secret-access-key: ${SECRET}
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: gcs://b/app
				""", Map.of("SECRET", "s")).dbs().get(0).replicas().get(0);
		assertThat(gcs.credentials()).isNull();
	}

	@Test
	void credentialsToStringShowsOnlyTheSource() {
		assertThat(new S3Credentials("AKIDXYZ", "topsecret", "global")).hasToString("S3Credentials[source=global]");
	}

	@Test
	void secretsNeverLeak() {
		String[] secrets = { "AKIDGLOBALLEAK", "global-secret-leak", "AKIDREPLICALEAK", "replica-secret-leak",
				"sftp-password-leak", "abs-account-key-leak", "url-password-leak", "AGE-SECRET-KEY-1LEAK",
				"env-secret-leak" };
		LitestreamConfig config = parse("""
				access-key-id: AKIDGLOBALLEAK
				secret-access-key: global-secret-leak
				dbs:
				  - path: /data/app.db
				    replicas:
				      - name: explicit
				        url: s3://b/app
				        access-key-id: AKIDREPLICALEAK
				        secret-access-key: replica-secret-leak
				        age:
				          identities: [AGE-SECRET-KEY-1LEAK]
				      - name: global
				        url: s3://b/app2
				      - name: ssh
				        type: sftp
				        host: example.com
				        user: me
				        password: sftp-password-leak
				      - name: ssh-url
				        url: sftp://me:url-password-leak@example.com/backups
				      - name: azure
				        type: abs
				        account-name: acct
				        account-key: abs-account-key-leak
				        bucket: container
				  - path: /data/other.db
				    replicas:
				      - url: s3://b/other
				        secret-access-key: $ENV_SECRET
				""", Map.of("ENV_SECRET", "env-secret-leak"));

		assertThat(config.issues()).isNotEmpty();
		String everything = config.toString() + config.issues().stream().map(ConfigIssue::message).toList()
				+ config.dbs().stream().flatMap((db) -> db.replicas().stream()).map(ReplicaConfig::location).toList();
		for (String secret : secrets) {
			assertThat(everything).doesNotContain(secret);
		}
		// the credentials are still there for the S3 client to use
		assertThat(config.dbs().get(0).replicas().get(0).credentials().secretAccessKey())
			.isEqualTo("replica-secret-leak");
	}

	@Test
	void secretsNeverLeakIntoErrors() {
		String[] yamls = { """
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: sftp://me:pw-leak@example.com/backups
				        host: other.example.com
				""", """
				dbs:
				  - path: /data/app.db
				    replicas:
				      - type: s3
				        bucket: b
				        path: s3://me:pw-leak@host/path
				""", """
				secret-access-key: secret-leak
				dbs:
				  - path: /data/app.db
				   replicas: []
				""", """
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: me:pw-leak@host/path
				""", """
				dbs:
				  - path: /data/app.db
				    replicas:
				      - type: sftp
				        url: //me:pw-leak@host/path
				""" };
		for (String yaml : yamls) {
			try {
				parse(yaml);
				throw new AssertionError("expected an error for\n" + yaml);
			}
			catch (ConfigParseException ex) {
				assertThat(ex.getMessage()).doesNotContain("pw-leak").doesNotContain("secret-leak");
			}
		}
	}

}
