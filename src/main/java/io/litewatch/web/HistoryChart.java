package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one series of samples into SVG path data for a chart drawn proportional to time:
 * x from the sample's instant, y from its value (0 at the bottom). Where no sample came
 * for longer than {@code maxGap} (Litewatch was not running, or could not tell) the line
 * breaks: a new {@code M} segment starts and the hole is returned as a gap to shade, so a
 * period nobody watched never looks like a flat, healthy line. Samples are bucketed by
 * time and each bucket keeps its highest value, so 30 days of 15-second polls stay a few
 * hundred points; a peak is never averaged away.
 */
final class HistoryChart {

	/** The chart's drawing area in SVG user units; the template scales it. */
	static final int WIDTH = 600;

	static final int HEIGHT = 120;

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	private HistoryChart() {
	}

	/** One sample: null value means the poll could not tell (drawn as a gap too). */
	record Point(Instant at, Double value) {
	}

	/** A horizontal stretch with no line: x1 to x2 in user units. */
	record Gap(double x1, double x2, Instant from, Instant to) {

		public String x() {
			return num(x1);
		}

		public String width() {
			return num(Math.max(0.5, x2 - x1));
		}

		/**
		 * "not watched 2026-11-25 14:00 – 2026-11-25 15:10 UTC", for the gap's tooltip.
		 */
		public String label() {
			return "not watched " + MINUTE.format(from) + " – " + MINUTE.format(to) + " UTC";
		}

	}

	/**
	 * @param path SVG path data: one {@code M…L…} segment per watched stretch; "" when no
	 * value
	 * @param gaps the stretches without samples, in time order
	 * @param top the value at the top edge (the scale), never below {@code floor}
	 * @param points how many points the path holds
	 */
	record Drawing(String path, List<Gap> gaps, double top, int points) {

		/** y in user units of a value (for a threshold line). */
		public String y(double value) {
			return num(HistoryChart.y(value, top));
		}

		public boolean shows(double value) {
			return value <= top;
		}

	}

	/**
	 * @param samples oldest first
	 * @param from the left edge
	 * @param to the right edge (now)
	 * @param maxGap a longer silence between samples breaks the line
	 * @param buckets at most this many points per watched stretch in total, plus one per
	 * stretch
	 * @param floor the scale's least top (e.g. the warning limit, so it stays in view)
	 */
	static Drawing draw(List<Point> samples, Instant from, Instant to, Duration maxGap, int buckets, double floor) {
		double span = Math.max(1, Duration.between(from, to).toMillis());
		List<List<Point>> stretches = new ArrayList<>();
		List<Gap> gaps = new ArrayList<>();
		List<Point> current = new ArrayList<>();
		Instant last = from;
		boolean first = true;
		for (Point p : samples) {
			if (p.at().isBefore(from) || p.at().isAfter(to)) {
				continue;
			}
			boolean silent = Duration.between(last, p.at()).compareTo(maxGap) > 0;
			if (silent || p.value() == null) {
				if (!current.isEmpty()) {
					stretches.add(current);
					current = new ArrayList<>();
				}
				if (silent) {
					// Before the first sample the gap starts at the left edge.
					gaps.add(gap(first ? from : last, p.at(), from, span));
				}
			}
			if (p.value() != null) {
				current.add(p);
			}
			last = p.at();
			first = false;
		}
		if (!current.isEmpty()) {
			stretches.add(current);
		}
		if (Duration.between(last, to).compareTo(maxGap) > 0) {
			gaps.add(gap(last, to, from, span));
		}
		double max = samples.stream()
			.filter((p) -> p.value() != null && !p.at().isBefore(from) && !p.at().isAfter(to))
			.mapToDouble(Point::value)
			.max()
			.orElse(0);
		double top = Math.max(Math.max(max, floor), 1) * 1.1;
		StringBuilder path = new StringBuilder();
		int points = 0;
		for (List<Point> stretch : stretches) {
			List<Point> kept = downsample(stretch, from, span, buckets);
			for (int i = 0; i < kept.size(); i++) {
				Point p = kept.get(i);
				if (path.length() > 0) {
					path.append(' ');
				}
				path.append(i == 0 ? 'M' : 'L').append(num(x(p.at(), from, span))).append(' ');
				path.append(num(y(Math.max(0, p.value()), top)));
			}
			if (kept.size() == 1) {
				// A lone sample still shows as a dot-sized stroke.
				path.append(" h1");
			}
			points += kept.size();
		}
		return new Drawing(path.toString(), List.copyOf(gaps), top, points);
	}

	/** The highest sample of each time bucket, in time order. */
	private static List<Point> downsample(List<Point> stretch, Instant from, double span, int buckets) {
		List<Point> kept = new ArrayList<>();
		long bucket = -1;
		for (Point p : stretch) {
			long b = Math.min(buckets - 1, (long) (Duration.between(from, p.at()).toMillis() / span * buckets));
			if (b != bucket) {
				kept.add(p);
				bucket = b;
			}
			else if (p.value() > kept.get(kept.size() - 1).value()) {
				kept.set(kept.size() - 1, p);
			}
		}
		return kept;
	}

	private static Gap gap(Instant a, Instant b, Instant from, double span) {
		return new Gap(x(a, from, span), x(b, from, span), a, b);
	}

	private static double x(Instant at, Instant from, double span) {
		return Duration.between(from, at).toMillis() / span * WIDTH;
	}

	private static double y(double value, double top) {
		return HEIGHT - Math.min(value, top) / top * HEIGHT;
	}

	static String num(double v) {
		String s = String.format(Locale.ROOT, "%.1f", v);
		return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
	}

}
