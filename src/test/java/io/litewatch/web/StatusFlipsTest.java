package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.litewatch.health.HealthStatus;
import io.litewatch.history.DatabaseSample;
import io.litewatch.history.StatusChange;

import static org.assertj.core.api.Assertions.assertThat;

class StatusFlipsTest {

	static final Instant T0 = Instant.parse("2026-11-25T14:00:00Z");

	static final Duration GAP = Duration.ofSeconds(45);

	static List<DatabaseSample> samples(Instant start, int count, HealthStatus status) {
		List<DatabaseSample> list = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			list.add(new DatabaseSample(start.plusSeconds(15L * i), "production", "/p", status, 1, List.of()));
		}
		return list;
	}

	/**
	 * The rows {@code HistorySeries.statusChanges} reads in SQL: the first, each change,
	 * each first after a silence, the newest ({@code history.HistorySeriesTest} proves
	 * the SQL does).
	 */
	static List<StatusChange> changes(List<DatabaseSample> samples) {
		List<StatusChange> changes = new ArrayList<>();
		for (int i = 0; i < samples.size(); i++) {
			DatabaseSample s = samples.get(i);
			DatabaseSample previous = i == 0 ? null : samples.get(i - 1);
			boolean afterGap = previous != null
					&& Duration.between(previous.checkedAt(), s.checkedAt()).compareTo(GAP) > 0;
			if (previous == null || i == samples.size() - 1 || afterGap || previous.status() != s.status()) {
				changes.add(new StatusChange(s.checkedAt(), s.status(), previous == null ? null : previous.checkedAt(),
						afterGap));
			}
		}
		return changes;
	}

	static List<StatusFlips.Flip> flips(List<DatabaseSample> samples, Instant now, int limit) {
		return StatusFlips.of(changes(samples), GAP, now, limit);
	}

	static List<String> sentences(List<StatusFlips.Flip> flips) {
		return flips.stream().map(StatusFlips.Flip::sentence).toList();
	}

	@Test
	void eachChangeOfStatusIsOneEntryWithItsDurationNewestFirst() {
		List<DatabaseSample> s = new ArrayList<>(samples(T0, 4, HealthStatus.OK));
		s.addAll(samples(T0.plusSeconds(60), 17, HealthStatus.WARNING)); // 60 s .. 300 s
		s.addAll(samples(T0.plusSeconds(312), 2, HealthStatus.OK));
		Instant now = T0.plusSeconds(330);

		List<StatusFlips.Flip> flips = flips(s, now, 50);

		assertThat(sentences(flips)).containsExactly("ok for 18 s so far", "warning for 4 min 12 s", "ok for 1 min");
		assertThat(flips.get(0).current()).isTrue();
		assertThat(flips.get(1).from().iso()).isEqualTo("2026-11-25T14:01:00Z");
	}

	@Test
	void aSilenceIsItsOwnEntryAndEndsTheStateBeforeIt() {
		List<DatabaseSample> s = new ArrayList<>(samples(T0, 5, HealthStatus.CRITICAL));
		s.addAll(samples(T0.plus(Duration.ofHours(1)), 2, HealthStatus.CRITICAL));
		Instant now = T0.plus(Duration.ofHours(1)).plusSeconds(20);

		assertThat(sentences(flips(s, now, 50))).containsExactly("critical for 20 s so far", "not watched for 59 min",
				"critical for 1 min");
	}

	@Test
	void noSampleLatelyMeansNotWatchedSoFar() {
		List<StatusFlips.Flip> flips = flips(samples(T0, 3, HealthStatus.OK), T0.plus(Duration.ofMinutes(10)), 50);

		assertThat(sentences(flips)).containsExactly("not watched for 9 min 30 s so far", "ok for 30 s");
	}

	@Test
	void theListIsBounded() {
		List<DatabaseSample> s = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			s.addAll(samples(T0.plusSeconds(30L * i), 1, i % 2 == 0 ? HealthStatus.OK : HealthStatus.WARNING));
		}
		List<StatusFlips.Flip> flips = flips(s, T0.plusSeconds(30L * 200), 50);

		assertThat(flips).hasSize(50);
		assertThat(flips.get(0).state()).isEqualTo("warning");
		assertThat(flips(List.of(), T0, 50)).isEmpty();
	}

	@Test
	void theNewestRowsBeyondTheLimitGiveTheSameNewestFlips() {
		// What the page reads: the newest limit + 1 rows only, as SQL's LIMIT leaves
		// them.
		List<DatabaseSample> s = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			s.addAll(samples(T0.plusSeconds(600L * i), i % 3 == 0 ? 1 : 4,
					i % 2 == 0 ? HealthStatus.OK : HealthStatus.CRITICAL));
		}
		List<StatusChange> all = changes(s);
		Instant now = T0.plusSeconds(600L * 100);

		assertThat(StatusFlips.of(all.subList(all.size() - 11, all.size()), GAP, now, 10))
			.isEqualTo(StatusFlips.of(all, GAP, now, 10));
	}

}
