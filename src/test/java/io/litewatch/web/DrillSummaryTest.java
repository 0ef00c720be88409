package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.litewatch.health.DrillObservation;
import io.litewatch.health.DrillObservation.ReplicaDrill;

import static org.assertj.core.api.Assertions.assertThat;

class DrillSummaryTest {

	static final Instant NOW = Instant.parse("2026-11-25T14:52:00Z");

	static ReplicaDrill drill(String replica, String outcome, long minutesAgo, long tookMs, Long rpoMs,
			String failure) {
		return new ReplicaDrill(replica, NOW.minus(Duration.ofMinutes(minutesAgo)), outcome, Duration.ofMillis(tookMs),
				4096, failure, null, null, null, rpoMs == null ? null : Duration.ofMillis(rpoMs));
	}

	static ReplicaDrill drill(String replica, String outcome, long minutesAgo, long tookMs, Long rpoMs) {
		return drill(replica, outcome, minutesAgo, tookMs, rpoMs, null);
	}

	static DrillSummary of(ReplicaDrill... newest) {
		return DrillSummary.of(new DrillObservation(NOW.minus(Duration.ofDays(1)), Duration.ofHours(24),
				Duration.ofMinutes(15), null, List.of(newest), NOW.plus(Duration.ofHours(24))), NOW);
	}

	@Test
	void whenAllPassedTheSlowestRestoreAndTheLargestKnownRpoAreShown() {
		DrillSummary summary = of(drill("s3", "PASSED", 60, 412, 626L), drill("offsite", "PASSED", 50, 2_480, null));

		assertThat(summary.outcome()).isEqualTo("passed");
		assertThat(summary.took()).isEqualTo("2.5 s");
		assertThat(summary.rpo()).isEqualTo("0.6 s");
		// The oldest of the replicas' newest: the weakest proof.
		assertThat(summary.at().relative()).isEqualTo("1 h ago");
		assertThat(summary.glyph()).isEqualTo("✓");
	}

	@Test
	void oneFailedReplicaMakesTheLineFailedWhateverTheOthersSay() {
		DrillSummary summary = of(drill("s3", "PASSED", 5, 412, 626L), drill("offsite", "FAILED", 30, 80, null, "x"),
				drill("third", "REFUSED", 1, 0, null, "no space"));

		assertThat(summary.outcome()).isEqualTo("failed");
		assertThat(summary.at().relative()).isEqualTo("30 min ago");
		assertThat(summary.took()).isNull();
		assertThat(summary.rpo()).isNull();
		assertThat(summary.reason()).as("the failure's message is its finding's").isNull();
		assertThat(summary.glyph()).isEqualTo("✕");
	}

	@Test
	void aRefusalSaysWhyClipped() {
		DrillSummary summary = of(drill("s3", "PASSED", 5, 412, 626L),
				drill("offsite", "REFUSED", 2, 0, null, "y".repeat(500)));

		assertThat(summary.outcome()).isEqualTo("refused");
		assertThat(summary.reason()).hasSize(DrillSummary.REASON_CHARS).endsWith("…");
		assertThat(summary.glyph()).isEqualTo("!");
	}

	@Test
	void drillsOffIsNoLineAndNoDrillYetIsNone() {
		assertThat(DrillSummary.of(null, NOW)).isNull();
		assertThat(of().outcome()).isEqualTo("none");
		assertThat(of().at()).isNull();
	}

	@Test
	void anOutcomeThePageDoesNotKnowCountsAsAFailure() {
		assertThat(of(drill("s3", "PASSED", 5, 412, 626L), drill("offsite", "EXPLODED", 2, 0, null, null)).outcome())
			.isEqualTo("failed");
	}

}
