package io.litewatch.config;

/**
 * Thrown when Litestream 0.3.13 itself would refuse the file. The message never contains
 * a secret: callers show it on the page and in logs.
 */
public class ConfigParseException extends RuntimeException {

	private final String source;

	private final int line;

	private final String reason;

	/**
	 * @param source the file name or path the text came from
	 * @param line 1-based line, 0 when unknown
	 * @param reason what is wrong, in Litestream's wording where it has one
	 */
	public ConfigParseException(String source, int line, String reason) {
		super(format(source, line, reason));
		this.source = source;
		this.line = line;
		this.reason = reason;
	}

	private static String format(String source, int line, String reason) {
		return (line > 0) ? source + ": line " + line + ": " + reason : source + ": " + reason;
	}

	public String source() {
		return this.source;
	}

	public int line() {
		return this.line;
	}

	public String reason() {
		return this.reason;
	}

}
