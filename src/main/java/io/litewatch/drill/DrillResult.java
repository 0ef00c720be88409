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
 * @param generation the generation Litestream 0.3 restored from, as it logged it, or the
 * TXID Litestream 0.5 restored up to (16 hex digits, from its {@code -json} output); null
 * when it got no snapshot
 * @param newestRow the restored data's newest row time, or null when it has none to read
 */
public record DrillResult(String database, String replica, Instant startedAt, Duration took, Outcome outcome,
		long restoredBytes, String integrity, Map<String, Long> rowCounts, String message, String litestreamOutput,
		String generation, NewestRow newestRow) {

	public DrillResult {
		rowCounts = rowCounts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
	}

	/**
	 * A result whose data has no newest row to read (not restored, or no time column).
	 */
	public DrillResult(String database, String replica, Instant startedAt, Duration took, Outcome outcome,
			long restoredBytes, String integrity, Map<String, Long> rowCounts, String message, String litestreamOutput,
			String generation) {
		this(database, replica, startedAt, took, outcome, restoredBytes, integrity, rowCounts, message,
				litestreamOutput, generation, null);
	}

	/**
	 * The newest point in time the restored data itself reaches: the largest Rails
	 * timestamp ({@code created_at}, {@code updated_at}) of any table.
	 *
	 * @param column where it was found, {@code table.column}
	 */
	public record NewestRow(String column, Instant at) {
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
