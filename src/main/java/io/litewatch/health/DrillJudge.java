package io.litewatch.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.litewatch.health.DrillObservation.ReplicaDrill;
import io.litewatch.time.HumanDuration;

/** The findings of one database's restore drills. */
final class DrillJudge {

	private DrillJudge() {
	}

	/**
	 * @param drills null when drills are off for the database
	 */
	static List<Finding> judge(String database, DrillObservation drills, Instant now) {
		List<Finding> findings = new ArrayList<>();
		if (drills == null) {
			return findings;
		}
		for (ReplicaDrill drill : drills.newest()) {
			if (drill.failed()) {
				findings.add(Finding.critical(FindingCode.RESTORE_FAILED, "The restore drill of " + database + " from "
						+ drill.replica() + " at " + drill.startedAt() + " failed: " + drill.failure()));
				continue;
			}
			if (drill.pointFailure() != null) {
				findings.add(Finding.warning(FindingCode.RESTORE_POINT_UNREACHABLE,
						"The listing of " + drill.replica() + " promised a restore to " + drill.pointTarget()
								+ ", but the drill's restore to it failed: " + drill.pointFailure()));
			}
			if (drill.achievedRpo() != null && drill.achievedRpo().compareTo(drills.rpoThreshold()) > 0) {
				findings.add(Finding.warning(FindingCode.RPO_EXCEEDED,
						"The drill at " + drill.startedAt() + " restored " + database + " from " + drill.replica()
								+ " to a state " + HumanDuration.spoken(drill.achievedRpo())
								+ " older than the live database (RPO threshold "
								+ HumanDuration.spoken(drills.rpoThreshold()) + ")."));
			}
		}
		Duration allowed = drills.interval().multipliedBy(2);
		Instant from = drills.lastPassed() != null ? drills.lastPassed() : drills.since();
		if (Duration.between(from, now).compareTo(allowed) > 0) {
			findings.add(Finding.warning(FindingCode.RESTORE_OVERDUE,
					(drills.lastPassed() != null
							? "A replica of " + database + " last passed a restore drill at " + drills.lastPassed()
							: "A replica of " + database + " has not passed a restore drill since it was first watched"
									+ " at " + drills.since())
							+ ", more than two drill intervals (" + HumanDuration.spoken(allowed) + ") ago."));
		}
		return findings;
	}

}
