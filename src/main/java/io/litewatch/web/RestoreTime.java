package io.litewatch.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The restore helper's time as people type it: what a datetime-local input sends
 * ({@code 2026-11-25T14:51:58}, or without seconds), read as UTC because the page says
 * the times are UTC, or an ISO time with its zone ({@code …Z}, {@code +01:00}),
 * converted.
 */
final class RestoreTime {

	private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private RestoreTime() {
	}

	static Optional<Instant> parse(String raw) {
		String text = raw.strip().replace(' ', 'T');
		try {
			return Optional.of(OffsetDateTime.parse(text).toInstant());
		}
		catch (DateTimeException ex) {
			// no zone: the page's times are UTC
		}
		try {
			return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	/** The value a datetime-local input holds: UTC, to the second. */
	static String input(Instant at) {
		return at == null ? "" : INPUT.format(at.truncatedTo(ChronoUnit.SECONDS));
	}

}
