package io.litewatch.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the restore drills of one database have shown so far, as the drill runner hands it
 * to a poll.
 *
 * @param since when Litewatch started, or when a replica without any passed drill was
 * first watched if later: without a pass, the time to be overdue runs from there
 * @param lastPassed since when every replica has passed a drill (the oldest of their last
 * passes, point in time included), or null while one has none
 * @param newest each replica's newest drill
 * @param nextDue when the schedule starts the next drill; in the past while it waits for
 * another database's drill, the one-at-a-time thread being busy
 */
public record DrillObservation(Instant since, Duration interval, Duration rpoThreshold, Instant lastPassed,
		List<ReplicaDrill> newest, Instant nextDue) {

	public DrillObservation {
		newest = List.copyOf(newest);
		Objects.requireNonNull(nextDue, "nextDue");
	}

	/**
	 * One replica's newest drill.
	 *
	 * @param outcome {@code PASSED}, {@code FAILED} or {@code REFUSED}
	 * @param took the restore of the latest state and its checks: the RTO to expect
	 * @param failure why the restore of its latest state failed or was refused, or null
	 * @param pointOutcome the point-in-time restore's outcome, null when none ran
	 * @param pointFailure why the point-in-time restore failed, or null
	 * @param achievedRpo null when unknown
	 * @param newestRowAt the restored data's own newest row time, or null when it has
	 * none to read
	 */
	public record ReplicaDrill(String replica, Instant startedAt, String outcome, Duration took, long restoredBytes,
			String failure, Instant pointTarget, String pointOutcome, String pointFailure, Duration achievedRpo,
			Instant newestRowAt) {

		/** A drill whose data has no newest row to read. */
		public ReplicaDrill(String replica, Instant startedAt, String outcome, Duration took, long restoredBytes,
				String failure, Instant pointTarget, String pointOutcome, String pointFailure, Duration achievedRpo) {
			this(replica, startedAt, outcome, took, restoredBytes, failure, pointTarget, pointOutcome, pointFailure,
					achievedRpo, null);
		}

		public boolean failed() {
			return "FAILED".equals(outcome);
		}

	}

}
