package io.litewatch.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.inventory.GenerationTally;
import io.litewatch.inventory.IndexGap;
import io.litewatch.inventory.ReplicaInventory;
import io.litewatch.inventory.SnapshotMark;
import io.litewatch.s3.GenerationListing;
import io.litewatch.s3.SnapshotObject;
import io.litewatch.time.GoDuration;

/**
 * Judges how far back the current generation can be restored, against what retention
 * promises. The poll's listing knows the snapshots; only the inventory's walk of every
 * WAL key knows whether the chain from each snapshot to the end is whole, so the window
 * is the later of the two starts, and says which one it rests on.
 */
final class RestoreWindowJudge {

	private final LitewatchProperties.Health thresholds;

	RestoreWindowJudge(LitewatchProperties.Health thresholds) {
		this.thresholds = thresholds;
	}

	RestoreRange window(GenerationListing current, ReplicaInventory inventory) {
		Instant from = current.oldestSnapshot().map(SnapshotObject::lastModified).orElse(null);
		Optional<GenerationTally> walked = walked(current, inventory);
		if (walked.isEmpty()) {
			String basis = inventory == null ? "snapshots"
					: "snapshots; WAL continuity not yet checked (inventory " + percent(inventory) + ")";
			return new RestoreRange(from, current.end(), basis);
		}
		Instant chained = walked.get().oldestRestorable().map(SnapshotMark::at).orElse(null);
		if (chained == null) {
			return new RestoreRange(null, current.end(), "inventory: no snapshot replays to the end");
		}
		return new RestoreRange(from == null || chained.isAfter(from) ? chained : from, current.end(), "inventory");
	}

	/**
	 * @param seen when the generation was first seen to start, so a young generation
	 * explains a short window
	 */
	void judge(ReplicaConfig config, GenerationListing current, ReplicaInventory inventory, RestoreRange window,
			Instant seen, Instant now, List<Finding> findings) {
		walked(current, inventory).filter(t -> t.gapCount() > 0).ifPresent(t -> findings.add(gap(current, t)));
		if (window.from() == null || !GoDuration.positive(config.retention())) {
			return;
		}
		Duration snapshotSpacing = GoDuration.positive(config.snapshotInterval()) ? config.snapshotInterval()
				: config.retention();
		Duration promised = config.retention().minus(snapshotSpacing).minus(thresholds.snapshotGrace());
		Duration length = Duration.between(window.from(), window.to());
		boolean oldEnough = seen != null && Duration.between(seen, now).compareTo(config.retention()) > 0;
		if (GoDuration.positive(promised) && oldEnough && length.compareTo(promised) < 0) {
			findings.add(Finding.warning(FindingCode.RETENTION_SHORT,
					"Restore window is only " + GoDuration.format(ReplicaEvaluator.truncate(length)) + " (from "
							+ Finding.when(window.from()) + "), although retention "
							+ GoDuration.format(config.retention()) + " with snapshots every "
							+ GoDuration.format(snapshotSpacing) + " should keep at least "
							+ GoDuration.format(promised) + " (judged from " + window.basis() + ")."));
		}
	}

	private static Finding gap(GenerationListing current, GenerationTally tally) {
		IndexGap last = tally.gaps().get(tally.gaps().size() - 1);
		String missing = tally.gapCount() == 1 ? "WAL index " + range(last) + " is"
				: tally.gapCount() + " ranges of WAL indexes are (the latest " + range(last) + ")";
		Optional<SnapshotMark> restorable = tally.oldestRestorable();
		if (restorable.isEmpty()) {
			return Finding.critical(FindingCode.WAL_GAP,
					missing + " missing in generation " + current.id()
							+ ", after its newest snapshot: a restore cannot replay past the gap, so the latest state "
							+ "cannot be restored.");
		}
		return Finding.warning(FindingCode.WAL_GAP,
				missing + " missing in generation " + current.id() + ": restores from snapshots older than "
						+ Finding.when(restorable.get().at()) + " cannot replay past the gap.");
	}

	private static String range(IndexGap gap) {
		return gap.from() == gap.to() ? String.format("%08x", gap.from())
				: String.format("%08x–%08x", gap.from(), gap.to());
	}

	/** The inventory's tally of the current generation, once a pass has completed. */
	private static Optional<GenerationTally> walked(GenerationListing current, ReplicaInventory inventory) {
		if (inventory == null || !inventory.complete()) {
			return Optional.empty();
		}
		return inventory.figures().generation(current.id());
	}

	static String percent(ReplicaInventory inventory) {
		return Math.round(inventory.progress() * 100) + "% through its first pass";
	}

}
