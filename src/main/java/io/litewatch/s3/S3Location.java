package io.litewatch.s3;

import java.util.Objects;

/**
 * Where a replica lives and how to reach it. Built by the caller from the replica
 * configuration, so this package does not depend on the config classes.
 * {@link #toString()} must not print the secret or the access key id, because locations
 * end up in logs and error pages.
 *
 * @param endpoint {@code null} means AWS itself
 * @param region {@code null} means unknown
 * @param accessKeyId {@code null} means the SDK default credential chain
 * @param path no leading {@code /}; {@code ""} when the replica sits at the bucket root
 */
public record S3Location(String endpoint, String region, boolean forcePathStyle, boolean skipVerify, String accessKeyId,
		String secretAccessKey, String bucket, String path) {

	public S3Location {
		Objects.requireNonNull(bucket, "bucket");
		// Litestream strips the leading '/' of a URL path; a trailing '/' would give
		// "a//generations/".
		path = stripSlashes(path == null ? "" : path);
		endpoint = blankToNull(endpoint);
		region = blankToNull(region);
		accessKeyId = blankToNull(accessKeyId);
	}

	/**
	 * Which replica this is: the same bucket and path behind the same endpoint, whatever
	 * the credentials. Stored with the history, so it never holds a credential.
	 */
	public String replicaKey() {
		return (endpoint == null ? "aws" : endpoint) + "|" + bucket + "|" + path;
	}

	/** Key prefix of the generations "directory", always ending in {@code /}. */
	public String prefix() {
		return path.isEmpty() ? "generations/" : path + "/generations/";
	}

	/**
	 * Whether explicit static credentials are given (otherwise the SDK default chain is
	 * used).
	 */
	public boolean hasStaticCredentials() {
		return accessKeyId != null;
	}

	/**
	 * Human-readable endpoint for messages: the configured one, or AWS with its region.
	 */
	public String endpointForDisplay() {
		if (endpoint != null) {
			return endpoint;
		}
		return region == null ? "AWS S3" : "AWS S3 (" + region + ")";
	}

	@Override
	public String toString() {
		return "S3Location[endpoint=" + endpointForDisplay() + ", region=" + region + ", forcePathStyle="
				+ forcePathStyle + ", skipVerify=" + skipVerify + ", credentials="
				+ (hasStaticCredentials() ? "static" : "default chain") + ", bucket=" + bucket + ", path=" + path + "]";
	}

	private static String stripSlashes(String s) {
		int start = 0;
		int end = s.length();
		while (start < end && s.charAt(start) == '/') {
			start++;
		}
		while (end > start && s.charAt(end - 1) == '/') {
			end--;
		}
		return s.substring(start, end);
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s;
	}

}
