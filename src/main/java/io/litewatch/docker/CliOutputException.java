package io.litewatch.docker;

/**
 * The output is not what Litestream 0.3.13 prints: no header or another one (for example
 * 0.5's {@code path  replica} or {@code min_txid ...}), a row with the wrong number of
 * cells, a bad number, time or duration. The message quotes the offending line (at most
 * 200 characters) and says what was expected, so a person can see which Litestream they
 * are really talking to.
 */
public class CliOutputException extends RuntimeException {

	public CliOutputException(String message) {
		super(message);
	}

	public CliOutputException(String message, Throwable cause) {
		super(message, cause);
	}

}
