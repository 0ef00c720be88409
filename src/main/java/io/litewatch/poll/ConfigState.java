package io.litewatch.poll;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The litestream.yml as of one poll.
 *
 * @param errorLine 1-based line of the error, 0 when unknown or no error
 * @param error what is wrong with the file, or null when it parsed
 * @param watchingSince when the config in use (this one, or the last valid one) was
 * loaded
 */
public record ConfigState(Path file, boolean valid, int errorLine, String error, Instant modifiedAt,
		boolean usingLastValid) {
}
