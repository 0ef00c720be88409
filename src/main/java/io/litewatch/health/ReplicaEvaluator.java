package io.litewatch.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.litewatch.time.GoDuration;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.docker.GenerationRow;
import io.litewatch.s3.GenerationListing;
import io.litewatch.s3.ReplicaListing;
import io.litewatch.s3.SnapshotObject;

/**
 * Judges one replica from what was observed, against thresholds derived from that
 * replica's own configured intervals. Pure: the time comes in as an argument and the
 * memory of the previous poll comes in as the previous {@link ReplicaStatus}.
 */
public final class ReplicaEvaluator {

	private final LitewatchProperties.Health thresholds;

	private final RestoreWindowJudge windows;

	public ReplicaEvaluator(LitewatchProperties.Health thresholds) {
		this.thresholds = thresholds;
		this.windows = new RestoreWindowJudge(thresholds);
	}

	public ReplicaStatus evaluate(ReplicaObservation observation, DbFileState file, LitestreamView litestream,
			ReplicaStatus previous, Instant now) {
		ReplicaConfig config = observation.config();
		List<Finding> findings = new ArrayList<>();
		if (observation.unsupported()) {
			findings.add(Finding.warning(FindingCode.REPLICA_UNSUPPORTED, "Litewatch lists only s3 replicas itself; "
					+ config.type() + " replica " + config.name() + " is judged from Litestream's own view only."));
			return fromLitestreamOnly(config, findings, litestream, previous, now);
		}
		if (observation.listing() == null) {
			findings.add(Finding.critical(FindingCode.S3_UNREACHABLE, observation.listingError()));
			return carryOver(config, findings, previous);
		}
		ReplicaListing listing = observation.listing();
		Optional<GenerationListing> currentListing = listing.current();
		if (currentListing.isEmpty()) {
			findings.add(Finding.critical(FindingCode.NO_GENERATION, "No generation in " + config.location()
					+ ": Litestream has not uploaded anything there, so there is nothing to restore."));
			return new ReplicaStatus(config, HealthStatus.of(findings), List.copyOf(findings), null, 0, null, null,
					null, null, null, null, 0, 0, 0, null, null, listing.requests(), null, null, Map.of(), Map.of(),
					null, observation.inventory());
		}
		GenerationListing current = currentListing.get();

		Map<String, Instant> ends = new HashMap<>();
		Map<String, Instant> firstSeen = new HashMap<>();
		Map<String, Instant> previousFirstSeen = previous != null ? previous.generationFirstSeen() : Map.of();
		for (GenerationListing generation : listing.generations()) {
			if (generation.end() != null) {
				ends.put(generation.id(), generation.end());
			}
			Instant seen = previousFirstSeen.getOrDefault(generation.id(), generation.start());
			if (seen != null) {
				firstSeen.put(generation.id(), seen);
			}
		}

		// Generation continuity.
		String previousGeneration = previous != null ? previous.previousGeneration() : null;
		Instant changedAt = previous != null ? previous.generationChangedAt() : null;
		if (previous != null && previous.generation() != null && !previous.generation().equals(current.id())) {
			previousGeneration = previous.generation();
			changedAt = now;
		}
		if (changedAt != null && Duration.between(changedAt, now).compareTo(thresholds.generationChangeWindow()) < 0) {
			findings.add(Finding.warning(FindingCode.GENERATION_CHANGED,
					"Generation changed from " + previousGeneration + " to " + current.id() + " at "
							+ Finding.when(changedAt) + ": the restore chain broke there (a restore "
							+ "cannot cross from one generation to the next). Usually the WAL was checkpointed or "
							+ "replaced while Litestream was not running."));
		}
		if (previous != null) {
			List<String> advancing = new ArrayList<>();
			for (Map.Entry<String, Instant> entry : ends.entrySet()) {
				Instant before = previous.generationEnds().get(entry.getKey());
				if (before != null && entry.getValue().isAfter(before)) {
					advancing.add(entry.getKey());
				}
			}
			if (advancing.size() > 1) {
				advancing.sort(null);
				findings.add(Finding.critical(FindingCode.SPLIT_BRAIN,
						"Generations " + String.join(", ", advancing)
								+ " all advanced since the last poll: two Litestream processes are replicating to "
								+ config.location() + " at once, and each overwrites the other's retention."));
			}
		}

		// Replication lag.
		Duration lag = null;
		String lagSource = null;
		if (file != null && file.known() && file.exists() && file.updatedAt() != null && current.end() != null) {
			lag = Duration.between(current.end(), file.updatedAt());
			lagSource = "db-file";
		}
		else {
			Optional<GenerationRow> row = litestream.generationsOf(config.name())
				.stream()
				.filter((r) -> r.generation().equals(current.id()))
				.findFirst();
			if (row.isPresent()) {
				lag = row.get().lag();
				lagSource = "litestream";
			}
		}
		if (lag != null) {
			Duration warn = thresholds.lagWarning(config.syncInterval());
			Duration critical = thresholds.lagCritical(config.syncInterval());
			if (lag.compareTo(warn) > 0) {
				String sentence = "Replica is " + GoDuration.format(truncate(lag))
						+ " behind the database (sync-interval " + GoDuration.format(config.syncInterval())
						+ "; warning above " + GoDuration.format(warn) + ", critical above "
						+ GoDuration.format(critical) + "): changes since " + Finding.when(current.end())
						+ " are not in " + config.location() + ".";
				findings.add(lag.compareTo(critical) > 0 ? Finding.critical(FindingCode.REPLICA_STALE, sentence)
						: Finding.warning(FindingCode.REPLICA_STALE, sentence));
			}
		}

		// Snapshots.
		Optional<SnapshotObject> newest = current.newestSnapshot();
		Duration snapshotAge = newest.map((s) -> Duration.between(s.lastModified(), now)).orElse(null);
		Duration spacing = config.expectedSnapshotSpacing();
		if (newest.isEmpty()) {
			findings.add(Finding.critical(FindingCode.SNAPSHOT_OVERDUE, "Generation " + current.id()
					+ " has no snapshot: a restore needs one, so this replica cannot be restored."));
		}
		else if (spacing != null) {
			Duration warn = thresholds.snapshotWarning(spacing);
			Duration critical = thresholds.snapshotCritical(spacing);
			if (snapshotAge.compareTo(warn) > 0) {
				String basis = GoDuration.positive(config.snapshotInterval())
						? "snapshot-interval " + GoDuration.format(config.snapshotInterval())
						: "no snapshot-interval, so Litestream snapshots only when retention ("
								+ GoDuration.format(config.retention()) + ") finds none left";
				String sentence = "Newest snapshot is " + GoDuration.format(truncate(snapshotAge)) + " old (" + basis
						+ "; overdue after " + GoDuration.format(warn) + ").";
				findings
					.add(snapshotAge.compareTo(critical) > 0 ? Finding.critical(FindingCode.SNAPSHOT_OVERDUE, sentence)
							: Finding.warning(FindingCode.SNAPSHOT_OVERDUE, sentence));
			}
		}

		// Restore window against retention.
		RestoreWindowJudge.Window window = windows.window(current, observation.inventory());
		windows.judge(config, current, observation.inventory(), window,
				firstSeen.getOrDefault(current.id(), current.start()), now, findings);
		Instant restoreFrom = window.from();
		Instant restoreTo = window.to();

		return new ReplicaStatus(config, HealthStatus.of(findings), List.copyOf(findings), current.id(),
				listing.generations().size(), current.start(), lag, lagSource, current.end(),
				newest.map(SnapshotObject::lastModified).orElse(null), snapshotAge, current.snapshots().size(),
				current.wal().segmentCount(), current.wal().totalBytes(), restoreFrom, restoreTo, listing.requests(),
				previousGeneration, changedAt, Map.copyOf(ends), Map.copyOf(firstSeen), window.basis(),
				observation.inventory(), current.wal().newest());
	}

