package io.litewatch.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.litewatch.health.DrillObservation.ReplicaDrill;

import static org.assertj.core.api.Assertions.assertThat;

class DrillJudgeTest {

	static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

	static final Duration DAY = Duration.ofHours(24);

	static ReplicaDrill passed(Instant at, Duration rpo) {
		return new ReplicaDrill("s3", at, "PASSED", Duration.ofMillis(200), 4096, null, at.minusSeconds(60), "PASSED",
				null, rpo);
	}

	static DrillObservation drills(Instant lastPassed, ReplicaDrill... newest) {
		return new DrillObservation(NOW.minus(Duration.ofDays(10)), DAY, Duration.ofMinutes(15), lastPassed,
				List.of(newest), NOW.plus(DAY));
	}

	static List<FindingCode> codes(DrillObservation drills) {
		return DrillJudge.judge("production", drills, NOW).stream().map(Finding::code).toList();
	}

	@Test
	void aPassedRecentDrillWithinItsRpoIsNoFinding() {
		Instant at = NOW.minus(Duration.ofHours(3));
		assertThat(codes(drills(at, passed(at, Duration.ofSeconds(2))))).isEmpty();
		assertThat(DrillJudge.judge("production", null, NOW)).as("drills off").isEmpty();
	}

	@Test
	void aFailedDrillIsCriticalWithLitestreamsReason() {
		Instant at = NOW.minus(Duration.ofHours(1));
		ReplicaDrill failed = new ReplicaDrill("s3", at, "FAILED", Duration.ofMillis(90), 0,
				"The restore failed (exit 1): cannot find snapshot index by timestamp: no snapshots available", null,
				null, null, null);
		List<Finding> findings = DrillJudge.judge("production", drills(at.minus(DAY), failed), NOW);
		assertThat(findings).singleElement().satisfies((f) -> {
			assertThat(f.code()).isEqualTo(FindingCode.RESTORE_FAILED);
			assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
			assertThat(f.message()).contains("no snapshots available").contains("s3");
		});
	}

	@Test
	void aRefusedDrillIsNoFailureButLetsTheDrillsGoOverdue() {
		Instant at = NOW.minus(Duration.ofHours(1));
		ReplicaDrill refused = new ReplicaDrill("s3", at, "REFUSED", Duration.ZERO, 0, "Not run: no room", null, null,
				null, null);
		assertThat(codes(drills(null, refused))).containsExactly(FindingCode.RESTORE_OVERDUE);
		assertThat(codes(drills(NOW.minus(DAY), refused))).isEmpty();
	}

	@Test
	void noPassedDrillWithinTwoIntervalsIsOverdueCountedFromTheLastPassOrTheStart() {
		Instant at = NOW.minus(Duration.ofHours(49));
		assertThat(codes(drills(at, passed(at, Duration.ZERO)))).containsExactly(FindingCode.RESTORE_OVERDUE);
		assertThat(codes(drills(NOW.minus(Duration.ofHours(47)), passed(at, Duration.ZERO)))).isEmpty();
		DrillObservation young = new DrillObservation(NOW.minus(Duration.ofHours(1)), DAY, Duration.ofMinutes(15), null,
				List.of(), NOW.plus(Duration.ofMinutes(10)));
		assertThat(codes(young)).as("Litewatch started an hour ago").isEmpty();
	}

	@Test
	void anRpoOverTheThresholdAndAnUnreachableMomentAreWarnings() {
		Instant at = NOW.minus(Duration.ofHours(1));
		assertThat(codes(drills(at, passed(at, Duration.ofMinutes(16))))).containsExactly(FindingCode.RPO_EXCEEDED);
		ReplicaDrill missed = new ReplicaDrill("s3", at, "PASSED", Duration.ofMillis(200), 4096, null,
				at.minusSeconds(600), "FAILED", "cannot find snapshot index by timestamp", Duration.ZERO);
		List<Finding> findings = DrillJudge.judge("production", drills(at.minus(DAY), missed), NOW);
		assertThat(findings).singleElement().satisfies((f) -> {
			assertThat(f.code()).isEqualTo(FindingCode.RESTORE_POINT_UNREACHABLE);
			assertThat(f.severity()).isEqualTo(Severity.WARNING);
			assertThat(f.message()).contains(at.minusSeconds(600).toString());
		});
	}

}
