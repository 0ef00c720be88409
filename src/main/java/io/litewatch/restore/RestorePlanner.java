package io.litewatch.restore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.inventory.IndexGap;
import io.litewatch.restore.RestorePlan.Snapshot;
import io.litewatch.restore.RestorePlan.Span;
import io.litewatch.restore.RestorePlan.Verdict;
import io.litewatch.restore.RestorePlan.WalRange;

/**
 * Says what {@code litestream restore -replica <r> -timestamp <t>} would do, from the
 * last poll alone (pure; no I/O), by Litestream 0.3.13's own rules ({@code replica.go}
 * {@code CalcRestoreTarget}, {@code SnapshotIndexAt}, {@code walSegmentMap}): the
 * generation whose {@code [start, end]} holds t, the newest with several; in it the
 * newest snapshot uploaded at or before t; then every WAL index from the snapshot's on,
 * up to the last segment uploaded by t, each of which must be there.
 */
public final class RestorePlanner {

	private static final Comparator<Generation> BY_END = Comparator.comparing(Generation::end);

	public RestorePlan plan(DatabaseStatus db, ReplicaStatus replica, Instant requested) {
		Instant at = Generation.floor(requested);
		List<Generation> generations = Generation.of(db.litestream(), replica);
		List<Span> spans = spans(generations);
		if (generations.isEmpty()) {
			return new RestorePlan(replica.name(), at, Verdict.NO_BACKUP, List.of("Nothing is stored for replica "
					+ replica.name() + " as of the last poll: there is nothing to restore."), null, null, null, null,
					spans);
		}
		// CalcRestoreTarget keeps the first of equal ends, in S3's (id) order.
		Optional<Generation> chosen = generations.stream()
			.filter((g) -> g.contains(at))
			.reduce((a, b) -> b.end().isAfter(a.end()) ? b : a);
		if (chosen.isEmpty()) {
			return outside(replica, at, generations, spans);
		}
		Generation g = chosen.get();
		List<String> reasons = new ArrayList<>();
		reasons.add(RestorePlan.text(at) + " lies in generation " + g.id()
				+ (g.current() ? " (the current one)" : ", an older one: it is the one whose time span holds it")
				+ ", from " + RestorePlan.text(g.start()) + " to " + RestorePlan.text(g.end()) + ".");
		if (g.snapshots().isEmpty()) {
			reasons.add("Litewatch has no list of its snapshots from the last poll (the accessory did not answer and "
					+ "the inventory has not walked it), so it cannot say which one Litestream would use.");
			return new RestorePlan(replica.name(), at, Verdict.UNCHECKED, reasons, null, g.id(), null, null, spans);
		}
		Optional<Snapshot> snapshot = g.snapshotAt(at);
		if (snapshot.isEmpty()) {
			Snapshot oldest = g.oldestSnapshot().orElseThrow();
			reasons.add("But its oldest snapshot was taken at " + RestorePlan.text(oldest.created())
					+ ", after that time: Litestream would stop with \"no snapshots available\".");
			return new RestorePlan(replica.name(), at, Verdict.BEFORE_OLDEST, reasons,
					Generation.ceil(oldest.created()), g.id(), null, null, spans);
		}
		Snapshot s = snapshot.get();
		WalRange wal = walRange(g, s, at);
		reasons.add("Litestream would start from snapshot " + s.index() + " (" + s.hex() + ", taken "
				+ RestorePlan.text(s.created()) + ") and replay " + walText(wal) + ".");
		Optional<Generation.Replacement> replacement = g.replacementOf(s, replica.config());
		replacement.ifPresent((r) -> reasons.add("Snapshot " + s.index() + " is this generation's newest and its WAL"
				+ " is still at that index, so Litestream's next snapshot (" + r.cause() + ") writes the same object "
				+ "again, about " + RestorePlan.text(r.at()) + ". From then on no earlier time can be restored, unless"
				+ " the WAL has moved to a new index first: if you need this one, restore it before then."));
		Instant until = replacement.map(Generation.Replacement::at).orElse(null);
		Optional<IndexGap> gap = gapIn(g, wal);
		if (gap.isPresent()) {
			return gapPlan(replica, at, g, s, wal, gap.get(), reasons, spans, until);
		}
		String basis = replica.restore().basis();
		if (basis != null && basis.contains("not yet checked")) {
			reasons.add("Whether every WAL index is there is not known yet: " + basis + ".");
		}
		return new RestorePlan(replica.name(), at, Verdict.INSIDE, reasons, null, g.id(), s, wal, spans, until);
	}

	/** The newest point that can be restored, or null when nothing can. */
	public static Instant newestRestorable(DatabaseStatus db, ReplicaStatus replica) {
		return spans(Generation.of(db.litestream(), replica)).stream().map(Span::to).findFirst().orElse(null);
	}

	private static List<Span> spans(List<Generation> generations) {
		return generations.stream()
			.map(Generation::span)
			.flatMap(Optional::stream)
			.sorted(Comparator.comparing(Span::to).reversed())
			.toList();
	}