	private ReplicaStatus fromLitestreamOnly(ReplicaConfig config, List<Finding> findings, LitestreamView litestream,
			ReplicaStatus previous, Instant now) {
		Optional<GenerationRow> current = litestream.generationsOf(config.name())
			.stream()
			.max((a, b) -> a.end().compareTo(b.end()));
		Instant lastSnapshot = litestream.snapshotsOf(config.name())
			.stream()
			.map((row) -> row.created())
			.max(Instant::compareTo)
			.orElse(null);
		return new ReplicaStatus(config, HealthStatus.of(findings), List.copyOf(findings),
				current.map(GenerationRow::generation).orElse(null), litestream.generationsOf(config.name()).size(),
				current.map(GenerationRow::start).orElse(null), current.map(GenerationRow::lag).orElse(null),
				current.isPresent() ? "litestream" : null, current.map(GenerationRow::end).orElse(null), lastSnapshot,
				lastSnapshot != null ? Duration.between(lastSnapshot, now) : null,
				litestream.snapshotsOf(config.name()).size(), 0, 0, null, null, null,
				previous != null ? previous.previousGeneration() : null,
				previous != null ? previous.generationChangedAt() : null, Map.of(), Map.of(), null, null);
	}

	/**
	 * Keeps the last known figures when this poll could not list, so the page still shows
	 * them.
	 */
	private static ReplicaStatus carryOver(ReplicaConfig config, List<Finding> findings, ReplicaStatus previous) {
		if (previous == null) {
			return new ReplicaStatus(config, HealthStatus.of(findings), List.copyOf(findings), null, 0, null, null,
					null, null, null, null, 0, 0, 0, null, null, null, null, null, Map.of(), Map.of(), null, null);
		}
		return new ReplicaStatus(config, HealthStatus.of(findings), List.copyOf(findings), previous.generation(),
				previous.generationCount(), previous.generationStartedAt(), null, null, previous.lastSyncAt(),
				previous.lastSnapshotAt(), null, previous.snapshotCount(), previous.walSegmentCount(),
				previous.walBytes(), previous.restoreFrom(), previous.restoreTo(), null, previous.previousGeneration(),
				previous.generationChangedAt(), previous.generationEnds(), previous.generationFirstSeen(),
				previous.restoreBasis(), previous.inventory(), previous.newestWal());
	}

	/** Whole seconds above 10s, as Litestream prints lag, so sentences stay readable. */
	static Duration truncate(Duration d) {
		Duration abs = d.abs();
		if (abs.compareTo(Duration.ofSeconds(10)) > 0) {
			return Duration.ofSeconds(d.getSeconds() + (d.isNegative() && d.getNano() > 0 ? 1 : 0));
		}
		return Duration.ofMillis(d.toMillis());
	}

}
