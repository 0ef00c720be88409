package io.litewatch.poll;

import java.util.List;
import java.util.Map;

import io.litewatch.config.DbConfig;
import io.litewatch.health.DrillObservation;

/**
 * Where a poll reads what the restore drills have shown (they run on their own schedule,
 * never inside a poll).
 */
public interface DrillBook {

	/**
	 * Each database's drills by name; a database with drills off has no entry.
	 * @param databases the databases this poll watches, as configured now: a replica
	 * taken out of the configuration is no longer judged, from the first poll on
	 */
	Map<String, DrillObservation> observe(List<DbConfig> databases);

}
