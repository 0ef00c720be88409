package io.litewatch.config;

import java.util.Map;

/**
 * Where Litestream 0.3.13 takes an s3 replica's keys from: the replica's own keys, then
 * the top-level ones, then {@code AWS_*} / {@code LITESTREAM_*} environment variables;
 * with none of them the AWS SDK's default chain decides. No {@code toString()} of its
 * own: it holds secrets.
 */
final class CredentialChain {

	private final String globalAccessKeyId;

	private final String globalSecretAccessKey;

	private final Map<String, String> env;

	/**
	 * @param globalAccessKeyId the top-level {@code access-key-id}, or null
	 * @param globalSecretAccessKey the top-level {@code secret-access-key}, or null
	 * @param env Litestream's environment
	 */
	CredentialChain(String globalAccessKeyId, String globalSecretAccessKey, Map<String, String> env) {
		this.globalAccessKeyId = emptyToNull(globalAccessKeyId);
		this.globalSecretAccessKey = emptyToNull(globalSecretAccessKey);
		this.env = env;
	}

	/** The effective credentials, or null for the SDK's default chain. */
	S3Credentials resolve(String replicaAccessKeyId, String replicaSecretAccessKey) {
		String id = emptyToNull(replicaAccessKeyId);
		String secret = emptyToNull(replicaSecretAccessKey);
		if (id != null || secret != null) {
			return new S3Credentials(nonNull(id, this.globalAccessKeyId), nonNull(secret, this.globalSecretAccessKey),
					"replica");
		}
		if (this.globalAccessKeyId != null || this.globalSecretAccessKey != null) {
			return new S3Credentials(this.globalAccessKeyId, this.globalSecretAccessKey, "global");
		}
		// applyLitestreamEnv copies LITESTREAM_* into AWS_* only where AWS_* is not set
		// at all.
		boolean awsIdSet = this.env.containsKey("AWS_ACCESS_KEY_ID");
		String envId = emptyToNull(
				awsIdSet ? this.env.get("AWS_ACCESS_KEY_ID") : this.env.get("LITESTREAM_ACCESS_KEY_ID"));
		String envSecret = emptyToNull(this.env.containsKey("AWS_SECRET_ACCESS_KEY")
				? this.env.get("AWS_SECRET_ACCESS_KEY") : this.env.get("LITESTREAM_SECRET_ACCESS_KEY"));
		if (envId == null || envSecret == null) {
			// The SDK's env provider needs both; otherwise the rest of the default chain
			// decides.
			return null;
		}
		return new S3Credentials(envId, envSecret, awsIdSet ? "AWS_ACCESS_KEY_ID env" : "LITESTREAM_ACCESS_KEY_ID env");
	}

	private static String emptyToNull(String s) {
		return (s == null || s.isEmpty()) ? null : s;
	}

	private static String nonNull(String preferred, String fallback) {
		return (preferred != null) ? preferred : fallback;
	}

}
