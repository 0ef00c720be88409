package io.litewatch.config;

import java.util.Map;

/**
 * Go's {@code os.ExpandEnv}, which Litestream 0.3.13 runs over the whole file before
 * parsing it.
 * <p>
 * Unlike a literal port of Go's code, it works on indexes into the text and remembers
 * where the next {@code '}'} is, so it runs in linear time: the file comes from the user
 * and is read on every poll, and {@code $$$…} or an unclosed {@code ${${${…} used to take
 * time quadratic in its length.
 */
final class EnvExpansion {

	/** No bound other than what a String can hold. */
	static final int UNBOUNDED = Integer.MAX_VALUE - 8;

	private EnvExpansion() {
	}

	/**
	 * {@code ${VAR}} and {@code $VAR} are replaced, unset variables become "", {@code $$}
	 * and {@code $1} become "" (special one-character names), {@code ${}} and an
	 * unterminated {@code ${} are eaten, a {@code $} not followed by a name stays. No
	 * defaults, no escaping.
	 */
	static String expand(String text, Map<String, String> env) {
		return expand(text, env, UNBOUNDED);
	}

	/**
	 * As {@link #expand(String, Map)}, refusing to build a text longer than
	 * {@code maxLength}: a few {@code $VAR} repeated over a file would otherwise multiply
	 * the variable's size by the file's.
	 * @throws TooLongException when the expanded text would be longer than maxLength
	 */
	static String expand(String text, Map<String, String> env, int maxLength) {
		StringBuilder out = null;
		int i = 0;
		// index of the first '}' at or after the position searched from; -1 once there
		// is none left, which stays true for every later '$'
		int nextBrace = Integer.MIN_VALUE;
		for (int j = 0; j < text.length(); j++) {
			if (text.charAt(j) != '$' || j + 1 >= text.length()) {
				continue;
			}
			if (out == null) {
				out = new StringBuilder(text.length() + 16);
			}
			append(out, text, i, j, maxLength);
			int start = j + 1;
			int nameStart;
			int nameEnd;
			int width;
			if (text.charAt(start) == '{') {
				if (start + 2 < text.length() && isShellSpecial(text.charAt(start + 1))
						&& text.charAt(start + 2) == '}') {
					nameStart = start + 1;
					nameEnd = start + 2;
					width = 3;
				}
				else {
					if (nextBrace != -1 && nextBrace < start + 1) {
						nextBrace = text.indexOf('}', start + 1);
					}
					if (nextBrace == -1) {
						// Bad syntax; Go eats "${"
						nameStart = start;
						nameEnd = start;
						width = 1;
					}
					else {
						// "${}" is bad syntax too, eaten whole
						nameStart = start + 1;
						nameEnd = nextBrace;
						width = nextBrace - start + 1;
					}
				}
			}
			else if (isShellSpecial(text.charAt(start))) {
				nameStart = start;
				nameEnd = start + 1;
				width = 1;
			}
			else {
				int end = start;
				while (end < text.length() && isAlphaNum(text.charAt(end))) {
					end++;
				}
				nameStart = start;
				nameEnd = end;
				width = end - start;
			}
			if (nameStart == nameEnd && width > 0) {
				// invalid syntax like "${}" or an unclosed "${": Go eats it
			}
			else if (nameStart == nameEnd) {
				append(out, "$", 0, 1, maxLength);
			}
			else {
				String value = env.getOrDefault(text.substring(nameStart, nameEnd), "");
				append(out, value, 0, value.length(), maxLength);
			}
			j += width;
			i = j + 1;
		}
		if (out == null) {
			if (text.length() > maxLength) {
				throw new TooLongException(maxLength);
			}
			return text;
		}
		append(out, text, Math.min(i, text.length()), text.length(), maxLength);
		return out.toString();
	}

	private static void append(StringBuilder out, String s, int from, int to, int maxLength) {
		if (out.length() + (long) (to - from) > maxLength) {
			throw new TooLongException(maxLength);
		}
		out.append(s, from, to);
	}

	private static boolean isShellSpecial(char c) {
		return "*#$@!?-0123456789".indexOf(c) >= 0;
	}

	private static boolean isAlphaNum(char c) {
		return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	/** The expanded text would pass the bound given. */
	static final class TooLongException extends RuntimeException {

		private final int maxLength;

		TooLongException(int maxLength) {
			super("longer than " + maxLength + " characters once environment variables are expanded");
			this.maxLength = maxLength;
		}

		int maxLength() {
			return this.maxLength;
		}

	}

}
