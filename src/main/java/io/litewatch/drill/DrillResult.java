package io.litewatch.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one restore drill found: a real {@code litestream restore} of one replica into
 * scratch space, then the restored file opened with SQLite.
 *
 * @param took the restore and the checks together: the restore time to expect (RTO)
 * @param restoredBytes the restored file's size, 0 when none was written
 * @param integrity the first lines of {@code PRAGMA integrity_check}: {@code ok}, or what
 * is wrong; null when nothing was restored
 * @param rowCounts rows per table of the restored database, in table name order
 * @param message why it failed or was refused, for a person; null when it passed
 * @param litestreamOutput Litestream's own output on failure (clipped), else null
 * @param generation the generation Litestream restored from, as it logged it; null when
 * it got no snapshot
 */
public record DrillResult(String database, String replica, Instant startedAt, Duration took, Outcome outcome,
		long restoredBytes, String integrity, Map<String, Long> rowCounts, String message, String litestreamOutput,
		String generation) {

	public DrillResult {
		rowCounts = rowCounts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
	}

	/** How a drill ended. */
	public enum Outcome {

		/** Restored, and SQLite finds the file whole. */
		PASSED,
		/** The restore failed, or the file it gave is damaged. */
		FAILED,
		/** Not attempted: the scratch disk is too small for it. */
		REFUSED

	}

}
