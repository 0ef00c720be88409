package io.litewatch.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import io.litewatch.time.HumanDuration;

/**
 * A time as the page shows it, in a {@code <time>} element: {@code datetime} for
 * machines, relative text for people ("3 min ago"), and the absolute time in UTC for its
 * title; the page's script adds the browser's own zone to the title and keeps the
 * relative text current between refreshes.
 *
 * @param iso ISO-8601 UTC, whole seconds, for {@code datetime}
 * @param relative "3 min ago", "in 8 min", "just now"
 * @param utc "2026-11-25 14:02:11 UTC"
 * @param clock the time of day in UTC, "14:02"; with the date when not the day of
 * {@code now}
 */
public record Moment(String iso, String relative, String utc, String clock) {

	private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	/** Null when the time is unknown, so a template shows its own placeholder. */
	public static Moment of(Instant at, Instant now) {
		if (at == null) {
			return null;
		}
		Instant second = at.truncatedTo(ChronoUnit.SECONDS);
		boolean sameDay = second.truncatedTo(ChronoUnit.DAYS).equals(now.truncatedTo(ChronoUnit.DAYS));
		return new Moment(second.toString(), HumanDuration.relative(at, now), FULL.format(second),
				(sameDay ? TIME : DATE_TIME).format(second));
	}

	/** An ISO-8601 string as the JSON views hold it. */
	public static Moment parse(String iso, Instant now) {
		return iso == null ? null : of(Instant.parse(iso), now);
	}

}
