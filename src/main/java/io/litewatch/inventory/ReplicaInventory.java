package io.litewatch.inventory;

import java.time.Instant;

/**
 * What the inventory knows of one replica, as the poll reads it.
 *
 * @param pass the pass under way, null between passes
 * @param figures the last complete pass, null until the first completes
 * @param progress of the pass under way, 0 to 0.99
 * @param error why the last step failed, null when it did not
 */
public record ReplicaInventory(InventoryPass pass, InventoryFigures figures, double progress, String error,
		Instant errorAt) {

	static final ReplicaInventory NOT_STARTED = new ReplicaInventory(null, null, 0, null, null);

	public boolean complete() {
		return figures != null;
	}

	ReplicaInventory failed(String message, Instant at) {
		return new ReplicaInventory(pass, figures, progress, message, at);
	}

	static ReplicaInventory of(InventoryPass pass, InventoryFigures figures) {
		return new ReplicaInventory(pass, figures, pass == null ? 0 : pass.progress(figures), null, null);
	}

}
