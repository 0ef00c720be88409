package io.litewatch.web;

import java.util.List;
import java.util.Map;

import io.litewatch.drill.DrillRecord;
import io.litewatch.drill.DrillResult;

/**
 * One drill as the evidence export lists it (JSON and CSV), for audits and security
 * reviews.
 *
 * @param tookMs the restore of the latest state with its checks: the RTO measured
 * @param restoredUpTo the newest object of the replica the restore reached, as listed
 * @param achievedRpoSeconds the live database's latest change at drill start against the
 * restored data's newest point; null when unknown
 * @param newestRowAt the newest row time in the restored data itself (Rails'
 * {@code created_at}/{@code updated_at}), found in {@code newestRowColumn}; null when
 * none
 * @param litestreamOutput Litestream's own output on failure (JSON only)
 */
public record DrillEvidence(String id, String database, String replica, String startedAt, String trigger,
		String outcome, long tookMs, long restoredBytes, String integrity, int tables, long rows,
		Map<String, Long> rowCounts, String generation, String restoredUpTo, Double achievedRpoSeconds,
		String newestRowAt, String newestRowColumn, String pointInTimeTarget, String pointInTimeOutcome, String message,
		String litestreamOutput) {

	static final List<String> CSV_COLUMNS = List.of("id", "database", "replica", "started_at", "trigger", "outcome",
			"took_ms", "restored_bytes", "integrity", "tables", "rows", "generation", "restored_up_to",
			"achieved_rpo_seconds", "newest_row_at", "newest_row_column", "point_in_time_target",
			"point_in_time_outcome", "message");

	static DrillEvidence of(DrillRecord d) {
		DrillResult r = d.latest();
		String message = r.message() != null ? r.message()
				: d.pointInTime() != null && d.pointInTime().message() != null
						? "Point in time: " + d.pointInTime().message() : null;
		return new DrillEvidence(d.id(), r.database(), r.replica(), StatusView.text(r.startedAt()), d.trigger().name(),
				// The latest-state restore's own outcome: a point in time that failed
				// is its own column and only a warning.
				r.outcome().name(), r.took().toMillis(), r.restoredBytes(), r.integrity(), r.rowCounts().size(),
				r.rowCounts().values().stream().mapToLong(Long::longValue).sum(), r.rowCounts(), r.generation(),
				StatusView.text(d.restoredUpTo()), d.achievedRpo() != null ? d.achievedRpo().toMillis() / 1000.0 : null,
				r.newestRow() != null ? StatusView.text(r.newestRow().at()) : null,
				r.newestRow() != null ? r.newestRow().column() : null,
				d.pointInTime() != null ? StatusView.text(d.pointInTime().target()) : null,
				d.pointInTime() != null ? d.pointInTime().outcome().name() : null, message, r.litestreamOutput());
	}

	List<Object> csvValues() {
		return List.of(id, database, replica, startedAt, trigger, outcome, tookMs, restoredBytes, blank(integrity),
				tables, rows, blank(generation), blank(restoredUpTo),
				achievedRpoSeconds != null ? achievedRpoSeconds : "", blank(newestRowAt), blank(newestRowColumn),
				blank(pointInTimeTarget), blank(pointInTimeOutcome), blank(message));
	}

	private static String blank(String text) {
		return text != null ? text : "";
	}

	/**
	 * RFC 4180: quoted when it holds a comma, quote or line break; a leading formula sign
	 * (OWASP's list: = + - @ tab CR) is defused.
	 */
	static String csvField(Object value) {
		String text = String.valueOf(value);
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

}
