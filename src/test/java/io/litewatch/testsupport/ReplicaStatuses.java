package io.litewatch.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.litewatch.config.ReplicaConfig;
import io.litewatch.health.Finding;
import io.litewatch.health.Freshness;
import io.litewatch.health.GenerationState;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.health.RestoreRange;
import io.litewatch.health.SnapshotState;
import io.litewatch.health.Verdict;
import io.litewatch.inventory.ReplicaInventory;
import io.litewatch.s3.WalSegment;

/**
 * Test replicas by name of figure rather than by position. What a test does not set is
 * unknown, as a poll that saw nothing leaves it: no findings, no lag, no snapshot, no
 * restore range, no generation.
 */
public final class ReplicaStatuses {

	private ReplicaStatuses() {
	}

	public static Builder replica(ReplicaConfig config) {
		return new Builder(config);
	}

	/** The figures of {@code status}, to change some of them. */
	public static Builder copyOf(ReplicaStatus status) {
		Builder b = new Builder(status.config());
		b.verdict = status.verdict();
		b.freshness = status.freshness();
		b.snapshots = status.snapshots();
		b.restore = status.restore();
		b.s3Requests = status.s3Requests();
		b.inventory = status.inventory();
		GenerationState g = status.generations();
		if (g != null) {
			b.generationsKnown = true;
			b.generation = g.current();
			b.generationCount = g.count();
			b.generationStartedAt = g.currentStartedAt();
			b.previousGeneration = g.previous();
			b.generationChangedAt = g.changedAt();
			b.generationEnds = g.ends();
			b.generationFirstSeen = g.firstSeen();
			b.walSegmentCount = g.walSegmentCount();
			b.walBytes = g.walBytes();
			b.newestWal = g.newestWal();
		}
		return b;
	}

	public static final class Builder {

		private final ReplicaConfig config;

		private Verdict verdict = Verdict.of(List.of());

		private Freshness freshness = Freshness.unknown();

		private SnapshotState snapshots = SnapshotState.none();

		private RestoreRange restore = RestoreRange.unknown();

		private Integer s3Requests;

		private ReplicaInventory inventory;

		// The generation figures are kept one by one so a test sets only those it is
		// about; any of them set makes the generation known.
		private boolean generationsKnown;

		private String generation;

		private int generationCount;

		private Instant generationStartedAt;

		private String previousGeneration;

		private Instant generationChangedAt;

		private Map<String, Instant> generationEnds = Map.of();

		private Map<String, Instant> generationFirstSeen = Map.of();

		private long walSegmentCount;

		private long walBytes;

		private WalSegment newestWal;

		private Builder(ReplicaConfig config) {
			this.config = config;
		}

		/** The findings, and the status they make. */
		public Builder findings(List<Finding> findings) {
			this.verdict = Verdict.of(findings);
			return this;
		}

		public Builder findings(Finding... findings) {
			return findings(List.of(findings));
		}

		public Builder lag(Duration lag, String source) {
			this.freshness = new Freshness(lag, source, freshness.lastSyncAt());
			return this;
		}

		public Builder lastSyncAt(Instant at) {
			this.freshness = new Freshness(freshness.lag(), freshness.lagSource(), at);
			return this;
		}

		public Builder snapshots(Instant newestAt, Duration newestAge, int count) {
			this.snapshots = new SnapshotState(newestAt, newestAge, count);
			return this;
		}

		public Builder restore(Instant from, Instant to, String basis) {
			this.restore = new RestoreRange(from, to, basis);
			return this;
		}

		public Builder restoreBasis(String basis) {
			return restore(restore.from(), restore.to(), basis);
		}

		public Builder s3Requests(Integer requests) {
			this.s3Requests = requests;
			return this;
		}

		public Builder inventory(ReplicaInventory inventory) {
			this.inventory = inventory;
			return this;
		}

		/**
		 * The current generation, how many there are, and when the current one started.
		 */
		public Builder generation(String current, int count, Instant startedAt) {
			this.generationsKnown = true;
			this.generation = current;
			this.generationCount = count;
			this.generationStartedAt = startedAt;
			return this;
		}

		public Builder previousGeneration(String previous, Instant changedAt) {
			this.generationsKnown = true;
			this.previousGeneration = previous;
			this.generationChangedAt = changedAt;
			return this;
		}

		public Builder generationEnds(Map<String, Instant> ends) {
			this.generationsKnown = true;
			this.generationEnds = ends;
			return this;
		}

		public Builder generationFirstSeen(Map<String, Instant> firstSeen) {
			this.generationsKnown = true;
			this.generationFirstSeen = firstSeen;
			return this;
		}

		public Builder wal(long segments, long bytes) {
			this.generationsKnown = true;
			this.walSegmentCount = segments;
			this.walBytes = bytes;
			return this;
		}

		public Builder newestWal(WalSegment newest) {
			this.generationsKnown = true;
			this.newestWal = newest;
			return this;
		}

		public ReplicaStatus build() {
			GenerationState generations = generationsKnown ? new GenerationState(generation, generationCount,
					generationStartedAt, previousGeneration, generationChangedAt, generationEnds, generationFirstSeen,
					walSegmentCount, walBytes, newestWal) : null;
			return new ReplicaStatus(config, verdict, freshness, snapshots, restore, s3Requests, inventory,
					generations);
		}

	}

}
