package io.litewatch.s3;

import java.time.Instant;
import java.util.List;

/**
 * What the lister remembers of one replica, exported to be kept across restarts: with it,
 * the first poll after a restart lists only what is new, not the tail again.
 *
 * @param lastFullPass when the tails were last listed afresh
 * @param generations sorted by id
 */
public record ListingMemory(Instant lastFullPass, List<GenerationTail> generations) {

	public ListingMemory {
		generations = List.copyOf(generations);
	}

}
