package io.litewatch.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;

import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.health.Severity;
import io.litewatch.metrics.PollSamples.FindingKey;
import io.litewatch.metrics.PollSamples.Sample;
import io.litewatch.poll.PollResult;

import static io.litewatch.metrics.SyntheticPolls.T0;
import static io.litewatch.metrics.SyntheticPolls.database;
import static io.litewatch.metrics.SyntheticPolls.inventory;
import static io.litewatch.metrics.SyntheticPolls.poll;
import static io.litewatch.metrics.SyntheticPolls.replica;
import static io.litewatch.metrics.SyntheticPolls.withDrills;
import static org.assertj.core.api.Assertions.assertThat;

class PollSamplesTest {

	static final Tags PRODUCTION_S3 = Tags.of("database", "production", "replica", "s3");

	/** A replica's own figures also say which layout they are of. */
	static final Tags PRODUCTION_S3_03 = PRODUCTION_S3.and("layout", "0.3");

	@Test
	void eachReplicaFigureIsASeriesInTheUnitOfApiStatus() {
		PollResult poll = poll(1, T0, database("production", replica("s3", Duration.ofMillis(2_500), inventory())));

		Map<PollGauge, List<Sample>> samples = PollSamples.of(poll);

		assertThat(samples.get(PollGauge.DATABASE_STATUS))
			.containsExactly(new Sample(Tags.of("database", "production"), 0));
		assertThat(value(samples, PollGauge.REPLICA_STATUS)).isEqualTo(0);
		assertThat(value(samples, PollGauge.REPLICA_LAG)).isEqualTo(2.5);
		assertThat(value(samples, PollGauge.REPLICA_SNAPSHOT_AGE)).isEqualTo(1200.5);
		assertThat(value(samples, PollGauge.REPLICA_RESTORE_WINDOW)).isEqualTo(72_000);
		assertThat(value(samples, PollGauge.REPLICA_GENERATIONS)).isEqualTo(1);
		assertThat(value(samples, PollGauge.REPLICA_SNAPSHOTS)).isEqualTo(2);
		assertThat(value(samples, PollGauge.REPLICA_WAL_SEGMENTS)).isEqualTo(7);
		assertThat(value(samples, PollGauge.REPLICA_WAL_SIZE)).isEqualTo(4152);
		assertThat(value(samples, PollGauge.REPLICA_S3_REQUESTS)).isEqualTo(3);
		assertThat(value(samples, PollGauge.INVENTORY_WAL_SEGMENTS)).isEqualTo(120);
		assertThat(value(samples, PollGauge.INVENTORY_WAL_SIZE)).isEqualTo(4_000_000);
		assertThat(value(samples, PollGauge.INVENTORY_WAL_GAPS)).isEqualTo(3);
		assertThat(value(samples, PollGauge.INVENTORY_PROGRESS)).isEqualTo(0.4);
	}

	@Test
	void aFigureNotKnownHasNoSeries() {
		PollResult poll = poll(1, T0, database("production", replica("s3", null)));

		Map<PollGauge, List<Sample>> samples = PollSamples.of(poll);

		assertThat(samples.get(PollGauge.REPLICA_LAG)).isEmpty();
		assertThat(samples.get(PollGauge.INVENTORY_WAL_SEGMENTS)).isEmpty();
		assertThat(samples.get(PollGauge.INVENTORY_PROGRESS)).isEmpty();
		assertThat(samples.get(PollGauge.REPLICA_STATUS)).hasSize(1);
	}

