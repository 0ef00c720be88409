package io.litewatch.config;

import java.util.Map;

/**
 * Go's {@code os.ExpandEnv}, which Litestream 0.3.13 runs over the whole file before
 * parsing it.
 */
final class EnvExpansion {

	private EnvExpansion() {
	}

	/**
	 * {@code ${VAR}} and {@code $VAR} are replaced, unset variables become "", {@code $$}
	 * and {@code $1} become "" (special one-character names), {@code ${}} and an
	 * unterminated {@code ${} are eaten, a {@code $} not followed by a name stays. No
	 * defaults, no escaping.
	 */
	static String expand(String text, Map<String, String> env) {
		StringBuilder out = null;
		int i = 0;
		for (int j = 0; j < text.length(); j++) {
			if (text.charAt(j) == '$' && j + 1 < text.length()) {
				if (out == null) {
					out = new StringBuilder(text.length() * 2);
				}
				out.append(text, i, j);
				String rest = text.substring(j + 1);
				String[] name = new String[1];
				int width = shellName(rest, name);
				if (name[0].isEmpty() && width > 0) {
					// invalid syntax like "${}": Go eats it
				}
				else if (name[0].isEmpty()) {
					out.append('$');
				}
				else {
					out.append(env.getOrDefault(name[0], ""));
				}
				j += width;
				i = j + 1;
			}
		}
		if (out == null) {
			return text;
		}
		return out.append(text, Math.min(i, text.length()), text.length()).toString();
	}

	// Go's os.getShellName: returns the width consumed after '$' and the name found.
	private static int shellName(String s, String[] name) {
		if (s.charAt(0) == '{') {
			if (s.length() > 2 && isShellSpecial(s.charAt(1)) && s.charAt(2) == '}') {
				name[0] = s.substring(1, 2);
				return 3;
			}
			for (int i = 1; i < s.length(); i++) {
				if (s.charAt(i) == '}') {
					if (i == 1) {
						name[0] = "";
						return 2;
					}
					name[0] = s.substring(1, i);
					return i + 1;
				}
			}
			name[0] = "";
			return 1;
		}
		if (isShellSpecial(s.charAt(0))) {
			name[0] = s.substring(0, 1);
			return 1;
		}
		int i = 0;
		while (i < s.length() && isAlphaNum(s.charAt(i))) {
			i++;
		}
		name[0] = s.substring(0, i);
		return i;
	}

	private static boolean isShellSpecial(char c) {
		return "*#$@!?-0123456789".indexOf(c) >= 0;
	}

	private static boolean isAlphaNum(char c) {
		return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

}
