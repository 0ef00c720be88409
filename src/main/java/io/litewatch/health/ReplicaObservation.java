package io.litewatch.health;

import io.litewatch.config.ReplicaConfig;
import io.litewatch.inventory.ReplicaInventory;
import io.litewatch.s3.LtxListing;
import io.litewatch.s3.ReplicaListing;

/**
 * What Litewatch saw of one replica's storage in one poll: the listing, or why there is
 * none.
 *
 * @param listingError a sentence for a person when listing failed, or null
 * @param unsupported true when Litewatch does not list this replica type itself
 * @param ltx the listing of a Litestream 0.5 replica (then {@code listing} is null)
 */
public record ReplicaObservation(ReplicaConfig config, ReplicaListing listing, ReplicaInventory inventory,
		String listingError, boolean unsupported, LtxListing ltx) {

	public ReplicaObservation(ReplicaConfig config, ReplicaListing listing, ReplicaInventory inventory,
			String listingError, boolean unsupported) {
		this(config, listing, inventory, listingError, unsupported, null);
	}

	public static ReplicaObservation listed(ReplicaConfig config, LtxListing ltx) {
		return new ReplicaObservation(config, null, null, null, false, ltx);
	}

	public static ReplicaObservation listed(ReplicaConfig config, ReplicaListing listing) {
		return listed(config, listing, null);
	}

	/**
	 * @param inventory what the background walk of the whole history knows; null when it
	 * is disabled
	 */
	public static ReplicaObservation listed(ReplicaConfig config, ReplicaListing listing, ReplicaInventory inventory) {
		return new ReplicaObservation(config, listing, inventory, null, false);
	}

	public static ReplicaObservation failed(ReplicaConfig config, String error) {
		return new ReplicaObservation(config, null, null, error, false);
	}

	public static ReplicaObservation unsupported(ReplicaConfig config) {
		return new ReplicaObservation(config, null, null, null, true);
	}

}
