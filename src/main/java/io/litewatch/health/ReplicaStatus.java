package io.litewatch.health;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.litewatch.config.ReplicaConfig;
import io.litewatch.inventory.ReplicaInventory;

/**
 * One replica as judged by one poll: a verdict plus typed parts. The parts every replica
 * has are never null (an empty one says "unknown"); the parts of one replica layout are
 * null for the others, so a layout is added as one more part without touching the readers
 * of the rest.
 *
 * @param s3Requests the requests this poll's listing made, null when it did not list
 * @param inventory the background walk of the whole history; null when disabled or not
 * listed here
 * @param generations the Litestream 0.3 layout's figures; null when no generation is
 * known
 * @param ltx the Litestream 0.5 layout's figures; null for a 0.3 replica
 */
public record ReplicaStatus(ReplicaConfig config, Verdict verdict, Freshness freshness, SnapshotState snapshots,
		RestoreRange restore, Integer s3Requests, ReplicaInventory inventory, GenerationState generations,
		LtxState ltx) {

	public ReplicaStatus(ReplicaConfig config, Verdict verdict, Freshness freshness, SnapshotState snapshots,
			RestoreRange restore, Integer s3Requests, ReplicaInventory inventory, GenerationState generations) {
		this(config, verdict, freshness, snapshots, restore, s3Requests, inventory, generations, null);
	}

	public ReplicaStatus {
		Objects.requireNonNull(verdict, "verdict");
		Objects.requireNonNull(freshness, "freshness");
		Objects.requireNonNull(snapshots, "snapshots");
		Objects.requireNonNull(restore, "restore");
	}

	public String name() {
		return config.name();
	}

	public HealthStatus status() {
		return verdict.status();
	}

	public List<Finding> findings() {
		return verdict.findings();
	}

	/**
	 * The same figures with findings as {@link Causes} left them, and the status they
	 * make.
	 */
	public ReplicaStatus withFindings(List<Finding> judged) {
		return new ReplicaStatus(config, Verdict.of(judged), freshness, snapshots, restore, s3Requests, inventory,
				generations, ltx);
	}

	/** {@code 0.3}, {@code 0.5}, or {@code both} in one path (an upgrade in place). */
	public String layout() {
		return ltx != null ? ltx.layout() : "0.3";
	}

	public Duration restoreWindow() {
		return restore.window();
	}

}
