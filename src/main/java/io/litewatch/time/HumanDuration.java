package io.litewatch.time;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, for pages. Two forms, because a configured interval and
 * a measured age read differently: {@link #compact} is exact and terse like a config
 * value ({@code 30d}, {@code 1h 30m}, {@code 5s}) where Go would print {@code 720h0m0s};
 * {@link #spoken} rounds down to at most two units, like a sentence ({@code 3 s},
 * {@code 52 min}, {@code 2 h 5 min}). The JSON keeps Go's strings; this is display only.
 */
public final class HumanDuration {

	/**
	 * What only Go's Duration.String() prints: hours or minutes followed by more units.
	 */
	private static final Pattern GO_DURATION = Pattern
		.compile("(?<![\\w./:-])-?(?:\\d+h\\d+m\\d+(?:\\.\\d+)?s|\\d+m\\d+(?:\\.\\d+)?s)(?![\\w/-])");

	private HumanDuration() {
	}

	/**
	 * Every non-zero unit from days down, nothing lost: {@code 30d}, {@code 1h},
	 * {@code 1h 30m}, {@code 1d 12h}, {@code 1.5s}, {@code 500ms}, {@code 0s}.
	 */
	public static String compact(Duration d) {
		if (d.isZero()) {
			return "0s";
		}
		if (d.isNegative()) {
			return "-" + compact(d.negated());
		}
		if (d.compareTo(Duration.ofSeconds(1)) < 0) {
			return decimal(d.toNanos(), 1_000_000L) + "ms";
		}
		List<String> parts = new ArrayList<>(4);
		if (d.toDays() > 0) {
			parts.add(d.toDays() + "d");
		}
		if (d.toHoursPart() > 0) {
			parts.add(d.toHoursPart() + "h");
		}
		if (d.toMinutesPart() > 0) {
			parts.add(d.toMinutesPart() + "m");
		}
		long secondNanos = d.toSecondsPart() * 1_000_000_000L + d.toNanosPart();
		if (secondNanos > 0) {
			parts.add(decimal(secondNanos, 1_000_000_000L) + "s");
		}
		return String.join(" ", parts);
	}

	/**
	 * Rounded down to the two largest units, spaced: {@code < 1 s}, {@code 45 s},
	 * {@code 52 min}, {@code 2 h}, {@code 2 h 5 min}, {@code 3 d 4 h}. Null reads
	 * {@code unknown}.
	 */
	public static String spoken(Duration d) {
		if (d == null) {
			return "unknown";
		}
		if (d.isNegative()) {
			return "-" + spoken(d.negated());
		}
		long s = d.getSeconds();
		if (s < 1) {
			return "< 1 s";
		}
		if (s < 60) {
			return s + " s";
		}
		if (s < 3600) {
			return (s / 60) + " min";
		}
		if (s < 86_400) {
			long minutes = (s % 3600) / 60;
			return (s / 3600) + " h" + (minutes > 0 ? " " + minutes + " min" : "");
		}
		long hours = (s % 86_400) / 3600;
		return (s / 86_400) + " d" + (hours > 0 ? " " + hours + " h" : "");
	}

	/**
	 * How long ago, or how long until, {@code at} is from {@code now}: "3 s ago", "in 8
	 * min".
	 */
	public static String relative(java.time.Instant at, java.time.Instant now) {
		Duration d = Duration.between(at, now);
		if (d.isNegative()) {
			// Rounded up, so a countdown reaches "in 1 s" before "just now", never "in <
			// 1 s".
			Duration ahead = d.negated();
			long seconds = ahead.getSeconds() + (ahead.getNano() > 0 ? 1 : 0);
			return "in " + spoken(Duration.ofSeconds(seconds));
		}
		return d.getSeconds() < 1 ? "just now" : spoken(d) + " ago";
	}

	/**
	 * A sentence with every Go duration of two or more units ({@code 720h0m0s},
	 * {@code 5m1s}) rewritten in {@link #compact} form, for pages showing findings whose
	 * wording JSON readers and notifications keep. Single-unit values ({@code 13s},
	 * {@code 250ms}) already read well and are left alone.
	 */
	public static String inProse(String sentence) {
		if (sentence == null) {
			return null;
		}
		Matcher m = GO_DURATION.matcher(sentence);
		StringBuilder out = new StringBuilder(sentence.length());
		while (m.find()) {
			m.appendReplacement(out, Matcher.quoteReplacement(compact(GoDuration.parse(m.group()))));
		}
		m.appendTail(out);
		return out.toString();
	}

	private static String decimal(long value, long unit) {
		BigDecimal result = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros();
		return result.scale() <= 0 ? result.toBigInteger().toString() : result.toPlainString();
	}

}
