package io.litewatch.restore;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.litewatch.config.ReplicaConfig;
import io.litewatch.docker.GenerationRow;
import io.litewatch.docker.SnapshotRow;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.GenerationState;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.inventory.GenerationTally;
import io.litewatch.inventory.InventoryFigures;
import io.litewatch.inventory.SnapshotMark;
import io.litewatch.s3.WalSegment;
import io.litewatch.time.GoDuration;
import io.litewatch.time.Instants;

/**
 * One generation of a replica as a restore sees it, gathered from everything the last
 * poll knows: Litewatch's own listing (ends), the accessory's {@code snapshots} and
 * {@code generations}, and the inventory's walk (gaps, WAL ends).
 *
 * @param start Litestream's {@code start}: the oldest object known
 * @param end its newest object; null when only its snapshots are known
 * @param snapshots by upload time, oldest first
 * @param tally the inventory's last complete walk of it, or null
 * @param newestWal the newest segment as listed, for the current generation only
 */
record Generation(String id, Instant start, Instant end, List<RestorePlan.Snapshot> snapshots, boolean current,
		GenerationTally tally, WalSegment newestWal) {

	/** Litestream's order of snapshots at the same second: the lower index first. */
	static final Comparator<RestorePlan.Snapshot> BY_TIME = Comparator.comparing(RestorePlan.Snapshot::created)
		.thenComparingLong(RestorePlan.Snapshot::index);

	/** Whether Litestream's {@code [start, end]} filter lets {@code at} through. */
	boolean contains(Instant at) {
		return start != null && end != null && !at.isBefore(start) && !at.isAfter(end);
	}

	Optional<RestorePlan.Snapshot> oldestSnapshot() {
		return snapshots.stream().findFirst();
	}

	/** The newest snapshot uploaded at or before {@code at}, as SnapshotIndexAt picks. */
	Optional<RestorePlan.Snapshot> snapshotAt(Instant at) {
		return snapshots.stream().filter((s) -> !s.created().isAfter(at)).reduce((a, b) -> b);
	}

	/**
	 * The first snapshot uploaded after {@code at}: the WAL index then was at most its.
	 */
	Optional<RestorePlan.Snapshot> snapshotAfter(Instant at) {
		return snapshots.stream().filter((s) -> s.created().isAfter(at)).findFirst();
	}

	/**
	 * When Litestream's next snapshot would replace {@code s}, if it would. A snapshot at
	 * an unchanged WAL index writes the same key again (facts §2.2) and moves its upload
	 * time past every time that needed it. Only the current generation's newest snapshot
	 * is exposed, and only while its newest WAL segment is still at that index. The next
	 * snapshot comes on the snapshot-interval ticker, or from retention once no snapshot
	 * is younger than it: whichever comes first.
	 */
	Optional<Replacement> replacementOf(RestorePlan.Snapshot s, ReplicaConfig config) {
		boolean newest = !snapshots.isEmpty() && snapshots.get(snapshots.size() - 1).equals(s);
		if (!current || !newest || newestWal == null || newestWal.index() != s.index()) {
			return Optional.empty();
		}
		Replacement byTicker = positive(config.snapshotInterval())
				? new Replacement(s.created().plus(config.snapshotInterval()),
						"every " + GoDuration.format(config.snapshotInterval()) + " by its snapshot-interval")
				: null;
		Replacement byRetention = positive(config.retention())
				? new Replacement(s.created().plus(config.retention()),
						"once its retention of " + GoDuration.format(config.retention()) + " finds no younger one")
				: null;
		if (byTicker == null || byRetention != null && byRetention.at().isBefore(byTicker.at())) {
			return Optional.ofNullable(byRetention);
		}
		return Optional.of(byTicker);
	}

	/** When a snapshot is due to be rewritten, and what takes it. */
	record Replacement(Instant at, String cause) {
	}

	private static boolean positive(Duration d) {
		return d != null && !d.isNegative() && !d.isZero();
	}

	/** From its oldest snapshot to its newest object, whole seconds inside both. */
	Optional<RestorePlan.Span> span() {
		return oldestSnapshot().filter((s) -> end != null)
			.map((s) -> new RestorePlan.Span(id, ceil(s.created()), floor(end), current));
	}

	static Instant floor(Instant t) {
		return t.truncatedTo(ChronoUnit.SECONDS);
	}

	static Instant ceil(Instant t) {
		Instant f = floor(t);
		return f.equals(t) ? f : f.plusSeconds(1);
	}

	/** Every generation the poll knows of for this replica, in id order (S3's). */
	static List<Generation> of(LitestreamView litestream, ReplicaStatus replica) {
		Map<String, List<RestorePlan.Snapshot>> snapshots = new TreeMap<>();
		Map<String, GenerationRow> rows = new TreeMap<>();
		if (litestream != null) {
			for (SnapshotRow row : litestream.snapshotsOf(replica.name())) {
				snapshots.computeIfAbsent(row.generation(), (k) -> new ArrayList<>())
					.add(new RestorePlan.Snapshot(row.index(), row.created()));
			}
			litestream.generationsOf(replica.name()).forEach((row) -> rows.put(row.generation(), row));
		}
		InventoryFigures figures = replica.inventory() == null ? null : replica.inventory().figures();
		GenerationState known = replica.generations();
		Map<String, Instant> ends = known != null ? known.ends() : Map.of();
		TreeMap<String, Boolean> ids = new TreeMap<>();
		ends.keySet().forEach((id) -> ids.put(id, true));
		rows.keySet().forEach((id) -> ids.put(id, true));
		snapshots.keySet().forEach((id) -> ids.put(id, true));
		if (figures != null) {
			figures.generations().forEach((t) -> ids.put(t.id(), true));
		}
		List<Generation> generations = new ArrayList<>();
		for (String id : ids.keySet()) {
			GenerationTally tally = figures == null ? null : figures.generation(id).orElse(null);
			List<RestorePlan.Snapshot> listed = new ArrayList<>(snapshots.getOrDefault(id, List.of()));
			if (listed.isEmpty() && tally != null) {
				// The accessory's list is missing (it is down): the inventory kept them.
				for (SnapshotMark mark : tally.snapshots()) {
					listed.add(new RestorePlan.Snapshot(mark.index(), mark.at()));
				}
			}
			listed.sort(BY_TIME);
			GenerationRow row = rows.get(id);
			Instant end = ends.get(id);
			if (end == null && row != null) {
				end = row.end();
			}
			if (end == null && tally != null) {
				end = tally.newestAt();
			}
			Instant start = listed.isEmpty() ? null : listed.get(0).created();
			start = Instants.min(start, row == null ? null : row.start());
			start = Instants.min(start, tally == null ? null : tally.oldestAt());
			if (start == null && known != null) {
				start = known.firstSeen().get(id);
			}
			boolean current = known != null && id.equals(known.current());
			WalSegment newest = current && known.newestWal() != null && id.equals(known.newestWal().generation())
					? known.newestWal() : null;
			generations.add(new Generation(id, start, end, List.copyOf(listed), current, tally, newest));
		}
		return generations;
	}

}
