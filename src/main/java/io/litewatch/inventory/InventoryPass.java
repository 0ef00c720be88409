package io.litewatch.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A walk of one replica's every key, as far as it got: the continuation point that is
 * persisted after each request, so a restart resumes it instead of starting over.
 *
 * @param generationIds listed when the pass began, in S3's order
 * @param position index into {@code generationIds} of the generation being walked
 * @param walking false while that generation's snapshots are still to be listed
 * @param done the generations walked to their end
 * @param current the generation being walked, null before its snapshots are listed
 */
public record InventoryPass(Instant startedAt, int requests, List<String> generationIds, int position, boolean walking,
		List<GenerationTally> done, GenerationTally current) {

	public InventoryPass {
		generationIds = generationIds == null ? null : List.copyOf(generationIds);
		done = List.copyOf(done);
	}

	static InventoryPass begin(Instant now) {
		return new InventoryPass(now, 0, null, 0, false, List.of(), null);
	}

	boolean generationsListed() {
		return generationIds != null;
	}

	boolean finished() {
		return generationIds != null && position >= generationIds.size();
	}

	String currentId() {
		return generationIds.get(position);
	}

	InventoryPass withGenerations(List<String> ids, int spent) {
		return new InventoryPass(startedAt, requests + spent, ids, 0, false, done, null);
	}

	InventoryPass walking(GenerationTally tally, int spent) {
		return new InventoryPass(startedAt, requests + spent, generationIds, position, true, done, tally);
	}

	/** One more page of WAL; {@code last} when it was the generation's last page. */
	InventoryPass walked(GenerationTally tally, boolean last, int spent) {
		if (!last) {
			return new InventoryPass(startedAt, requests + spent, generationIds, position, true, done, tally);
		}
		List<GenerationTally> all = new ArrayList<>(done);
		all.add(tally);
		return new InventoryPass(startedAt, requests + spent, generationIds, position + 1, false, all, null);
	}

	/**
	 * About how much of the pass is done: generations walked, plus the current one by WAL
	 * index against the best known end of it.
	 */
	public double progress(InventoryFigures previous) {
		if (generationIds == null || generationIds.isEmpty()) {
			return 0;
		}
		double within = 0;
		if (current != null && walking) {
			Long knownEnd = previous == null ? null
					: previous.generation(current.id()).map(GenerationTally::lastWalIndex).orElse(null);
			within = current.walked(knownEnd);
		}
		return Math.min(0.99, (done.size() + within) / generationIds.size());
	}

}