	private static RestorePlan outside(ReplicaStatus replica, Instant at, List<Generation> generations,
			List<Span> spans) {
		List<Generation> ended = generations.stream().filter((g) -> g.end() != null).toList();
		Optional<Generation> newest = ended.stream().max(BY_END);
		if (newest.isEmpty()) {
			return new RestorePlan(replica.name(), at, Verdict.UNCHECKED, List.of("Litewatch does not know when "
					+ "the newest object of replica " + replica.name() + " was written, so it cannot judge this time."),
					null, null, null, null, spans);
		}
		Optional<Generation> before = ended.stream().filter((g) -> g.end().isBefore(at)).max(BY_END);
		Optional<Generation> after = generations.stream()
			.filter((g) -> g.start() != null && g.start().isAfter(at))
			.min(Comparator.comparing(Generation::start));
		if (after.isEmpty()) {
			Generation g = newest.get();
			return new RestorePlan(replica.name(), at, Verdict.AFTER_NEWEST,
					List.of(RestorePlan.text(at) + " is after the newest object of replica " + replica.name() + " ("
							+ RestorePlan.text(g.end()) + ", generation " + g.id() + ", as of the last poll): "
							+ "Litestream would answer \"no matching backups found\"."),
					Generation.floor(g.end()), null, null, null, spans);
		}
		Instant next = firstRestorable(after.get());
		if (before.isEmpty()) {
			return new RestorePlan(replica.name(), at, Verdict.BEFORE_OLDEST,
					List.of(RestorePlan.text(at) + " is before the oldest snapshot of replica " + replica.name() + " ("
							+ RestorePlan.text(next) + "): retention has removed anything older, if it ever existed."),
					next, null, null, null, spans);
		}
		Instant previous = Generation.floor(before.get().end());
		boolean previousNearer = Duration.between(previous, at).compareTo(Duration.between(at, next)) <= 0;
		return new RestorePlan(replica.name(), at, Verdict.BETWEEN_GENERATIONS,
				List.of(RestorePlan.text(at) + " falls between generation " + before.get().id() + ", which ends at "
						+ RestorePlan.text(before.get().end()) + ", and generation " + after.get().id()
						+ ", which starts at " + RestorePlan.text(after.get().start())
						+ ": no generation holds it (a restore cannot cross from one to the next)."),
				previousNearer ? previous : next, null, null, null, spans);
	}

	private static Instant firstRestorable(Generation g) {
		return g.oldestSnapshot().map((s) -> Generation.ceil(s.created())).orElse(Generation.ceil(g.start()));
	}

	/**
	 * From the snapshot's index to the last segment uploaded by {@code at}. The listing
	 * has no upload time per segment: the last index is known exactly only when
	 * {@code at} is past the newest segment; otherwise it is bounded by the next
	 * snapshot's index (the WAL was at that index when it was taken) and by the newest
	 * segment's.
	 */
	static WalRange walRange(Generation g, Snapshot s, Instant at) {
		Long next = g.snapshotAfter(at).map(Snapshot::index).orElse(null);
		Long newest = null;
		Instant newestAt = null;
		if (g.newestWal() != null) {
			newest = g.newestWal().index();
			newestAt = g.newestWal().lastModified();
		}
		else if (g.tally() != null && g.tally().lastWalIndex() != null) {
			newest = g.tally().lastWalIndex();
			newestAt = g.tally().newestAt();
		}
		if (newest != null && newestAt != null && !at.isBefore(newestAt)) {
			return new WalRange(s.index(), Math.max(s.index(), newest), true);
		}
		Long bound = newest == null ? next : next == null ? newest : Long.valueOf(Math.min(next, newest));
		if (bound == null) {
			return new WalRange(s.index(), null, false);
		}
		long to = Math.max(s.index(), bound);
		return new WalRange(s.index(), to, to == s.index());
	}

	static String walText(WalRange wal) {
		String from = Snapshot.hex(wal.from());
		if (wal.to() == null) {
			return "the WAL from index " + from + " up to the last segment uploaded by then";
		}
		if (wal.exact()) {
			return wal.to() == wal.from() ? "WAL index " + from
					: "WAL indexes " + from + " to " + Snapshot.hex(wal.to());
		}
		return "the WAL from index " + from + " up to the last segment uploaded by then (index "
				+ Snapshot.hex(wal.to()) + " at most)";
	}

	/** The first known gap the replay could run into. */
	private static Optional<IndexGap> gapIn(Generation g, WalRange wal) {
		if (g.tally() == null) {
			return Optional.empty();
		}
		long last = wal.to() == null ? Long.MAX_VALUE : wal.to();
		return g.tally().gaps().stream().filter((gap) -> gap.to() >= wal.from() && gap.from() <= last).findFirst();
	}

	private static RestorePlan gapPlan(ReplicaStatus replica, Instant at, Generation g, Snapshot s, WalRange wal,
			IndexGap gap, List<String> reasons, List<Span> spans, Instant until) {
		String missing = gap.from() == gap.to() ? "WAL index " + Snapshot.hex(gap.from()) + " is"
				: "WAL indexes " + Snapshot.hex(gap.from()) + " to " + Snapshot.hex(gap.to()) + " are";
		boolean certain = wal.exact() || gap.from() <= wal.from();
		reasons.add("But " + missing + " missing (the inventory's last walk): Litestream "
				+ (certain ? "would" : "may, if the WAL uploaded by then reaches it,")
				+ " stop with \"missing WAL index: " + g.id() + "/" + Snapshot.hex(gap.from()) + "\".");
		Optional<Snapshot> past = g.snapshots().stream().filter((x) -> x.index() > gap.to()).findFirst();
		Instant nearest = past.map((x) -> Generation.ceil(x.created())).orElse(null);
		if (past.isPresent()) {
			reasons.add("From " + RestorePlan.text(nearest) + " on (snapshot " + past.get().hex()
					+ ", past the gap) the replay is whole again"
					+ (gap.from() > s.index() ? "; or choose " + RestorePlan.text(Generation.ceil(s.created()))
							+ ", before the replay reaches the gap." : "."));
		}
		else if (gap.from() > s.index()) {
			nearest = Generation.ceil(s.created());
			reasons.add("No snapshot lies past the gap; " + RestorePlan.text(nearest)
					+ " (the snapshot itself) replays only what lies before it.");
		}
		return new RestorePlan(replica.name(), at, Verdict.WAL_GAP, reasons, nearest, g.id(), s, wal, spans, until);
	}

}
