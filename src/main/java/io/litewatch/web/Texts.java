package io.litewatch.web;

import java.time.Duration;
import java.util.Locale;

import io.litewatch.time.HumanDuration;

/** Counts, sizes and short durations in English, the same on every page. */
final class Texts {

	private static final String[] UNITS = { "KiB", "MiB", "GiB", "TiB" };

	private Texts() {
	}

	/** A count with its noun: {@code 1 snapshot}, {@code 10,000 WAL segments}. */
	static String count(Number n, String noun) {
		if (n == null) {
			return "—";
		}
		long value = n.longValue();
		return String.format(Locale.ROOT, "%,d %s", value, value == 1 ? noun : noun + "s");
	}

	/** Bytes in binary units: {@code 512 B}, {@code 4.1 KiB}. */
	static String bytes(Long bytes) {
		if (bytes == null) {
			return "—";
		}
		if (bytes < 1024) {
			return bytes + " B";
		}
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < UNITS.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
	}

	/**
	 * Under a minute to a tenth of a second ({@code 0.4 s}: a restore's time, a healthy
	 * replica's RPO), above in words.
	 */
	static String shortDuration(Duration duration) {
		return duration.compareTo(Duration.ofMinutes(1)) < 0
				? String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0) : HumanDuration.spoken(duration);
	}

}
