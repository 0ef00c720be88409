package io.litewatch.s3;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

import javax.net.ssl.SSLException;

import io.litewatch.s3.S3ListingException.Kind;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Maps AWS SDK exceptions to {@link S3ListingException}s a person can act on. */
public final class S3Errors {

	private static final Set<String> DENIED_CODES = Set.of("AccessDenied", "InvalidAccessKeyId",
			"SignatureDoesNotMatch", "AllAccessDisabled", "InvalidToken", "ExpiredToken", "TokenRefreshRequired",
			"AccountProblem", "InvalidSecurity");

	private S3Errors() {
	}

	public static S3ListingException map(SdkException e, S3Location location) {
		String where = location.endpointForDisplay();
		String bucket = "bucket '" + location.bucket() + "'";
		S3ListingException mapped;
		if (e instanceof S3Exception s3) {
			mapped = mapService(s3, where, bucket);
		}
		else if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
			mapped = new S3ListingException(Kind.UNREACHABLE, "cannot reach " + where + ": no answer in time");
		}
		else if (e instanceof SdkClientException) {
			mapped = mapClient(e, location, where);
		}
		else {
			mapped = new S3ListingException(Kind.OTHER,
					"listing " + bucket + " at " + where + " failed: " + e.getClass().getSimpleName());
		}
		return scrub(mapped, location);
	}

	private static S3ListingException mapService(S3Exception e, String where, String bucket) {
		String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
		int status = e.statusCode();
		String detail = (code == null ? "" : code + ", ") + "HTTP " + status;
		if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
			return new S3ListingException(Kind.NO_SUCH_BUCKET,
					bucket + " does not exist at " + where + " (" + detail + ")");
		}
		if (status == 403 || (code != null && DENIED_CODES.contains(code))) {
			// Only the code: the server's message and XML may echo the access key id or
			// the string to sign.
			return new S3ListingException(Kind.ACCESS_DENIED, "access to " + bucket + " at " + where + " denied ("
					+ detail + "); check the credentials and that they may list the bucket");
		}
		if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
			return new S3ListingException(Kind.OTHER,
					"listing " + bucket + " at " + where + " failed (" + detail + "); is the region right?");
		}
		return new S3ListingException(Kind.OTHER, "listing " + bucket + " at " + where + " failed (" + detail + ")");
	}

	private static S3ListingException mapClient(SdkException e, S3Location location, String where) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof ConnectException) {
				return new S3ListingException(Kind.UNREACHABLE, "cannot reach " + where + ": connection refused");
			}
			if (t instanceof UnknownHostException) {
				return new S3ListingException(Kind.UNREACHABLE, "cannot reach " + where + ": unknown host");
			}
			if (t instanceof NoRouteToHostException) {
				return new S3ListingException(Kind.UNREACHABLE, "cannot reach " + where + ": no route to host");
			}
			// Apache's ConnectTimeoutException is an InterruptedIOException, like
			// SocketTimeoutException.
			if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
				return new S3ListingException(Kind.UNREACHABLE, "cannot reach " + where + ": timed out");
			}
			if (t instanceof SSLException) {
				return new S3ListingException(Kind.OTHER, "TLS with " + where + " failed: " + t.getMessage()
						+ (location.skipVerify() ? "" : " (skip-verify is off)"));
			}
		}
		String message = e.getMessage() == null ? "" : e.getMessage();
		if (message.contains("Unable to load credentials")) {
			return new S3ListingException(Kind.ACCESS_DENIED, "no credentials for " + where
					+ ": none configured, and the AWS default chain (environment, profile, instance role) found none");
		}
		return new S3ListingException(Kind.OTHER, "listing at " + where + " failed: " + firstLine(message));
	}

	/**
	 * Belt and braces: whatever a message ended up quoting, the credentials never leave.
	 */
	static S3ListingException scrub(S3ListingException e, S3Location location) {
		String message = e.getMessage();
		String scrubbed = message;
		for (String secret : new String[] { location.secretAccessKey(), location.accessKeyId() }) {
			if (secret != null && !secret.isEmpty()) {
				scrubbed = scrubbed.replace(secret, "****");
			}
		}
		return scrubbed.equals(message) ? e : new S3ListingException(e.kind(), scrubbed);
	}

	private static String firstLine(String s) {
		int nl = s.indexOf('\n');
		return nl < 0 ? s : s.substring(0, nl);
	}

}
