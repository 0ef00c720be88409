package io.litewatch.drill;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row's time as SQLite holds it, read from Rails' {@code created_at} and
 * {@code updated_at} columns: text ({@code 2026-12-04 21:07:08.515123}, Rails' and
 * SQLite's {@code datetime()} form, in UTC, or ISO 8601 with an offset), or a number of
 * seconds or milliseconds since the epoch. Anything else is not a time.
 */
final class RowTime {

	private static final Pattern TEXT = Pattern.compile(
			"(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)\\s*(Z|UTC|[+-]\\d{2}:?\\d{2})?");

	/** Epoch seconds of 2001-09-09 and 5138-11-16: ten and eleven digits. */
	private static final double SECONDS_FROM = 1e9;

	private static final double SECONDS_TO = 1e11;

	private RowTime() {
	}

	/** The instant, or null when the value is not a time. */
	static Instant parse(Object value) {
		if (value instanceof Number n) {
			double v = n.doubleValue();
			if (v >= SECONDS_FROM && v < SECONDS_TO) {
				return Instant.ofEpochMilli(Math.round(v * 1000));
			}
			if (v >= SECONDS_FROM * 1000 && v < SECONDS_TO * 1000) {
				return Instant.ofEpochMilli(Math.round(v));
			}
			return null;
		}
		if (!(value instanceof String text)) {
			return null;
		}
		Matcher m = TEXT.matcher(text.strip());
		if (!m.matches()) {
			return null;
		}
		try {
			LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
			String zone = m.group(3);
			ZoneOffset offset = zone == null || zone.equals("Z") || zone.equals("UTC") ? ZoneOffset.UTC
					: ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
			return local.toInstant(offset);
		}
		catch (DateTimeException ex) {
			// 2026-13-45 or an offset of +19:00: the shape of a time, not one.
			return null;
		}
	}

}
