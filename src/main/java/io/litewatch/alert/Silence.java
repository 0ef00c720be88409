package io.litewatch.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.litewatch.health.FindingCode;
import io.litewatch.time.GoDuration;
import io.litewatch.time.HumanDuration;

/**
 * An operator's "not now" (maintenance): findings it covers still show, marked silenced,
 * but are not announced.
 *
 * @param database the database it covers, or null for every database
 * @param code the finding code it covers, or null for every code
 */
public record Silence(String id, String database, FindingCode code, String reason, Instant createdAt, Instant endsAt) {

	/**
	 * A new silence from {@code now} for {@code length}.
	 * @param maxLength the longest allowed
	 * ({@code litewatch.alerts.silence-max-duration})
	 * @throws IllegalArgumentException when the length is not above zero or is above the
	 * maximum; the message says so in words for the page
	 */
	public static Silence starting(String database, FindingCode code, String reason, Instant now, Duration length,
			Duration maxLength) {
		if (!GoDuration.positive(length)) {
			throw new IllegalArgumentException("A silence must last more than zero.");
		}
		if (length.compareTo(maxLength) > 0) {
			throw new IllegalArgumentException("A silence can last at most " + HumanDuration.compact(maxLength) + " ("
					+ HumanDuration.compact(length)
					+ " was asked); nothing was silenced. Choose a shorter duration, or "
					+ "raise litewatch.alerts.silence-max-duration.");
		}
		return new Silence(UUID.randomUUID().toString(), database, code, reason, now, now.plus(length));
	}

	public boolean covers(String findingDatabase, FindingCode findingCode, Instant now) {
		return now.isBefore(endsAt) && (database == null || database.equals(findingDatabase))
				&& (code == null || code == findingCode);
	}

}
