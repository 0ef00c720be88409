package io.litewatch.health;

import java.time.Instant;
import java.util.Map;

import io.litewatch.s3.WalSegment;

/**
 * The Litestream 0.3 layout's own figures: generations, and the WAL segments of the
 * current one. A {@link ReplicaStatus} holds none when no generation, current or former,
 * is known.
 *
 * @param current the current generation's id, null when only a former one is known
 * @param count how many generations are stored
 * @param currentStartedAt the current generation's oldest object time
 * @param previous the generation before the current one, once a change was seen
 * @param changedAt when the change from {@code previous} was seen
 * @param ends every generation's newest object time, remembered to tell on the next poll
 * which generations advanced (two advancing at once means two writers); empty when
 * Litewatch does not list the replica itself
 * @param firstSeen when each generation was first seen to start, to know whether a short
 * restore window is explained by a young generation
 * @param walSegmentCount the current generation's WAL segments since its newest snapshot
 * @param walBytes their stored bytes
 * @param newestWal the current generation's newest WAL segment as listed, where a restore
 * to its latest state ends; null when none was listed
 */
public record GenerationState(String current, int count, Instant currentStartedAt, String previous, Instant changedAt,
		Map<String, Instant> ends, Map<String, Instant> firstSeen, long walSegmentCount, long walBytes,
		WalSegment newestWal) {

	public GenerationState {
		ends = Map.copyOf(ends);
		firstSeen = Map.copyOf(firstSeen);
	}

}
