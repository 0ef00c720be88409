package io.litewatch.s3;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One listing of a replica.
 *
 * @param generations sorted by id (the order S3 lists them in, which says nothing about
 * age)
 * @param requests S3 requests (pages) made for this listing
 * @param fullPass whether everything was re-listed from scratch, so deletions are
 * reflected
 * @param listedAt when the listing started, by the lister's clock
 */
public record ReplicaListing(List<GenerationListing> generations, int requests, boolean fullPass, Instant listedAt) {

	public ReplicaListing {
		generations = List.copyOf(generations);
	}

	/**
	 * The generation with the newest {@code end}. Ids are random, so id order means
	 * nothing; on an exact tie the smaller id wins, as in Litestream's restore, which
	 * keeps the first one listed.
	 */
	public Optional<GenerationListing> current() {
		return generations.stream()
			.filter(g -> g.end() != null)
			.max(Comparator.comparing(GenerationListing::end)
				.thenComparing(GenerationListing::id, Comparator.reverseOrder()));
	}

	public Optional<GenerationListing> generation(String id) {
		return generations.stream().filter(g -> g.id().equals(id)).findFirst();
	}

}
