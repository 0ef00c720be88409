package io.litewatch.web;

import io.litewatch.inventory.InventoryFigures;
import io.litewatch.inventory.InventoryPass;
import io.litewatch.inventory.ReplicaInventory;
import io.litewatch.inventory.RetentionDeletion;

/**
 * The background inventory of one replica in {@code /api/status}: the pass under way, and
 * the figures of the last complete one with their age.
 *
 * @param state {@code first-pass} until a pass completes, then {@code complete}
 * @param progress of the pass under way (0 to 0.99), null between passes
 * @param lastDeletion what retention removed, as the latest pass that saw a removal found
 * it
 */
public record InventoryView(String state, Double progress, String passStartedAt, Integer passRequests,
		String lastPassStartedAt, String lastCompleteAt, Integer lastPassRequests, Long walSegments, Long walBytes,
		Integer snapshots, Integer generations, String oldestObjectAt, Long walGaps, DeletionView lastDeletion,
		String error) {

	/** What retention removed between two complete passes. */
	public record DeletionView(String noticedAt, long walSegments, int snapshots, int generations) {

		static DeletionView of(RetentionDeletion d) {
			return d == null ? null : new DeletionView(StatusView.text(d.noticedAt()), d.walSegments(), d.snapshots(),
					d.generations().size());
		}

	}

	static InventoryView of(ReplicaInventory inventory) {
		if (inventory == null) {
			return null;
		}
		InventoryPass pass = inventory.pass();
		InventoryFigures f = inventory.figures();
		return new InventoryView(f == null ? "first-pass" : "complete", pass == null ? null : inventory.progress(),
				pass == null ? null : StatusView.text(pass.startedAt()), pass == null ? null : pass.requests(),
				f == null ? null : StatusView.text(f.startedAt()), f == null ? null : StatusView.text(f.completedAt()),
				f == null ? null : f.requests(), f == null ? null : f.walSegments(), f == null ? null : f.walBytes(),
				f == null ? null : f.snapshotCount(), f == null ? null : f.generations().size(),
				f == null ? null : f.oldestObjectAt().map(StatusView::text).orElse(null),
				f == null ? null : f.generations().stream().mapToLong(g -> g.gapCount()).sum(),
				f == null ? null : DeletionView.of(f.deletion()), inventory.error());
	}

}
