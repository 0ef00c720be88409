package io.litewatch.health;

import java.time.Instant;

/**
 * The pings to the outside dead-man's switch fail.
 *
 * @param target where they go, masked (the path is the check's secret)
 * @param reason the last failure, short and free of the URL's path
 * @param since the first failed ping since the last one that went through
 */
public record HeartbeatFailure(String target, String reason, Instant since) {
}
