package io.litewatch.restore;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting for the printed commands: a word made only of characters no shell
 * treats specially stays as it is, so the common command reads cleanly; anything else is
 * single-quoted, which no shell expands.
 */
final class Shell {

	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

	private Shell() {
	}

	static String quote(String word) {
		if (PLAIN.matcher(word).matches()) {
			return word;
		}
		return "'" + word.replace("'", "'\"'\"'") + "'";
	}

	/** One command line: every word quoted as needed, joined by spaces. */
	static String line(List<String> words) {
		return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
	}

}
