package io.litewatch.badge;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;

import static io.litewatch.metrics.SyntheticPolls.T0;
import static io.litewatch.metrics.SyntheticPolls.database;
import static io.litewatch.metrics.SyntheticPolls.poll;
import static io.litewatch.metrics.SyntheticPolls.replica;
import static org.assertj.core.api.Assertions.assertThat;

class BadgeTextTest {

	@Test
	void durationsReadAsPeopleWriteThem() {
		assertThat(BadgeText.duration(Duration.ZERO)).isEqualTo("0s");
		assertThat(BadgeText.duration(Duration.ofMillis(2_900))).isEqualTo("2s");
		assertThat(BadgeText.duration(Duration.ofSeconds(90))).isEqualTo("1m 30s");
		assertThat(BadgeText.duration(Duration.ofHours(1))).isEqualTo("1h");
		assertThat(BadgeText.duration(Duration.ofMinutes(65).plusSeconds(59))).isEqualTo("1h 5m");
		assertThat(BadgeText.duration(Duration.ofHours(76))).isEqualTo("3d 4h");
		assertThat(BadgeText.duration(Duration.ofDays(30))).isEqualTo("30d");
	}

	@Test
	void theDatabaseShowsItsWorstReplicaLagAndCaughtUpIsZero() {
		assertThat(BadgeText
			.database(database("production", replica("s3", Duration.ofSeconds(-4)),
					replica("offsite", Duration.ofSeconds(12)), replica("gcs", null)), false)
			.message()).isEqualTo("production: ok \u00b7 lag 12s");
		assertThat(BadgeText.database(database("production", replica("s3", Duration.ofSeconds(-4))), false).message())
			.isEqualTo("production: ok \u00b7 lag 0s");
		assertThat(BadgeText.database(database("production", replica("s3", null)), false).message())
			.isEqualTo("production: ok \u00b7 lag unknown");
		Badge noReplica = BadgeText
			.database(database("production", List.of(Finding.critical(FindingCode.NO_REPLICA, "no replica"))), false);
		assertThat(noReplica.message()).isEqualTo("production: critical");
		assertThat(noReplica.tone()).isEqualTo(Badge.Tone.CRITICAL);
	}

	@Test
	void theInstallationCountsTheDatabasesInItsWorstState() {
		var stale = Finding.critical(FindingCode.REPLICA_STALE, "stale");
		assertThat(BadgeText.overall(poll(1, T0, database("a", replica("s3", Duration.ZERO))), false).message())
			.isEqualTo("ok");
		assertThat(BadgeText
			.overall(poll(1, T0, database("a", replica("s3", Duration.ZERO, stale)),
					database("b", replica("s3", Duration.ZERO, stale)), database("c", replica("s3", Duration.ZERO))),
					false)
			.message()).isEqualTo("2 critical");
		assertThat(
				BadgeText.overall(poll(1, T0, List.of(Finding.critical(FindingCode.CONFIG_INVALID, "bad yaml"))), false)
					.message())
			.isEqualTo("critical");
		assertThat(BadgeText.overall(poll(1, T0), true)).isEqualTo(Badge.stalled());
	}

}
