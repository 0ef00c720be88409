package io.litewatch.alert.channel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import io.litewatch.alert.AlertEvent;
import io.litewatch.alert.AlertItem;
import io.litewatch.alert.Notification;
import io.litewatch.time.GoDuration;

/**
 * Wording shared by all channels, so a Slack line, an email subject and the JSON
 * {@code summary} say the same thing: status word, database, finding codes, and how long
 * for resolved ones.
 */
final class NotificationText {

	/** Subjects must stay readable on a phone; more codes are counted, not listed. */
	private static final int MAX_CODES = 4;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private NotificationText() {
	}

	/**
	 * One line: {@code CRITICAL production: ACCESSORY_DOWN, REPLICA_STALE},
	 * {@code STILL CRITICAL production: REPLICA_STALE for 1h0m0s},
	 * {@code RESOLVED production: ACCESSORY_DOWN after 3m12s},
	 * {@code TEST production: test notification}.
	 */
	static String summary(Notification n) {
		StringBuilder out = new StringBuilder(status(n)).append(' ').append(database(n)).append(": ");
		if (n.alerts().isEmpty()) {
			out.append(n.event() == AlertEvent.TEST ? "test notification" : "no findings");
		}
		else {
			out.append(codes(n));
		}
		if (n.event() == AlertEvent.RESOLVED && !n.alerts().isEmpty()) {
			out.append(" after ").append(duration(longest(n)));
		}
		else if (n.event() == AlertEvent.REMINDER && !n.alerts().isEmpty()) {
			out.append(" for ").append(duration(longest(n)));
		}
		return Redaction.oneLine(out.toString(), 500);
	}

	/**
	 * The status word: the severity when firing, RESOLVED, TEST, or STILL + severity for
	 * reminders.
	 */
	static String status(Notification n) {
		String severity = n.severity() == null ? "WARNING" : n.severity().name();
		return switch (n.event()) {
			case FIRING -> severity;
			case REMINDER -> "STILL " + severity;
			case RESOLVED -> "RESOLVED";
			case TEST -> "TEST";
		};
	}

	static String database(Notification n) {
		if (n.database() != null && !n.database().isBlank()) {
			return Redaction.oneLine(n.database(), 100);
		}
		return n.databasePath() != null && !n.databasePath().isBlank() ? Redaction.oneLine(n.databasePath(), 100)
				: "Litewatch";
	}

	static String codes(Notification n) {
		Set<String> codes = new LinkedHashSet<>();
		for (AlertItem a : n.alerts()) {
			codes.add(String.valueOf(a.code()));
		}
		if (codes.size() <= MAX_CODES) {
			return String.join(", ", codes);
		}
		return String.join(", ", codes.stream().limit(MAX_CODES).toList()) + " and " + (codes.size() - MAX_CODES)
				+ " more";
	}

	/**
	 * How long the longest alert lasted (resolved) or has lasted when the notification
	 * was made.
	 */
	static Duration longest(Notification n) {
		Duration max = Duration.ZERO;
		for (AlertItem a : n.alerts()) {
			Duration d = itemDuration(a, n.createdAt());
			if (d != null && d.compareTo(max) > 0) {
				max = d;
			}
		}
		return max;
	}

	static Duration itemDuration(AlertItem a, Instant now) {
		if (a.since() == null || (a.resolvedAt() == null && now == null)) {
			return null;
		}
		Duration d = a.duration(now);
		return d.isNegative() ? Duration.ZERO : d;
	}

	/**
	 * Go style ({@code 3m12s}), cut to whole seconds: nobody needs the milliseconds of an
	 * outage.
	 */
	static String duration(Duration d) {
		return GoDuration.format(Duration.ofSeconds(d.getSeconds()));
	}

	static String time(Instant instant) {
		return instant == null ? "" : TIME.format(instant);
	}

	static String lower(Enum<?> value) {
		return value == null ? null : value.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The readable multi-line version: summary, database, one line per alert, dashboard
	 * link. Used as Slack text (escaped there) and as the email's plain part.
	 */
	static String plainText(Notification n) {
		StringBuilder out = new StringBuilder();
		out.append(summary(n)).append('\n');
		out.append("Database: ").append(Redaction.oneLine(database(n), 200));
		if (n.databasePath() != null && !n.databasePath().isBlank() && !n.databasePath().equals(n.database())) {
			out.append(" (").append(Redaction.oneLine(n.databasePath(), 300)).append(')');
		}
		out.append('\n');
		if (n.event() == AlertEvent.TEST) {
			out.append("This is a test notification from Litewatch.\n");
		}
		for (AlertItem a : n.alerts()) {
			out.append("- ");
			if (a.severity() != null && n.event() != AlertEvent.RESOLVED) {
				out.append(a.severity().name()).append(' ');
			}
			out.append(a.code());
			if (a.replica() != null) {
				out.append(" on replica ").append(Redaction.oneLine(a.replica(), 100));
			}
			if (a.message() != null && !a.message().isBlank()) {
				out.append(": ").append(Redaction.oneLine(a.message(), 500));
			}
			Duration d = itemDuration(a, n.createdAt());
			if (d != null) {
				out.append(n.event() == AlertEvent.RESOLVED ? " (resolved after " : " (for ")
					.append(duration(d))
					.append(')');
			}
			out.append('\n');
		}
		if (n.dashboardUrl() != null && !n.dashboardUrl().isBlank()) {
			out.append("Dashboard: ").append(n.dashboardUrl()).append('\n');
		}
		return out.toString().stripTrailing();
	}

}
