package io.litewatch.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The restore helper's command blocks as a person copies them, and running one the way
 * they would paste it into a shell.
 */
final class PrintedCommands {

	private static final Pattern BLOCK = Pattern
		.compile("<code id=\"cmd-[a-z]+-\\d+\" data-testid=\"command\">(.*?)</code>", Pattern.DOTALL);

	private PrintedCommands() {
	}

	/** The text of the helper's first command block that starts with {@code start}. */
	static String command(String html, String start) {
		return command(html, start, "");
	}

	/**
	 * The first block that starts with {@code start} and contains {@code part}.
	 */
	static String command(String html, String start, String part) {
		Matcher m = BLOCK.matcher(html);
		while (m.find()) {
			String text = m.group(1)
				.replace("&lt;", "<")
				.replace("&gt;", ">")
				.replace("&quot;", "\"")
				.replace("&#39;", "'")
				.replace("&amp;", "&");
			if (text.startsWith(start) && text.contains(part)) {
				return text;
			}
		}
		throw new AssertionError(
				"no command block starting with '" + start + "' and holding '" + part + "' on the helper\n" + html);
	}

	/**
	 * Runs {@code command} with sh, in this process's environment, its output (both
	 * streams) into {@code log}; killed past {@code timeout}.
	 */
	static Run run(String command, Path log, Duration timeout) throws IOException, InterruptedException {
		Process sh = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (!sh.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError(
						"still running after " + timeout.toSeconds() + " s: " + command + "\n" + Files.readString(log));
			}
			return new Run(sh.exitValue(), Files.readString(log));
		}
		finally {
			sh.destroyForcibly();
		}
	}

	record Run(int exit, String output) {
	}

}
