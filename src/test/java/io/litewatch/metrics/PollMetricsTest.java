package io.litewatch.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.Publish;
import io.litewatch.poll.PollCompletedEvent;
import io.litewatch.poll.PollFreshness;
import io.litewatch.poll.PollResult;
import io.litewatch.testsupport.TestClock;

import static io.litewatch.metrics.SyntheticPolls.T0;
import static io.litewatch.metrics.SyntheticPolls.database;
import static io.litewatch.metrics.SyntheticPolls.poll;
import static io.litewatch.metrics.SyntheticPolls.replica;
import static org.assertj.core.api.Assertions.assertThat;

/** The gauges against a real (simple) registry, fed the way the poll feeds them. */
class PollMetricsTest {

	final TestClock clock = new TestClock(T0);

	final LatestPoll latest = new LatestPoll();

	final MeterRegistry registry = new SimpleMeterRegistry();

	PollMetrics metrics;

	@BeforeEach
	void bind() {
		metrics = new PollMetrics(new PollFreshness(latest, Duration.ofSeconds(10), Duration.ofSeconds(25), clock));
		metrics.bindTo(registry);
	}

	@Test
	void beforeTheFirstPollThereAreNoSeriesAndThePollGaugesAreNaN() {
		assertThat(registry.find("litewatch.replica.lag").gauges()).isEmpty();
		assertThat(gauge("litewatch.poll.sequence")).isNaN();
		assertThat(gauge("litewatch.status")).isNaN();
		assertThat(registry.get("litewatch.findings")
			.tag("code", "REPLICA_STALE")
			.tag("severity", "critical")
			.gauge()
			.value()).isZero();
	}

	@Test
	void aPollSetsEveryGauge() {
		publish(poll(7, T0, database("production", replica("s3", Duration.ofSeconds(2))), database("queue",
				replica("s3", Duration.ofSeconds(300), Finding.critical(FindingCode.REPLICA_STALE, "stale")))));

		assertThat(replicaGauge("litewatch.replica.lag", "production", "s3")).isEqualTo(2);
		assertThat(replicaGauge("litewatch.replica.lag", "queue", "s3")).isEqualTo(300);
		assertThat(replicaGauge("litewatch.replica.status", "queue", "s3")).isEqualTo(2);
		assertThat(registry.get("litewatch.database.status").tag("database", "queue").gauge().value()).isEqualTo(2);
		assertThat(gauge("litewatch.status")).isEqualTo(2);
		assertThat(gauge("litewatch.poll.sequence")).isEqualTo(7);
		assertThat(gauge("litewatch.poll.duration")).isEqualTo(0.85);
		assertThat(gauge("litewatch.poll.checked.timestamp")).isEqualTo(T0.getEpochSecond());
		assertThat(registry.get("litewatch.findings")
			.tag("code", "REPLICA_STALE")
			.tag("severity", "critical")
			.gauge()
			.value()).isEqualTo(1);
	}

	@Test
	void aDatabaseNoLongerPolledLosesItsSeries() {
		publish(poll(1, T0, database("production", replica("s3", Duration.ofSeconds(2))),
				database("queue", replica("s3", Duration.ofSeconds(3)))));
		publish(poll(2, T0.plusSeconds(10), database("production", replica("s3", Duration.ofSeconds(4)))));

		assertThat(registry.find("litewatch.replica.lag").tag("database", "queue").gauges()).isEmpty();
		assertThat(registry.find("litewatch.database.status").tag("database", "queue").gauges()).isEmpty();
		assertThat(replicaGauge("litewatch.replica.lag", "production", "s3")).isEqualTo(4);
	}

	@Test
	void aSeriesThatStaysIsTheSameMeterWithTheNewValue() {
		publish(poll(1, T0, database("production", replica("s3", Duration.ofSeconds(2)))));
		Gauge before = registry.get("litewatch.replica.lag").tag("database", "production").gauge();

		publish(poll(2, T0.plusSeconds(10), database("production", replica("s3", Duration.ofSeconds(9)))));

		assertThat(registry.get("litewatch.replica.lag").tag("database", "production").gauge()).isSameAs(before);
		assertThat(before.value()).isEqualTo(9);
	}

	@Test
	void aStalledPollLoopIsCriticalWhenScrapedThoughNoPollSaysSo() {
		publish(poll(1, T0, database("production", replica("s3", Duration.ofSeconds(2)))));
		assertThat(gauge("litewatch.status")).isZero();

		clock.advance(Duration.ofMinutes(5));

		assertThat(gauge("litewatch.status")).isEqualTo(2);
		assertThat(registry.get("litewatch.findings")
			.tag("code", "POLL_STALLED")
			.tag("severity", "critical")
			.gauge()
			.value()).isEqualTo(1);
	}

	@Test
	void aRegistryBoundAfterAPollShowsThatPoll() {
		publish(poll(3, T0, database("production", replica("s3", Duration.ofSeconds(2)))));
		MeterRegistry late = new SimpleMeterRegistry();

		metrics.bindTo(late);

		assertThat(late.get("litewatch.replica.lag").tag("database", "production").gauge().value()).isEqualTo(2);
	}

	private void publish(PollResult poll) {
		Publish.poll(latest, poll);
		metrics.onPollCompleted(new PollCompletedEvent(poll));
	}

	private double gauge(String name) {
		Gauge gauge = registry.get(name).gauge();
		return gauge.value();
	}

	private double replicaGauge(String name, String database, String replica) {
		return registry.get(name).tag("database", database).tag("replica", replica).gauge().value();
	}

}
