package io.litewatch.drill;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reason in Litestream 0.3.13's last error line. After the config loads it logs with
 * slog ({@code time=… level=ERROR msg="failed to run" error="…"}), before that with Go's
 * default logger ({@code 2026/11/25 03:04:14 ERROR failed to run error="…"}), facts §3.
 */
final class LitestreamErrors {

	private static final Pattern GO_LOGGER = Pattern.compile("^\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d ERROR (.*)$");

	private static final Pattern ERROR_FIELD = Pattern.compile("error=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern MSG_FIELD = Pattern.compile("msg=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern RESTORED_GENERATION = Pattern
		.compile("msg=\"restoring snapshot\".*?\\bgeneration=([0-9a-f]{16})\\b");

	private LitestreamErrors() {
	}

	/** 0.5's {@code restore -json}: the TXID the restored file ends at. */
	private static final Pattern RESTORED_TXID = Pattern.compile("\"txid\"\\s*:\\s*\"([0-9a-f]{16})\"");

	static String reason(String output) {
		String last = null;
		for (String line : output.split("\\R")) {
			if (line.contains(" level=ERROR ") || GO_LOGGER.matcher(line).matches()) {
				last = line;
			}
		}
		if (last == null) {
			String trimmed = output.strip();
			return trimmed.isEmpty() ? "no output" : trimmed.substring(trimmed.lastIndexOf('\n') + 1);
		}
		Matcher error = ERROR_FIELD.matcher(last);
		if (error.find()) {
			return unescape(error.group(1));
		}
		Matcher msg = MSG_FIELD.matcher(last);
		if (msg.find()) {
			return unescape(msg.group(1));
		}
		Matcher go = GO_LOGGER.matcher(last);
		return go.matches() ? go.group(1) : last;
	}

	/**
	 * The generation of the {@code restoring snapshot} line ({@code generation=…}), or
	 * null when there is none.
	 */
	static String restoredGeneration(String output) {
		Matcher m = RESTORED_GENERATION.matcher(output);
		return m.find() ? m.group(1) : null;
	}

	static String restoredTxid(String output) {
		Matcher m = RESTORED_TXID.matcher(output);
		return m.find() ? m.group(1) : null;
	}

	private static String unescape(String quoted) {
		return quoted.replace("\\\"", "\"").replace("\\\\", "\\");
	}

}
