package io.litewatch.alert.channel;

/**
 * A delivery that did not succeed; it is retried with backoff. The message names no
 * secret, and is cut to {@link Redaction#MAX_ERROR_TEXT} characters on one line since it
 * is stored and shown as the delivery's last error.
 */
public class DeliveryException extends Exception {

	public DeliveryException(String message) {
		super(Redaction.errorText(message));
	}

	public DeliveryException(String message, Throwable cause) {
		super(Redaction.errorText(message), cause);
	}

}