	@Test
	void eachReplicasNewestDrillIsASeriesAndTheLastPassedOneADatabasesSeries() {
		PollResult poll = poll(1, T0, withDrills(database("production", replica("s3", Duration.ZERO))),
				database("queue", replica("s3", Duration.ZERO)));
		Tags offsite = Tags.of("database", "production", "replica", "offsite");
		double twentyMinutesAgo = T0.minus(Duration.ofMinutes(20)).getEpochSecond();

		Map<PollGauge, List<Sample>> samples = PollSamples.of(poll);

		assertThat(samples.get(PollGauge.DRILL_LAST_PASSED))
			.containsExactly(new Sample(Tags.of("database", "production"), twentyMinutesAgo));
		assertThat(samples.get(PollGauge.DRILL_OUTCOME)).containsExactly(new Sample(PRODUCTION_S3, 0),
				new Sample(offsite, 1));
		assertThat(samples.get(PollGauge.DRILL_STARTED)).containsExactly(new Sample(PRODUCTION_S3, twentyMinutesAgo),
				new Sample(offsite, T0.getEpochSecond() - 60));
		assertThat(samples.get(PollGauge.DRILL_DURATION)).containsExactly(new Sample(PRODUCTION_S3, 1.25),
				new Sample(offsite, 0.004));
		assertThat(samples.get(PollGauge.DRILL_RESTORED_SIZE)).containsExactly(new Sample(PRODUCTION_S3, 90_112),
				new Sample(offsite, 0));
		assertThat(value(samples, PollGauge.DRILL_RPO, PRODUCTION_S3)).isEqualTo(0.5);
		assertThat(value(samples, PollGauge.DRILL_POINT_OUTCOME, PRODUCTION_S3)).isZero();
	}

	@Test
	void aDrillOutcomeIsZeroOneTwoLikeAState() {
		assertThat(PollSamples.outcome("PASSED")).isZero();
		assertThat(PollSamples.outcome("REFUSED")).isEqualTo(1);
		assertThat(PollSamples.outcome("FAILED")).isEqualTo(2);
		assertThat(PollSamples.outcome(null)).isNull();
	}

	@Test
	void statesAreZeroOneTwo() {
		PollResult poll = poll(1, T0,
				database("production",
						replica("s3", Duration.ZERO, Finding.warning(FindingCode.SNAPSHOT_OVERDUE, "overdue"))),
				database("queue",
						replica("s3", Duration.ofMinutes(5), Finding.critical(FindingCode.REPLICA_STALE, "stale"))));

		Map<PollGauge, List<Sample>> samples = PollSamples.of(poll);

		assertThat(samples.get(PollGauge.DATABASE_STATUS)).containsExactly(
				new Sample(Tags.of("database", "production"), 1), new Sample(Tags.of("database", "queue"), 2));
		assertThat(samples.get(PollGauge.REPLICA_STATUS)).extracting(Sample::value).containsExactly(1.0, 2.0);
	}

	@Test
	void findingsAreCountedByCodeAndSeverityLeavingOutHeldOnes() {
		Finding down = Finding.critical(FindingCode.ACCESSORY_DOWN, "stopped");
		PollResult poll = poll(1, T0, List.of(down), database("production",
				replica("s3", Duration.ZERO,
						Finding.critical(FindingCode.REPLICA_STALE, "stale").heldBack(FindingCode.ACCESSORY_DOWN))),
				database("queue", replica("s3", Duration.ZERO, Finding.warning(FindingCode.SNAPSHOT_OVERDUE, "late")),
						replica("offsite", Duration.ZERO, Finding.warning(FindingCode.SNAPSHOT_OVERDUE, "late"))));

		Map<FindingKey, Integer> counts = PollSamples.findingCounts(poll);

		assertThat(counts).hasSize(FindingCode.values().length * Severity.values().length);
		assertThat(counts.get(new FindingKey(FindingCode.ACCESSORY_DOWN, Severity.CRITICAL))).isEqualTo(1);
		assertThat(counts.get(new FindingKey(FindingCode.SNAPSHOT_OVERDUE, Severity.WARNING))).isEqualTo(2);
		assertThat(counts.get(new FindingKey(FindingCode.REPLICA_STALE, Severity.CRITICAL))).isZero();
	}

	private static double value(Map<PollGauge, List<Sample>> samples, PollGauge gauge) {
		return value(samples, gauge, PRODUCTION_S3_03);
	}

	private static double value(Map<PollGauge, List<Sample>> samples, PollGauge gauge, Tags tags) {
		assertThat(samples.get(gauge)).extracting(Sample::tags).containsExactly(tags);
		return samples.get(gauge).get(0).value();
	}

}
