package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws one series for a chart proportional to time: x from the instant, y from the value
 * (0 at the bottom). Its input is already grouped by the history's SQL: per time slot the
 * highest value (so 30 days of 15-second polls stay at most {@code buckets} points and a
 * peak is never averaged away), and the silences longer than {@code maxGap} between
 * samples. At a silence (Litewatch was not running, or could not record) the line breaks
 * and the hole is returned as a gap to shade, so a period nobody watched never looks like
 * a flat, healthy line.
 */
final class HistoryChart {

	/** The chart's drawing area in SVG user units; the template scales it. */
	static final int WIDTH = 600;

	static final int HEIGHT = 120;

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	private HistoryChart() {
	}

	/**
	 * One slot of a series.
	 *
	 * @param first its oldest sample
	 * @param last its newest sample
	 * @param value its highest value; null when no poll of the slot could tell
	 * @param unknown whether some poll of the slot could not tell: the line breaks there,
	 * as at a poll that could not tell before the grouping
	 */
	record Slot(Instant first, Instant last, Double value, boolean unknown) {
	}

	/** A silence between two consecutive samples longer than the chart's gap. */
	record Silence(Instant from, Instant to) {
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
	 * The slot length that splits {@code [from, to]} into at most {@code buckets} slots,
	 * {@code to} itself included: one millisecond over the even split.
	 */
	static Duration slotLength(Instant from, Instant to, int buckets) {
		return Duration.ofMillis(Math.max(0, Duration.between(from, to).toMillis()) / buckets + 1);
	}

	/**
	 * @param slots oldest first, each with at least one sample
	 * @param silences oldest first
	 * @param from the left edge
	 * @param to the right edge (now)
	 * @param maxGap a longer time without a sample after {@code from} or before
	 * {@code to} is a gap too
	 * @param floor the scale's least top (e.g. the warning limit, so it stays in view)
	 */
	static Drawing draw(List<Slot> slots, List<Silence> silences, Instant from, Instant to, Duration maxGap,
			double floor) {
		double span = Math.max(1, Duration.between(from, to).toMillis());
		List<Gap> gaps = new ArrayList<>();
		Instant first = slots.isEmpty() ? to : slots.get(0).first();
		Instant last = slots.isEmpty() ? from : slots.get(slots.size() - 1).last();
		// The edges: before the first sample, the gap starts at the left edge; after the
		// last, it ends at now. Without any sample the whole range is one gap.
		if (slots.isEmpty()) {
			if (Duration.between(from, to).compareTo(maxGap) > 0) {
				gaps.add(gap(from, to, from, span));
			}
		}
		else if (Duration.between(from, first).compareTo(maxGap) > 0) {
			gaps.add(gap(from, first, from, span));
		}
		for (Silence s : silences) {
			gaps.add(gap(s.from(), s.to(), from, span));
		}
		if (!slots.isEmpty() && Duration.between(last, to).compareTo(maxGap) > 0) {
			gaps.add(gap(last, to, from, span));
		}
		double max = slots.stream().filter((s) -> s.value() != null).mapToDouble(Slot::value).max().orElse(0);
		double top = Math.max(Math.max(max, floor), 1) * 1.1;
		List<List<Slot>> stretches = stretches(slots, silences);
		StringBuilder path = new StringBuilder();
		int points = 0;
		for (List<Slot> stretch : stretches) {
			for (int i = 0; i < stretch.size(); i++) {
				Slot p = stretch.get(i);
				if (path.length() > 0) {
					path.append(' ');
				}
				path.append(i == 0 ? 'M' : 'L').append(num(x(middle(p), from, span))).append(' ');
				path.append(num(y(Math.max(0, p.value()), top)));
			}
			if (stretch.size() == 1) {
				// A lone slot still shows as a dot-sized stroke.
				path.append(" h1");
			}
			points += stretch.size();
		}
		return new Drawing(path.toString(), List.copyOf(gaps), top, points);
	}

	/**
	 * The slots with a value, split where the line breaks: before a slot a silence ends
	 * in (it lies between the previous slot's samples and this one's, or inside this
	 * one), before and after a slot nothing could be told of, and before a slot some poll
	 * of which could not tell.
	 */
	private static List<List<Slot>> stretches(List<Slot> slots, List<Silence> silences) {
		List<List<Slot>> stretches = new ArrayList<>();
		List<Slot> current = new ArrayList<>();
		int next = 0;
		for (Slot slot : slots) {
			// Silences ending up to this slot's newest sample and after the previous
			// slot's (those were passed already).
			boolean silent = false;
			while (next < silences.size() && !silences.get(next).to().isAfter(slot.last())) {
				silent = true;
				next++;
			}
			if ((silent || slot.unknown()) && !current.isEmpty()) {
				stretches.add(current);
				current = new ArrayList<>();
			}
			if (slot.value() != null) {
				current.add(slot);
			}
		}
		if (!current.isEmpty()) {
			stretches.add(current);
		}
		return stretches;
	}

	/** Where a slot's point goes: the middle of its samples, which hold its highest. */
	private static Instant middle(Slot slot) {
		return slot.first().plus(Duration.between(slot.first(), slot.last()).dividedBy(2));
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
