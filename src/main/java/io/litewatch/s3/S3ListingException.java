package io.litewatch.s3;

/**
 * A listing failed. The message is for a person and never contains a secret or an access
 * key id.
 */
public class S3ListingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public enum Kind {

		/** Connection refused, timed out, unknown host: nothing answered. */
		UNREACHABLE,
		/** 403, InvalidAccessKeyId, SignatureDoesNotMatch, or no credentials at all. */
		ACCESS_DENIED, NO_SUCH_BUCKET, OTHER

	}

	private final Kind kind;

	public S3ListingException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	// The SDK's exception is deliberately not kept as the cause: its message and the HTTP
	// details it
	// carries can include the access key id (in the Authorization header or the error
	// XML), and
	// causes get printed by loggers.
	public Kind kind() {
		return kind;
	}

}
