package io.litewatch.drill;

import java.time.Duration;
import java.time.Instant;

import io.litewatch.drill.DrillResult.Outcome;

/**
 * One drill of one replica as kept in the evidence: the restore of its latest state, what
 * that shows of the RPO, and the restore to a moment inside the listed window.
 *
 * @param restoredUpTo the newest replica object the restore applied (its upload time, the
 * clock Litestream restores by); null when it is not known
 * @param achievedRpo the live database's latest change at drill start against
 * {@code restoredUpTo}: what a restore at that moment would have lost; null when unknown
 * @param pointInTime the restore with {@code -timestamp}; null when the window was empty
 * or the latest restore already failed
 */
public record DrillRecord(String id, Trigger trigger, DrillResult latest, Instant restoredUpTo, Duration achievedRpo,
		PointInTime pointInTime) {

	/** What started a drill. */
	public enum Trigger {

		SCHEDULED, MANUAL

	}

	/**
	 * The restore to {@code target}, a moment inside the window the listing reported.
	 */
	public record PointInTime(Instant target, Outcome outcome, Duration took, String message) {

		static PointInTime of(Instant target, DrillResult result) {
			return new PointInTime(target, result.outcome(), result.took(), result.message());
		}

	}

	public String database() {
		return latest.database();
	}

	public String replica() {
		return latest.replica();
	}

	public Instant startedAt() {
		return latest.startedAt();
	}

	/** Both restores worked and the file is whole. */
	public boolean passed() {
		return latest.outcome() == Outcome.PASSED && (pointInTime == null || pointInTime.outcome() == Outcome.PASSED);
	}

	/** A restore was attempted and failed (a refusal is not a failure of the backup). */
	public boolean failed() {
		return latest.outcome() == Outcome.FAILED || (pointInTime != null && pointInTime.outcome() == Outcome.FAILED);
	}

}
