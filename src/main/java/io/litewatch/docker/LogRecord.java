package io.litewatch.docker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Litestream log record in any of the three forms 0.3.13 prints: slog text
 * ({@code time=... level=ERROR msg="..." error="..."}), slog JSON ({@code {"time":...}}),
 * and Go's default logger before the config has loaded
 * ({@code 2026/11/25 03:04:14 ERROR msg k=v}). Pure functions only.
 */
record LogRecord(String raw, String level, String msg, String error) {

	enum Kind {

		TEXT, JSON, GO_DEFAULT

	}

	private static final Pattern TEXT_START = Pattern.compile("^time=\\S+ level=\\S+.*");

	private static final Pattern JSON_START = Pattern.compile("^\\{\\s*\"time\"\\s*:.*");

	private static final Pattern GO_DEFAULT_START = Pattern
		.compile("^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)? [A-Z]+[+-]?\\d* .*");

	/** Where the attributes start after the free-text message of the Go-default form. */
	private static final Pattern ATTR_START = Pattern.compile(" [A-Za-z_][A-Za-z0-9_.-]*=");

	boolean isError() {
		return level != null && level.toUpperCase().startsWith("ERROR");
	}

	/**
	 * msg plus the error attribute, on one line: S3 errors carry "\n\tstatus code: 403"
	 * inside.
	 */
	String summary() {
		String text = error == null || error.isEmpty() ? msg
				: (msg == null || msg.isEmpty() ? error : msg + ": " + error);
		return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
	}

	/**
	 * Which log form a line starts, or null when it is not a log line (a header or a
	 * row).
	 */
	static Kind kindOf(String firstLine) {
		if (TEXT_START.matcher(firstLine).matches()) {
			return Kind.TEXT;
		}
		if (JSON_START.matcher(firstLine).matches()) {
			return Kind.JSON;
		}
		if (GO_DEFAULT_START.matcher(firstLine).matches()) {
			return Kind.GO_DEFAULT;
		}
		return null;
	}

	/**
	 * Index of the newline that ends the record starting at {@code from} (or the text
	 * length): the first newline outside a quoted value, because a quoted value may hold
	 * a real newline. A quote that never closes ends the record at its first line instead
	 * of eating the table.
	 */
	static int recordEnd(String text, int from, Kind kind) {
		int firstEol = text.indexOf('\n', from);
		if (firstEol < 0) {
			firstEol = text.length();
		}
		boolean quoted = false;
		for (int i = from; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
			}
			else if (c == '\n') {
				return i;
			}
			else if (c == '"' && (kind == Kind.JSON || (i > from && text.charAt(i - 1) == '='))) {
				// slog text only quotes whole values, so a quote opens a value only right
				// after '='
				quoted = true;
			}
		}
		return quoted ? firstEol : text.length();
	}

	static LogRecord parse(String raw, Kind kind) {
		Map<String, String> attrs;
		switch (kind) {
			case TEXT -> attrs = textAttrs(raw);
			case JSON -> attrs = jsonAttrs(raw);
			default -> {
				// "2026/11/25 10:56:34 ERROR failed to run error=\"...\"": date, time,
				// level, free msg, attrs
				String[] head = raw.split(" ", 4);
				String rest = head.length > 3 ? head[3] : "";
				var m = ATTR_START.matcher(rest);
				int attrsAt = m.find() ? m.start() : rest.length();
				attrs = textAttrs(rest.substring(attrsAt));
				attrs.put("level", head[2]);
				attrs.put("msg", rest.substring(0, attrsAt));
			}
		}
		return new LogRecord(raw, attrs.get("level"), attrs.get("msg"), attrs.get("error"));
	}

	/**
	 * key=value pairs separated by spaces; values are bare or Go-quoted (strconv.Quote).
	 */
	static Map<String, String> textAttrs(String s) {
		Map<String, String> out = new LinkedHashMap<>();
		int i = 0;
		int n = s.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(s.charAt(i))) {
				i++;
			}
			int eq = s.indexOf('=', i);
			if (i >= n || eq < 0) {
				break;
			}
			String key = s.substring(i, eq);
			i = eq + 1;
			StringBuilder value = new StringBuilder();
			if (i < n && s.charAt(i) == '"') {
				i = unquote(s, i + 1, value);
			}
			else {
				int end = i;
				while (end < n && s.charAt(end) != ' ' && s.charAt(end) != '\n') {
					end++;
				}
				value.append(s, i, end);
				i = end;
			}
			out.put(key, value.toString());
		}
		return out;
	}

	/**
	 * Reads a quoted string body starting after the opening quote; returns the index
	 * after the closing quote.
	 */
	private static int unquote(String s, int i, StringBuilder out) {
		int n = s.length();
		while (i < n) {
			char c = s.charAt(i);
			if (c == '"') {
				return i + 1;
			}
			if (c != '\\' || i + 1 >= n) {
				out.append(c);
				i++;
				continue;
			}
			char e = s.charAt(i + 1);
			i += 2;
			switch (e) {
				case 'n' -> out.append('\n');
				case 't' -> out.append('\t');
				case 'r' -> out.append('\r');
				case 'a' -> out.append('\u0007');
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'v' -> out.append('\u000b');
				case 'x' -> i = hex(s, i, 2, out);
				case 'u' -> i = hex(s, i, 4, out);
				case 'U' -> i = hex(s, i, 8, out);
				default -> out.append(e); // \" \\ \/ \' and anything unknown: keep the
											// character
			}
		}
		return n;
	}

	private static int hex(String s, int i, int digits, StringBuilder out) {
		int end = Math.min(s.length(), i + digits);
		try {
			out.appendCodePoint(Integer.parseInt(s.substring(i, end), 16));
		}
		catch (IllegalArgumentException ex) {
			out.append(s, i, end);
		}
		return end;
	}

	/**
	 * Top-level string/number/literal members of one JSON object. Nested objects (slog
	 * groups) and arrays are skipped; they never hold level, msg or error.
	 */
	static Map<String, String> jsonAttrs(String s) {
		Map<String, String> out = new LinkedHashMap<>();
		int i = s.indexOf('{') + 1;
		int n = s.length();
		while (i > 0 && i < n) {
			i = skipSpace(s, i);
			if (i >= n || s.charAt(i) == '}') {
				break;
			}
			if (s.charAt(i) == ',') {
				i++;
				continue;
			}
			if (s.charAt(i) != '"') {
				break;
			}
			StringBuilder key = new StringBuilder();
			i = unquote(s, i + 1, key);
			i = skipSpace(s, i);
			if (i >= n || s.charAt(i) != ':') {
				break;
			}
			i = skipSpace(s, i + 1);
			if (i >= n) {
				break;
			}
			char c = s.charAt(i);
			if (c == '"') {
				StringBuilder value = new StringBuilder();
				i = unquote(s, i + 1, value);
				out.put(key.toString(), value.toString());
			}
			else if (c == '{' || c == '[') {
				i = skipNested(s, i);
			}
			else {
				int end = i;
				while (end < n && ",}".indexOf(s.charAt(end)) < 0) {
					end++;
				}
				out.put(key.toString(), s.substring(i, end).strip());
				i = end;
			}
		}
		return out;
	}

	private static int skipSpace(String s, int i) {
		while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int skipNested(String s, int i) {
		int depth = 0;
		boolean quoted = false;
		for (; i < s.length(); i++) {
			char c = s.charAt(i);
			if (quoted) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == '{' || c == '[') {
				depth++;
			}
			else if ((c == '}' || c == ']') && --depth == 0) {
				return i + 1;
			}
		}
		return i;
	}
}
