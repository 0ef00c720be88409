package io.litewatch.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.litewatch.health.HealthStatus;

/**
 * One recorded poll.
 *
 * @param sequence the poll's number since Litewatch started (restarts at 1; for display
 * only)
 * @param findingCodes installation-wide findings only ({@code FindingCode} names)
 */
public record PollRun(Instant checkedAt, long sequence, HealthStatus status, Duration duration, int databaseCount,
		List<String> findingCodes) {

	public PollRun {
		findingCodes = List.copyOf(findingCodes);
	}

}
