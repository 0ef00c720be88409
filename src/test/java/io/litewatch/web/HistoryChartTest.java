package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryChartTest {

	static final Instant FROM = Instant.parse("2026-11-25T00:00:00Z");

	static final Instant TO = FROM.plus(Duration.ofHours(24));

	static final Duration GAP = Duration.ofSeconds(45);

	/** Every 15 s from {@code start} for {@code length}, all with {@code value}. */
	static List<HistoryChart.Point> polls(Instant start, Duration length, double value) {
		List<HistoryChart.Point> points = new ArrayList<>();
		for (Instant t = start; t.isBefore(start.plus(length)); t = t.plusSeconds(15)) {
			points.add(new HistoryChart.Point(t, value));
		}
		return points;
	}

	static int segments(String path) {
		return path.split("M", -1).length - 1;
	}

	@Test
	void xIsProportionalToTimeAndYGrowsUpwards() {
		List<HistoryChart.Point> points = List.of(new HistoryChart.Point(FROM, 0.0),
				new HistoryChart.Point(FROM.plus(Duration.ofHours(6)), 10.0));
		// Samples 6 h apart would be a gap at 45 s; a wide maxGap keeps one line.
		HistoryChart.Drawing d = HistoryChart.draw(points, FROM, FROM.plus(Duration.ofHours(12)), Duration.ofHours(7),
				600, 0);

		// 6 h of a 12 h range is half the width; the top is 10 % above the highest value.
		assertThat(d.path()).isEqualTo("M0 120 L300 10.9");
		assertThat(d.gaps()).isEmpty();
		assertThat(d.top()).isEqualTo(11.0);
	}

	@Test
	void aSilenceLongerThanTheGapBreaksTheLineAndIsReturnedAsAGap() {
		List<HistoryChart.Point> points = new ArrayList<>(polls(FROM, Duration.ofHours(6), 2));
		// Litewatch stopped from 06:00 to 12:00.
		points.addAll(polls(FROM.plus(Duration.ofHours(12)), Duration.ofHours(12), 2));
		HistoryChart.Drawing d = HistoryChart.draw(points, FROM, TO, GAP, 600, 0);

		assertThat(segments(d.path())).isEqualTo(2);
		assertThat(d.gaps()).hasSize(1);
		HistoryChart.Gap gap = d.gaps().get(0);
		assertThat(gap.x1()).isCloseTo(150, org.assertj.core.data.Offset.offset(0.2));
		assertThat(gap.x2()).isEqualTo(300);
		assertThat(gap.label()).isEqualTo("not watched 2026-11-25 05:59 – 2026-11-25 12:00 UTC");
	}

	@Test
	void noSamplesBeforeOrAfterAreGapsAtTheEdgesNotFlatLines() {
		HistoryChart.Drawing d = HistoryChart.draw(polls(FROM.plus(Duration.ofHours(12)), Duration.ofHours(6), 1), FROM,
				TO, GAP, 600, 0);

		assertThat(d.gaps()).hasSize(2);
		assertThat(d.gaps().get(0).x1()).isZero();
		assertThat(d.gaps().get(1).x2()).isEqualTo(600);
		assertThat(HistoryChart.draw(List.of(), FROM, TO, GAP, 600, 0).path()).isEmpty();
	}

	@Test
	void anUnknownValueBreaksTheLineWithoutAGap() {
		List<HistoryChart.Point> points = new ArrayList<>(polls(FROM, Duration.ofMinutes(1), 1));
		points.add(new HistoryChart.Point(FROM.plusSeconds(60), null));
		points.addAll(polls(FROM.plusSeconds(75), Duration.ofMinutes(1), 1));
		HistoryChart.Drawing d = HistoryChart.draw(points, FROM, FROM.plus(Duration.ofMinutes(3)), GAP, 600, 0);

		assertThat(segments(d.path())).isEqualTo(2);
		assertThat(d.gaps()).hasSize(1).allSatisfy((g) -> assertThat(g.x2()).isEqualTo(600));
	}

	@Test
	void thirtyDaysOfPollsAreBoundedAndKeepTheirPeak() {
		Instant from = TO.minus(Duration.ofDays(30));
		List<HistoryChart.Point> points = new ArrayList<>(polls(from, Duration.ofDays(30), 1));
		points.set(100_000, new HistoryChart.Point(points.get(100_000).at(), 500.0));
		HistoryChart.Drawing d = HistoryChart.draw(points, from, TO, GAP, 600, 0);

		assertThat(points).hasSize(172_800);
		assertThat(d.points()).isLessThanOrEqualTo(600);
		assertThat(d.path().length()).isLessThan(12_000);
		// The one 500 s peak survives the bucketing: the scale is set by it and a point
		// sits at its height.
		assertThat(d.top()).isEqualTo(550.0);
		assertThat(d.path()).contains(" " + d.y(500));
	}

	@Test
	void theScaleKeepsTheWarningLimitInView() {
		HistoryChart.Drawing d = HistoryChart.draw(polls(FROM, Duration.ofHours(24), 1), FROM, TO, GAP, 600, 13);

		assertThat(d.shows(13)).isTrue();
		assertThat(d.y(13)).isEqualTo("10.9");
	}

}
