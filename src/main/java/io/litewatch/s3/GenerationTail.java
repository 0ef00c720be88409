package io.litewatch.s3;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the lister remembers of one generation between listings, and keeps across
 * restarts.
 *
 * @param wal the segments from {@code tailIndex} on
 * @param lastWalKey greatest segment key seen under {@code wal/} (or the tail's start),
 * where the next listing starts after; null if none
 * @param tailIndex the newest snapshot's index, where the listed WAL starts; null when
 * the generation has no snapshot
 */
public record GenerationTail(String id, List<SnapshotObject> snapshots, WalStats wal, String lastWalKey,
		Long tailIndex) {

	public GenerationTail {
		snapshots = List.copyOf(snapshots);
	}

	GenerationListing listing() {
		return GenerationListing.of(id, snapshots, wal);
	}

	GenerationTail withSnapshots(List<SnapshotObject> listed) {
		return new GenerationTail(id, listed, wal, lastWalKey, tailIndex);
	}

	/**
	 * Whether this generation still advances: it is the current one, or its newest object
	 * is within {@code window} of the current one's. An empty one is listed until
	 * something lands in it.
	 */
	boolean live(Instant currentEnd, Duration window) {
		Instant end = listing().end();
		return end == null || currentEnd == null || !end.isBefore(currentEnd.minus(window));
	}

	/**
	 * Whether the next snapshot may have landed: from a twentieth of the spacing before
	 * it is due (Litestream's timer runs from its own start, not from the last snapshot),
	 * and always when there is none or the spacing is unknown.
	 */
	boolean snapshotsDue(Instant now, Duration spacing) {
		Optional<SnapshotObject> newest = listing().newestSnapshot();
		if (spacing == null || newest.isEmpty()) {
			return true;
		}
		return !now.isBefore(newest.get().lastModified().plus(spacing).minus(spacing.dividedBy(20)));
	}

}
