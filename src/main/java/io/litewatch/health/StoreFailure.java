package io.litewatch.health;

import java.time.Instant;

/**
 * Litewatch's own state database refused a write.
 *
 * @param what what could not be saved ("history", "alert state")
 * @param reason the error, already short and free of secrets
 * @param since when the writes started failing
 */
public record StoreFailure(String what, String reason, Instant since) {
}
