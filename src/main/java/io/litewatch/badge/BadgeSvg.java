package io.litewatch.badge;

import java.util.Locale;

/**
 * Draws a {@link Badge} as a self-contained SVG in the usual two-field shape (20 px high,
 * 11 px Verdana or the nearest sans-serif the viewer has; no font is loaded). Widths come
 * from a table of Verdana's advance widths, and each text carries {@code textLength}, so
 * a viewer with another font squeezes the text into the same box instead of overflowing
 * it. Every text is XML-escaped: database names come from litestream.yml.
 */
final class BadgeSvg {

	static final int HEIGHT = 20;

	/** Horizontal padding on each side of a text. */
	private static final int PAD = 6;

	/** Longer messages are cut with an ellipsis: a database's full path can be long. */
	static final int MAX_CHARS = 80;

	private BadgeSvg() {
	}

	static String render(Badge badge) {
		String label = clean(badge.label());
		String message = clean(badge.message());
		int labelText = textWidth(label);
		int messageText = textWidth(message);
		int labelWidth = labelText + 2 * PAD;
		int messageWidth = messageText + 2 * PAD;
		int width = labelWidth + messageWidth;
		String title = escape(label + ": " + message);
		return """
				<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" \
				aria-label="%s"><title>%s</title>\
				<clipPath id="r"><rect width="%d" height="%d" rx="3" fill="#fff"/></clipPath>\
				<g clip-path="url(#r)"><rect width="%d" height="%d" fill="#555"/>\
				<rect x="%d" width="%d" height="%d" fill="%s"/></g>\
				<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" \
				font-size="11"><text x="%s" y="14" textLength="%d" lengthAdjust="spacingAndGlyphs">%s</text>\
				<text x="%s" y="14" textLength="%d" lengthAdjust="spacingAndGlyphs">%s</text></g></svg>
				""".formatted(width, HEIGHT, width, HEIGHT, title, title, width, HEIGHT, labelWidth, HEIGHT, labelWidth,
				messageWidth, HEIGHT, badge.tone().fill(), half(labelWidth), labelText, escape(label),
				half(2 * labelWidth + messageWidth), messageText, escape(message));
	}

	private static String half(int doubled) {
		return String.format(Locale.ROOT, "%.1f", doubled / 2.0);
	}

	/**
	 * The text's width in pixels at 11 px Verdana, rounded up; characters outside the
	 * table count as wide as a capital letter (wide scripts as two).
	 */
	static int textWidth(String text) {
		double width = 0;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			width += advance(cp);
			i += Character.charCount(cp);
		}
		return (int) Math.ceil(width);
	}

	private static double advance(int cp) {
		if (cp >= 0x2E80) {
			return 11;
		}
		if (cp >= '0' && cp <= '9') {
			return 7;
		}
		if ("il".indexOf(cp) >= 0) {
			return 3.1;
		}
		if ("jI|".indexOf(cp) >= 0) {
			return 4.6;
		}
		if (" .,:;!'\u00b7".indexOf(cp) >= 0) {
			return 3.9;
		}
		if ("frt-()[]/\\".indexOf(cp) >= 0) {
			return 4.9;
		}
		if ("mMW%".indexOf(cp) >= 0) {
			return 10.7;
		}
		if ("w@".indexOf(cp) >= 0) {
			return 9;
		}
		if (cp >= 'a' && cp <= 'z') {
			return 6.7;
		}
		return 7.6;
	}

	/**
	 * Drops what XML 1.0 cannot carry (control characters, lone surrogates), turns line
	 * breaks into spaces and cuts long texts.
	 */
	static String clean(String text) {
		StringBuilder out = new StringBuilder(text.length());
		int chars = 0;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			if (cp == '\t' || cp == '\n' || cp == '\r') {
				cp = ' ';
			}
			boolean allowed = (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
			if (!allowed) {
				continue;
			}
			if (chars == MAX_CHARS - 1 && i < text.length()) {
				out.append('\u2026');
				break;
			}
			out.appendCodePoint(cp);
			chars++;
		}
		return out.toString();
	}

	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}
