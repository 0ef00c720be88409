package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drawing from slots and silences. The tests state their history as polls, grouped
 * here as the history's SQL groups them ({@code history.HistorySeriesTest} proves the SQL
 * does), so each case still reads as "these polls make this chart".
 */
class HistoryChartTest {

	static final Instant FROM = Instant.parse("2026-11-25T00:00:00Z");

	static final Instant TO = FROM.plus(Duration.ofHours(24));

	static final Duration GAP = Duration.ofSeconds(45);

	/** One poll: a null value means it could not tell. */
	record Point(Instant at, Double value) {
	}

	/** Every 15 s from {@code start} for {@code length}, all with {@code value}. */
	static List<Point> polls(Instant start, Duration length, double value) {
		List<Point> points = new ArrayList<>();
		for (Instant t = start; t.isBefore(start.plus(length)); t = t.plusSeconds(15)) {
			points.add(new Point(t, value));
		}
		return points;
	}

	/**
	 * The polls grouped as {@code HistorySeries} does in SQL: per slot of
	 * {@link HistoryChart#slotLength} its first and last instants, highest value and
	 * whether one could not tell; and the silences longer than {@code maxGap}.
	 */
	static HistoryChart.Drawing draw(List<Point> polls, Instant from, Instant to, Duration maxGap, int buckets,
			double floor) {
		long slotMs = HistoryChart.slotLength(from, to, buckets).toMillis();
		TreeMap<Long, List<Point>> bySlot = new TreeMap<>();
		List<HistoryChart.Silence> silences = new ArrayList<>();
		Point previous = null;
		for (Point p : polls) {
			if (p.at().isBefore(from) || p.at().isAfter(to)) {
				continue;
			}
			bySlot.computeIfAbsent((p.at().toEpochMilli() - from.toEpochMilli()) / slotMs, (k) -> new ArrayList<>())
				.add(p);
			if (previous != null && Duration.between(previous.at(), p.at()).compareTo(maxGap) > 0) {
				silences.add(new HistoryChart.Silence(previous.at(), p.at()));
			}
			previous = p;
		}
		List<HistoryChart.Slot> slots = bySlot.values()
			.stream()
			.map((ps) -> new HistoryChart.Slot(ps.get(0).at(), ps.get(ps.size() - 1).at(),
					ps.stream().map(Point::value).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null),
					ps.stream().anyMatch((p) -> p.value() == null)))
			.toList();
		assertThat(slots).hasSizeLessThanOrEqualTo(buckets);
		return HistoryChart.draw(slots, silences, from, to, maxGap, floor);
	}

	static int segments(String path) {
		return path.split("M", -1).length - 1;
	}

	@Test
	void xIsProportionalToTimeAndYGrowsUpwards() {
		List<Point> points = List.of(new Point(FROM, 0.0), new Point(FROM.plus(Duration.ofHours(6)), 10.0));
		// Samples 6 h apart would be a gap at 45 s; a wide maxGap keeps one line.
		HistoryChart.Drawing d = draw(points, FROM, FROM.plus(Duration.ofHours(12)), Duration.ofHours(7), 600, 0);

		// 6 h of a 12 h range is half the width; the top is 10 % above the highest value.
		assertThat(d.path()).isEqualTo("M0 120 L300 10.9");
		assertThat(d.gaps()).isEmpty();
		assertThat(d.top()).isEqualTo(11.0);
	}

	@Test
	void aSilenceLongerThanTheGapBreaksTheLineAndIsReturnedAsAGap() {
		List<Point> points = new ArrayList<>(polls(FROM, Duration.ofHours(6), 2));
		// Litewatch stopped from 06:00 to 12:00.
		points.addAll(polls(FROM.plus(Duration.ofHours(12)), Duration.ofHours(12), 2));
		HistoryChart.Drawing d = draw(points, FROM, TO, GAP, 600, 0);

		assertThat(segments(d.path())).isEqualTo(2);
		assertThat(d.gaps()).hasSize(1);
		HistoryChart.Gap gap = d.gaps().get(0);
		assertThat(gap.x1()).isCloseTo(150, org.assertj.core.data.Offset.offset(0.2));
		assertThat(gap.x2()).isEqualTo(300);
		assertThat(gap.label()).isEqualTo("not watched 2026-11-25 05:59 – 2026-11-25 12:00 UTC");
	}

	@Test
	void noSamplesBeforeOrAfterAreGapsAtTheEdgesNotFlatLines() {
		HistoryChart.Drawing d = draw(polls(FROM.plus(Duration.ofHours(12)), Duration.ofHours(6), 1), FROM, TO, GAP,
				600, 0);

		assertThat(d.gaps()).hasSize(2);
		assertThat(d.gaps().get(0).x1()).isZero();
		assertThat(d.gaps().get(1).x2()).isEqualTo(600);
		assertThat(draw(List.of(), FROM, TO, GAP, 600, 0).path()).isEmpty();
	}

	@Test
	void anUnknownValueBreaksTheLineWithoutAGap() {
		List<Point> points = new ArrayList<>(polls(FROM, Duration.ofMinutes(1), 1));
		points.add(new Point(FROM.plusSeconds(60), null));
		points.addAll(polls(FROM.plusSeconds(75), Duration.ofMinutes(1), 1));
		HistoryChart.Drawing d = draw(points, FROM, FROM.plus(Duration.ofMinutes(3)), GAP, 600, 0);

		assertThat(segments(d.path())).isEqualTo(2);
		assertThat(d.gaps()).hasSize(1).allSatisfy((g) -> assertThat(g.x2()).isEqualTo(600));
	}

	@Test
	void thirtyDaysOfPollsAreBoundedAndKeepTheirPeak() {
		Instant from = TO.minus(Duration.ofDays(30));
		List<Point> points = new ArrayList<>(polls(from, Duration.ofDays(30), 1));
		points.set(100_000, new Point(points.get(100_000).at(), 500.0));
		HistoryChart.Drawing d = draw(points, from, TO, GAP, 600, 0);

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
		HistoryChart.Drawing d = draw(polls(FROM, Duration.ofHours(24), 1), FROM, TO, GAP, 600, 13);

		assertThat(d.shows(13)).isTrue();
		assertThat(d.y(13)).isEqualTo("10.9");
	}

	@Test
	void theSlotLengthKeepsEveryRangeWithinItsBucketsNowIncluded() {
		for (Duration range : List.of(Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30))) {
			Instant from = TO.minus(range);
			long slotMs = HistoryChart.slotLength(from, TO, 600).toMillis();

			assertThat(range.toMillis() / slotMs).as(range.toString()).isEqualTo(599);
		}
		assertThat(HistoryChart.slotLength(TO, TO, 600)).isEqualTo(Duration.ofMillis(1));
	}

	@Test
	void aSlotWhereOnePollCouldNotTellKeepsItsValueAndBreaksTheLineBeforeIt() {
		// 24 h in 600 slots of 144 s: the unknown poll shares its slot with known ones.
		List<Point> points = new ArrayList<>(polls(FROM, Duration.ofHours(1), 1));
		points.set(100, new Point(points.get(100).at(), null));
		points.set(101, new Point(points.get(101).at(), 7.0));
		HistoryChart.Drawing d = draw(points, FROM, FROM.plus(Duration.ofHours(1)), GAP, 600, 0);

		assertThat(segments(d.path())).isEqualTo(2);
		assertThat(d.path()).contains(" " + d.y(7));
		assertThat(d.gaps()).isEmpty();
	}

	@Test
	void aSilenceShorterThanASlotStillBreaksTheLineAndIsShaded() {
		// 30 days in slots of 72 min; Litewatch stopped for 10 of them.
		Instant from = TO.minus(Duration.ofDays(30));
		Instant stop = from.plus(Duration.ofDays(10)).plus(Duration.ofMinutes(20));
		List<Point> points = new ArrayList<>(polls(from, Duration.between(from, stop), 1));
		points.addAll(polls(stop.plus(Duration.ofMinutes(10)), Duration.between(stop, TO).minusMinutes(10), 1));
		HistoryChart.Drawing d = draw(points, from, TO, GAP, 600, 0);

		assertThat(segments(d.path())).isEqualTo(2);
		assertThat(d.gaps()).singleElement()
			.satisfies((g) -> assertThat(g.label()).isEqualTo("not watched 2026-11-06 00:19 – 2026-11-06 00:30 UTC"));
	}

}
