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
 * @param createdBy the account that created it, or null (created before there were
 * logins)
 */
public record Silence(String id, String database, FindingCode code, String reason, Instant createdAt, Instant endsAt,
		String createdBy) {

	/** The longest reason kept: it is shown on every visit of the page. */
	public static final int MAX_REASON = 500;

	/**
	 * A new silence from {@code now} for {@code length}.
	 * @param maxLength the longest allowed
	 * ({@code litewatch.alerts.silence-max-duration})
	 * @throws IllegalArgumentException when the length is not above zero or is above the
	 * maximum, or the reason is too long; the message says so in words for the page
	 */
	public static Silence starting(String database, FindingCode code, String reason, String createdBy, Instant now,
			Duration length, Duration maxLength) {
		if (!GoDuration.positive(length)) {
			throw new IllegalArgumentException("A silence must last more than zero.");
		}
		if (length.compareTo(maxLength) > 0) {
			throw new IllegalArgumentException("A silence can last at most " + HumanDuration.compact(maxLength) + " ("
					+ HumanDuration.compact(length)
					+ " was asked); nothing was silenced. Choose a shorter duration, or "
					+ "raise litewatch.alerts.silence-max-duration.");
		}
		if (reason != null && reason.length() > MAX_REASON) {
			throw new IllegalArgumentException("Not silenced: the reason has " + reason.length()
					+ " characters, and at most " + MAX_REASON + " are kept. Nothing was changed.");
		}
		return new Silence(UUID.randomUUID().toString(), database, code, reason, now, now.plus(length), createdBy);
	}

	public boolean covers(String findingDatabase, FindingCode findingCode, Instant now) {
		return now.isBefore(endsAt) && (database == null || database.equals(findingDatabase))
				&& (code == null || code == findingCode);
	}

	/**
	 * What it covers, in words: "production, REPLICA_STALE" or "every database, every
	 * code".
	 */
	public String scope() {
		return (database != null ? database : "every database") + ", " + (code != null ? code.name() : "every code");
	}

}
