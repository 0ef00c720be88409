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
import static org.assertj.core.api.Assertions.assertThat;

class PollSamplesTest {

	static final Tags PRODUCTION_S3 = Tags.of("database", "production", "replica", "s3");

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
		assertThat(samples.get(gauge)).extracting(Sample::tags).containsExactly(PRODUCTION_S3);
		return samples.get(gauge).get(0).value();
	}

}
