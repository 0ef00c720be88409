package io.litewatch.docker;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of {@code litestream generations}: one generation of one replica. {@code lag}
 * is Litestream's own "local change time minus newest replica object", so a negative lag
 * is the normal caught-up state and a positive one means the replica may be behind.
 */
public record GenerationRow(String replica, String generation, Duration lag, Instant start, Instant end) {
}
