package io.litewatch.health;

import java.time.Instant;

/**
 * What is known of the database file itself, as the accessory sees it. {@code updatedAt}
 * is the later of the file's and its {@code -wal}'s modification time, which is
 * Litestream's own notion of "the database changed" ({@code DB.UpdatedAt}).
 *
 * @param error why nothing is known, or null
 */
public record DbFileState(boolean exists, long size, Instant updatedAt, String error) {

	public static DbFileState unknown(String error) {
		return new DbFileState(false, 0, null, error);
	}

	public boolean known() {
		return error == null;
	}

}
