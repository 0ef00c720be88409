package io.litewatch.alert;

import java.time.Instant;

import io.litewatch.health.FindingCode;

/**
 * An operator's "not now" (maintenance): findings it covers still show, marked silenced,
 * but are not announced.
 *
 * @param database the database it covers, or null for every database
 * @param code the finding code it covers, or null for every code
 */
public record Silence(String id, String database, FindingCode code, String reason, Instant createdAt, Instant endsAt) {

	public boolean covers(String findingDatabase, FindingCode findingCode, Instant now) {
		return now.isBefore(endsAt) && (database == null || database.equals(findingDatabase))
				&& (code == null || code == findingCode);
	}

}
