package io.litewatch.config;

/**
 * Effective S3-style credentials of a replica.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret access key
 * @param source where they came from: {@code replica}, {@code global},
 * {@code LITESTREAM_ACCESS_KEY_ID env} or {@code AWS_ACCESS_KEY_ID env}
 */
public record S3Credentials(String accessKeyId, String secretAccessKey, String source) {

	/**
	 * Only the source: this record ends up in logs and on the page via its parents'
	 * toString.
	 */
	@Override
	public String toString() {
		return "S3Credentials[source=" + this.source + "]";
	}

}
