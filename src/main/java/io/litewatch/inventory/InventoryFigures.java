package io.litewatch.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of one complete walk of a replica: the figures that need the whole history.
 *
 * @param generations in S3's order (by id)
 * @param requests the S3 requests the pass made, across restarts
 * @param deletion the latest deletion noticed: by this pass against the previous complete
 * one, else carried over from it; null while none was seen
 */
public record InventoryFigures(Instant startedAt, Instant completedAt, int requests, List<GenerationTally> generations,
		RetentionDeletion deletion) {

	public InventoryFigures {
		generations = List.copyOf(generations);
	}

	static InventoryFigures of(InventoryPass pass, Instant now, InventoryFigures previous) {
		RetentionDeletion deletion = previous == null ? null : RetentionDeletion.between(previous, pass.done(), now);
		if (deletion == null || !deletion.any()) {
			deletion = previous == null ? null : previous.deletion();
		}
		return new InventoryFigures(pass.startedAt(), now, pass.requests(), pass.done(), deletion);
	}

	public Optional<GenerationTally> generation(String id) {
		return generations.stream().filter(g -> g.id().equals(id)).findFirst();
	}

	public long walSegments() {
		return generations.stream().mapToLong(GenerationTally::walSegments).sum();
	}

	public long walBytes() {
		return generations.stream().mapToLong(GenerationTally::walBytes).sum();
	}

	public int snapshotCount() {
		return generations.stream().mapToInt(GenerationTally::snapshotCount).sum();
	}

	/** The oldest object kept, in any generation. */
	public Optional<Instant> oldestObjectAt() {
		return generations.stream().map(GenerationTally::oldestAt).filter(t -> t != null).min(Instant::compareTo);
	}

	public Duration passDuration() {
		return Duration.between(startedAt, completedAt);
	}

}
