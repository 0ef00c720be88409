package io.litewatch.poll;

import java.util.Map;

import io.litewatch.health.DrillObservation;

/**
 * Where a poll reads what the restore drills have shown (they run on their own schedule,
 * never inside a poll).
 */
public interface DrillBook {

	/** Each database's drills by name; a database with drills off has no entry. */
	Map<String, DrillObservation> observe();

}
