package io.litewatch.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrillPlannerTest {

	static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

	static DrillProperties properties(Map<String, DrillProperties.Database> databases) {
		return new DrillProperties(true, Duration.ofHours(24), Duration.ofMinutes(10), Duration.ofHours(1),
				Duration.ofMinutes(10), Duration.ofMinutes(15), null, null, Duration.ofDays(400), databases);
	}

	@Test
	void aZeroIntervalIsRefusedWithThePropertysName() {
		assertThatThrownBy(() -> properties(Map.of("queue", new DrillProperties.Database(null, Duration.ZERO, null))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("litewatch.drills.databases.queue.interval must be longer than 0, not PT0S");
	}

	@Test
	void aRetentionThatWouldDeleteAllTheEvidenceIsRefused() {
		assertThatThrownBy(
				() -> new DrillProperties(true, Duration.ofHours(24), Duration.ofMinutes(10), Duration.ofHours(1),
						Duration.ofMinutes(10), Duration.ofMinutes(15), null, null, Duration.ofDays(-1), Map.of()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("litewatch.drills.retention must be longer than 0, not PT-24H");
	}

	@Test
	void aDatabaseWithoutADrillWaitsTheFirstDelayThenEachIntervalWithABoundedJitterOfItsOwn() {
		DrillPlanner planner = new DrillPlanner(properties(Map.of()), new Random(1));

		Instant first = planner.due("production", null, START);
		assertThat(first).isBetween(START.plus(Duration.ofMinutes(10)), START.plus(Duration.ofMinutes(70)));
		Instant last = Instant.parse("2026-12-02T03:00:00Z");
		Instant next = planner.due("production", last, START);
		assertThat(next).isBetween(last.plus(Duration.ofHours(24)), last.plus(Duration.ofHours(25)));
		assertThat(planner.due("production", last, START)).as("the same after a restart").isEqualTo(next);
		assertThat(planner.due("queue", last, START)).as("another database spreads apart").isNotEqualTo(next);
	}

	@Test
	void aDatabasesOwnIntervalWinsAndTheJitterStaysUnderATenthOfIt() {
		DrillProperties properties = properties(
				Map.of("cache", new DrillProperties.Database(null, Duration.ofMinutes(10), Duration.ofMinutes(1))));
		DrillPlanner planner = new DrillPlanner(properties, new Random(1));
		Instant last = Instant.parse("2026-12-02T03:00:00Z");

		assertThat(planner.due("cache", last, START)).isBetween(last.plus(Duration.ofMinutes(10)),
				last.plus(Duration.ofMinutes(11)));
		assertThat(properties.rpoThreshold("cache")).isEqualTo(Duration.ofMinutes(1));
		assertThat(properties.rpoThreshold("production")).isEqualTo(Duration.ofMinutes(15));
		assertThat(properties.enabled("cache")).isTrue();
	}

	@Test
	void theMomentOfAPointInTimeRestoreLiesInTheMiddleOfTheWindow() {
		DrillPlanner planner = new DrillPlanner(properties(Map.of()), new Random(7));
		Instant from = Instant.parse("2026-12-03T08:00:00Z");
		Instant to = from.plus(Duration.ofHours(10));
		for (int i = 0; i < 1000; i++) {
			assertThat(planner.pointInTime(from, to)).isBetween(from.plus(Duration.ofHours(1)),
					from.plus(Duration.ofHours(9)));
		}
		assertThat(planner.pointInTime(from, from.plusSeconds(9))).as("too short a window").isNull();
		assertThat(planner.pointInTime(null, to)).isNull();
	}

	@Test
	void aDatabaseTurnedOffHasNoDrills() {
		DrillProperties properties = properties(Map.of("cable", new DrillProperties.Database(false, null, null)));
		assertThat(properties.enabled("cable")).isFalse();
		assertThat(properties.interval("cable")).isEqualTo(Duration.ofHours(24));
	}

}
