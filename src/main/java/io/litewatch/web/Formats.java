package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/** Small display helpers for templates ({@code ${@fmt.age(...)}}). */
@Component("fmt")
public class Formats {

	/** Seconds as a short human duration: 850ms, 12s, 3m 20s, 5h 02m, 3d 4h. */
	public String seconds(Double seconds) {
		if (seconds == null) {
			return "—";
		}
		double abs = Math.abs(seconds);
		String sign = seconds < 0 ? "−" : "";
		if (abs < 1) {
			return sign + Math.round(abs * 1000) + "ms";
		}
		long s = Math.round(abs);
		if (s < 60) {
			return sign + s + "s";
		}
		if (s < 3600) {
			return sign + (s / 60) + "m " + (s % 60) + "s";
		}
		if (s < 86400) {
			return sign + (s / 3600) + "h " + String.format("%02dm", (s % 3600) / 60);
		}
		return sign + (s / 86400) + "d " + ((s % 86400) / 3600) + "h";
	}

	/**
	 * How long ago an ISO instant was, relative to another ISO instant (the poll time,
	 * not the render time).
	 */
	public String ago(String instant, String reference) {
		if (instant == null || reference == null) {
			return "—";
		}
		Duration d = Duration.between(Instant.parse(instant), Instant.parse(reference));
		return seconds(d.toMillis() / 1000.0) + " ago";
	}

	/**
	 * An ISO instant as a short UTC time of day, e.g. {@code 11:58:26 UTC}; the date only
	 * when not today's.
	 */
	public String time(String instant, String reference) {
		if (instant == null) {
			return "—";
		}
		String at = Instant.parse(instant).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
		String date = at.substring(0, 10);
		String clock = at.substring(11, 19) + " UTC";
		return reference != null && reference.startsWith(date) ? clock : date + " " + clock;
	}

	/**
	 * A count with its noun, in English: {@code 1 snapshot}, {@code 10,000 WAL segments}.
	 */
	public String count(Number n, String noun) {
		if (n == null) {
			return "—";
		}
		long value = n.longValue();
		return String.format(java.util.Locale.ROOT, "%,d %s", value, value == 1 ? noun : noun + "s");
	}

	public String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "KiB", "MiB", "GiB", "TiB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format("%.1f %s", value, units[unit]);
	}

}
