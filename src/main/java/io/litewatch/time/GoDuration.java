package io.litewatch.time;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} and {@code Duration.String()}, because litestream.yml
 * and Litestream's output both speak Go durations ({@code 1h30m}, {@code 500ms},
 * {@code -332ms}, {@code 3µs}). Go has no day unit, so {@code 1d} is an error, as it is
 * for Litestream.
 */
public final class GoDuration {

	private static final Pattern PART = Pattern.compile("(\\d*\\.?\\d*)(ns|us|µs|μs|ms|s|m|h)");

	private GoDuration() {
	}

	/**
	 * Parses a Go duration string.
	 * @throws IllegalArgumentException with Go's own wording when the text is not a
	 * duration
	 */
	public static Duration parse(String text) {
		if (text == null) {
			throw new IllegalArgumentException("time: invalid duration \"\"");
		}
		String s = text.strip();
		boolean negative = false;
		if (s.startsWith("-") || s.startsWith("+")) {
			negative = s.startsWith("-");
			s = s.substring(1);
		}
		if (s.equals("0")) {
			return Duration.ZERO;
		}
		if (s.isEmpty()) {
			throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
		}
		Matcher m = PART.matcher(s);
		int pos = 0;
		BigDecimal nanos = BigDecimal.ZERO;
		while (pos < s.length()) {
			if (!m.find(pos) || m.start() != pos || m.group(1).isEmpty() || m.group(1).equals(".")) {
				String reason = Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.' ? "missing unit in"
						: "invalid";
				if (reason.equals("missing unit in") && unitStart(s, pos) < s.length()) {
					throw new IllegalArgumentException(
							"time: unknown unit \"" + unitAt(s, pos) + "\" in duration \"" + text + "\"");
				}
				throw new IllegalArgumentException("time: " + reason + " duration \"" + text + "\"");
			}
			nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
			pos = m.end();
		}
		Duration d = Duration.ofNanos(nanos.longValue());
		return negative ? d.negated() : d;
	}

	private static int unitStart(String s, int pos) {
		int i = pos;
		while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
			i++;
		}
		return i;
	}

	private static String unitAt(String s, int pos) {
		int i = unitStart(s, pos);
		int j = i;
		while (j < s.length() && !Character.isDigit(s.charAt(j)) && s.charAt(j) != '.') {
			j++;
		}
		return s.substring(i, j);
	}

	private static long unitNanos(String unit) {
		return switch (unit) {
			case "ns" -> 1L;
			case "us", "µs", "μs" -> 1_000L;
			case "ms" -> 1_000_000L;
			case "s" -> 1_000_000_000L;
			case "m" -> 60_000_000_000L;
			case "h" -> 3_600_000_000_000L;
			default -> throw new IllegalArgumentException("unknown unit " + unit);
		};
	}

	/**
	 * True for a duration above zero (Duration.isPositive() arrived only in Java 18);
	 * Litestream reads zero and below as "off".
	 */
	public static boolean positive(Duration d) {
		return d != null && !d.isNegative() && !d.isZero();
	}

	/**
	 * Formats like Go's {@code Duration.String()}: {@code 1h30m0s}, {@code 1.5s},
	 * {@code 250ms}, {@code 0s}.
	 */
	public static String format(Duration d) {
		if (d.isZero()) {
			return "0s";
		}
		if (d.isNegative()) {
			return "-" + format(d.negated());
		}
		long nanos = d.toNanos();
		if (nanos < 1_000L) {
			return nanos + "ns";
		}
		if (nanos < 1_000_000L) {
			return decimal(nanos, 1_000L) + "µs";
		}
		if (nanos < 1_000_000_000L) {
			return decimal(nanos, 1_000_000L) + "ms";
		}
		long hours = d.toHours();
		long minutes = d.toMinutesPart();
		String seconds = decimal(nanos % 60_000_000_000L, 1_000_000_000L) + "s";
		if (hours > 0) {
			return hours + "h" + minutes + "m" + seconds;
		}
		if (minutes > 0) {
			return minutes + "m" + seconds;
		}
		return seconds;
	}

	private static String decimal(long value, long unit) {
		BigDecimal result = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros();
		return result.scale() <= 0 ? result.toBigInteger().toString() : result.toPlainString();
	}

}
