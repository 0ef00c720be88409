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
import io.litewatch.docker.SnapshotRow;
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

	private final LtxEvaluator ltx;

	public ReplicaEvaluator(LitewatchProperties.Health thresholds) {
		this.thresholds = thresholds;
		this.windows = new RestoreWindowJudge(thresholds);
		this.ltx = new LtxEvaluator(thresholds);
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
		if (observation.ltx() != null) {
			return ltx.evaluate(config, observation.ltx(), file, litestream, previous, now);
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
			return new ReplicaStatus(config, Verdict.of(findings), Freshness.unknown(), SnapshotState.none(),
					RestoreRange.unknown(), listing.requests(), observation.inventory(), null);
		}
		GenerationListing current = currentListing.get();

		Map<String, Instant> ends = new HashMap<>();
		Map<String, Instant> firstSeen = new HashMap<>();
		GenerationState before = previous != null ? previous.generations() : null;
		Map<String, Instant> previousFirstSeen = before != null ? before.firstSeen() : Map.of();
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
		String previousGeneration = before != null ? before.previous() : null;
		Instant changedAt = before != null ? before.changedAt() : null;
		if (before != null && before.current() != null && !before.current().equals(current.id())) {
			previousGeneration = before.current();
			changedAt = now;
		}
		if (changedAt != null && Duration.between(changedAt, now).compareTo(thresholds.generationChangeWindow()) < 0) {
			findings.add(Finding.warning(FindingCode.GENERATION_CHANGED,
					"Generation changed from " + previousGeneration + " to " + current.id() + " at "
							+ Finding.when(changedAt) + ": the restore chain broke there (a restore "
							+ "cannot cross from one generation to the next). Usually the WAL was checkpointed or "
							+ "replaced while Litestream was not running."));
		}
		if (before != null) {
			List<String> advancing = new ArrayList<>();
			for (Map.Entry<String, Instant> entry : ends.entrySet()) {
				Instant end = before.ends().get(entry.getKey());
				if (end != null && entry.getValue().isAfter(end)) {
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
		RestoreRange restore = windows.window(current, observation.inventory());
		windows.judge(config, current, observation.inventory(), restore,
				firstSeen.getOrDefault(current.id(), current.start()), now, findings);

		SnapshotState snapshots = new SnapshotState(newest.map(SnapshotObject::lastModified).orElse(null), snapshotAge,
				current.snapshots().size());
		GenerationState generations = new GenerationState(current.id(), listing.generations().size(), current.start(),
				previousGeneration, changedAt, ends, firstSeen, current.wal().segmentCount(),
				current.wal().totalBytes(), current.wal().newest());
		return new ReplicaStatus(config, Verdict.of(findings), new Freshness(lag, lagSource, current.end()), snapshots,
				restore, listing.requests(), observation.inventory(), generations);
	}

	private ReplicaStatus fromLitestreamOnly(ReplicaConfig config, List<Finding> findings, LitestreamView litestream,
			ReplicaStatus previous, Instant now) {
		List<GenerationRow> rows = litestream.generationsOf(config.name());
		Optional<GenerationRow> current = rows.stream().max((a, b) -> a.end().compareTo(b.end()));
		List<SnapshotRow> snapshotRows = litestream.snapshotsOf(config.name());
		Instant lastSnapshot = snapshotRows.stream().map((row) -> row.created()).max(Instant::compareTo).orElse(null);
		Freshness freshness = current.isPresent()
				? new Freshness(current.get().lag(), "litestream", current.get().end()) : Freshness.unknown();
		SnapshotState snapshots = new SnapshotState(lastSnapshot,
				lastSnapshot != null ? Duration.between(lastSnapshot, now) : null, snapshotRows.size());
		return new ReplicaStatus(config, Verdict.of(findings), freshness, snapshots, RestoreRange.unknown(), null, null,
				generationsFromLitestream(rows, current, previous));
	}

	/**
	 * Litestream's {@code generations} names the current generation but lists no WAL; a
	 * change seen while Litewatch still listed the replica itself is kept, so it is not
	 * forgotten if it lists it again.
	 */
	private static GenerationState generationsFromLitestream(List<GenerationRow> rows, Optional<GenerationRow> current,
			ReplicaStatus previous) {
		GenerationState before = previous != null ? previous.generations() : null;
		String previousGeneration = before != null ? before.previous() : null;
		Instant changedAt = before != null ? before.changedAt() : null;
		if (current.isEmpty() && previousGeneration == null && changedAt == null) {
			return null;
		}
		return new GenerationState(current.map(GenerationRow::generation).orElse(null), rows.size(),
				current.map(GenerationRow::start).orElse(null), previousGeneration, changedAt, Map.of(), Map.of(), 0, 0,
				null);
	}

	/**
	 * Keeps the last known figures when this poll could not list, so the page still shows
	 * them.
	 */
	private static ReplicaStatus carryOver(ReplicaConfig config, List<Finding> findings, ReplicaStatus previous) {
		if (previous == null) {
			return new ReplicaStatus(config, Verdict.of(findings), Freshness.unknown(), SnapshotState.none(),
					RestoreRange.unknown(), null, null, null);
		}
		// What is stored was last seen then; how far behind it is and how old its
		// snapshot is are true only of the poll that measured them.
		return new ReplicaStatus(config, Verdict.of(findings), previous.freshness().withoutLag(),
				previous.snapshots().withoutAge(), previous.restore(), null, previous.inventory(),
				previous.generations(), previous.ltx());
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
