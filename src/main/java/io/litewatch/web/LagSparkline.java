package io.litewatch.web;

import java.time.Duration;
import java.util.List;

import io.litewatch.time.HumanDuration;

/**
 * One replica's lag over the last 24 h on the overview, drawn in the database page's
 * chart units ({@link HistoryChart#WIDTH} × {@link HistoryChart#HEIGHT}) and scaled down
 * by the template.
 *
 * @param path SVG path data, "" without a sample; the line breaks at every gap
 * @param gaps the times nobody watched, shaded
 * @param warningY y of the warning limit's line (the scale keeps it in view)
 * @param label "lag over 24 h: peak 12 s, 1 gap while not watched", the image's
 * accessible name
 */
public record LagSparkline(String path, List<Mark> gaps, String warningY, String label) {

	/**
	 * A gap at least {@link #MIN_GAP} units wide: a poll-interval stop is a hair of 24 h,
	 * and a sparkline is a few centimetres, so a narrower one would not show.
	 */
	static final double MIN_GAP = 6;

	/** One gap: x and width in user units, its "not watched …" tooltip. */
	public record Mark(String x, String width, String title) {

		static Mark of(HistoryChart.Gap gap) {
			double width = Math.max(MIN_GAP, gap.x2() - gap.x1());
			double x = Math.max(0, Math.min(gap.x1(), HistoryChart.WIDTH - width));
			return new Mark(HistoryChart.num(x), HistoryChart.num(width), gap.label());
		}

	}

	public LagSparkline {
		gaps = List.copyOf(gaps);
	}

	/**
	 * @param peak the highest lag of the 24 h, null when no poll could tell
	 * @param limit where the lag warns
	 */
	static LagSparkline of(HistoryChart.Drawing d, Duration peak, Duration limit) {
		double limitSeconds = limit.toMillis() / 1000.0;
		String gaps = d.gaps().isEmpty() ? "no gap" : Texts.count(d.gaps().size(), "gap") + " while not watched";
		String label;
		if (peak == null) {
			label = "lag over 24 h: no lag known, " + gaps;
		}
		else if (peak.isNegative() || peak.isZero()) {
			label = "lag over 24 h: caught up throughout, " + gaps;
		}
		else {
			label = "lag over 24 h: peak " + HumanDuration.spoken(peak)
					+ (peak.compareTo(limit) > 0 ? ", above the limit of " + HumanDuration.spoken(limit) : "") + ", "
					+ gaps;
		}
		return new LagSparkline(d.path(), d.gaps().stream().map(Mark::of).toList(), d.y(limitSeconds), label);
	}

}
