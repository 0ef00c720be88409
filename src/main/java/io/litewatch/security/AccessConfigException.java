package io.litewatch.security;

/**
 * A {@code litewatch.security.*} setting Litewatch cannot start with. Its message names
 * the setting and what is wrong, never the value: the value is a hash.
 */
public class AccessConfigException extends RuntimeException {

	private final String action;

	AccessConfigException(String message, String action) {
		super(message);
		this.action = action;
	}

	/** What to do about it, for the start-up failure report. */
	public String action() {
		return action;
	}

}
