package io.litewatch.alert.channel;

/**
 * A delivery that did not succeed; it is retried with backoff. The message names no
 * secret.
 */
public class DeliveryException extends Exception {

	public DeliveryException(String message) {
		super(message);
	}

	public DeliveryException(String message, Throwable cause) {
		super(message, cause);
	}

}
