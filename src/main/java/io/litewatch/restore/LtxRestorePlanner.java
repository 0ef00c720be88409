package io.litewatch.restore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.litewatch.config.LtxSettings;
import io.litewatch.health.LtxState;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.restore.RestorePlan.LtxStart;
import io.litewatch.restore.RestorePlan.Span;
import io.litewatch.restore.RestorePlan.Verdict;
import io.litewatch.s3.LtxKeys;

/**
 * Says what Litestream 0.5's {@code restore -timestamp <t>} would do, from the last poll
 * alone (pure), by its own rules ({@code CalcRestorePlan}, replica.go): the newest
 * snapshot created before t, then, level by level, every file created before t that
 * continues the TXID chain. A file's time is its newest transaction's (its header); the
 * listing gives upload times, which are never earlier, so what this says can be restored
 * is, and the restore may reach a little further.
 */
public final class LtxRestorePlanner {

	/** The span's name on the page: 0.5 has one history per path, not generations. */
	static final String SPAN = "LTX";

	public RestorePlan plan(ReplicaStatus replica, Instant requested, Instant now) {
		Instant at = Generation.floor(requested);
		LtxState ltx = replica.ltx();
		List<Span> spans = span(replica).stream().toList();
		List<String> reasons = new ArrayList<>();
		if (ltx == null || ltx.replicatedTxid() == 0) {
			if (ltx != null && "0.3".equals(ltx.layout())) {
				reasons.add("No LTX file is under " + replica.config().location() + " yet, but 0.3 generations are: "
						+ "Litestream 0.5 restores from those (its v0.3 restore), which Litewatch does not read for a "
						+ "0.5 replica. The dry run below says what it would take.");
				return plan(replica, at, Verdict.UNCHECKED, reasons, null, null, spans);
			}
			reasons.add("No LTX file is stored for replica " + replica.name()
					+ " as of the last poll: there is nothing to restore.");
			return plan(replica, at, Verdict.NO_BACKUP, reasons, null, null, spans);
		}
		List<LtxState.Snapshot> snapshots = ltx.snapshots();
		if (snapshots.isEmpty()) {
			reasons.add("No snapshot (level 9) is listed: Litestream 0.5 would have to start from files holding TXID 1 "
					+ "on, which Litewatch does not keep track of. The dry run below says whether it can.");
			return plan(replica, at, Verdict.UNCHECKED, reasons, null, null, spans);
		}
		LtxState.Snapshot oldest = snapshots.get(0);
		Optional<LtxState.Snapshot> start = snapshots.stream()
			.filter((s) -> s.at().isBefore(at))
			.max(Comparator.comparing(LtxState.Snapshot::at));
		if (start.isEmpty()) {
			Instant nearest = after(oldest.at());
			reasons.add(RestorePlan.text(at) + " is not after the oldest snapshot of replica " + replica.name() + " ("
					+ RestorePlan.text(oldest.at()) + ", TXID " + LtxKeys.hex(oldest.txid())
					+ "): Litestream would answer \"no matching backup files available\". Snapshot retention ("
					+ text(settings(replica).snapshotRetention()) + ") has removed anything older.");
			return plan(replica, at, Verdict.BEFORE_OLDEST, reasons, nearest, null, spans);
		}
		LtxState.Snapshot s = start.get();
		reasons.add("Litestream would start from the snapshot of TXID " + LtxKeys.hex(s.txid()) + " (uploaded "
				+ RestorePlan.text(s.at()) + "), the newest taken before " + RestorePlan.text(at) + ".");
		Instant reachAt = replica.restore().to();
		if (!ltx.chainComplete() && reachAt != null && at.isAfter(reachAt)) {
			reasons.add("But the chain of files stops at TXID " + LtxKeys.hex(ltx.restoreTxid()) + " (uploaded "
					+ RestorePlan.text(reachAt) + "): no level holds TXID " + LtxKeys.hex(ltx.restoreTxid() + 1)
					+ ", though files up to " + LtxKeys.hex(ltx.replicatedTxid())
					+ " exist. With -timestamp Litestream "
					+ "restores up to the gap without saying so; nothing after it can be restored.");
			return plan(replica, at, Verdict.WAL_GAP, reasons, after(reachAt),
					new LtxStart(s.txid(), s.at(), ltx.restoreTxid(), null), spans);
		}
		if (ltx.replicatedAt() != null && at.isAfter(ltx.replicatedAt())) {
			reasons.add("That is after the newest file (TXID " + LtxKeys.hex(ltx.replicatedTxid()) + ", uploaded "
					+ RestorePlan.text(ltx.replicatedAt()) + "), so the restore gives the latest state the replica "
					+ "holds: TXID " + LtxKeys.hex(ltx.restoreTxid()) + ".");
			return inside(replica, at, reasons, new LtxStart(s.txid(), s.at(), ltx.restoreTxid(), Duration.ZERO),
					spans);
		}
		Duration slack = slack(replica, at, now);
		reasons.add("Then it applies, from any level, every file created before that time that continues the "
				+ "chain: " + slackText(replica, slack) + ".");
		return inside(replica, at, reasons, new LtxStart(s.txid(), s.at(), null, slack), spans);
	}

	/**
	 * The newest point whose restore gives the latest state the replica holds: just past
	 * the upload of the file that ends the chain, or null when nothing can be restored.
	 */
	public static Instant newestRestorable(ReplicaStatus replica) {
		Instant reachAt = replica.restore().to();
		return reachAt == null ? null : after(reachAt);
	}

	private RestorePlan inside(ReplicaStatus replica, Instant at, List<String> reasons, LtxStart start,
			List<Span> spans) {
		if ("both".equals(replica.ltx().layout())) {
			reasons.add("0.3 generations sit under the same path: Litestream 0.5 restores from them instead when a "
					+ "0.3 snapshot taken before that time is newer than the LTX one. The dry run says which it takes.");
		}
		return plan(replica, at, Verdict.INSIDE, reasons, null, start, spans);
	}

	/**
	 * How far short of {@code at} the restore may stop: L0 keeps a file per sync for
	 * {@code l0-retention} after its compaction; older changes are only in compacted
	 * files, the finest of which is L1 (snapshot retention prunes L1+ only below the
	 * oldest snapshot).
	 */
	private static Duration slack(ReplicaStatus replica, Instant at, Instant now) {
		LtxSettings settings = settings(replica);
		Duration l1 = settings.levelInterval(1);
		if (l1 == null || !at.isBefore(now.minus(settings.l0Retention()))) {
			return replica.config().syncInterval();
		}
		return l1;
	}

	private static String slackText(ReplicaStatus replica, Duration slack) {
		LtxSettings settings = settings(replica);
		if (slack.equals(replica.config().syncInterval())) {
			return "level 0 still holds a file per sync for that time (l0-retention " + text(settings.l0Retention())
					+ "), so it reaches the last sync before it, at most " + text(slack) + " earlier";
		}
		return "level 0's files for that time are gone (kept " + text(settings.l0Retention())
				+ " after compaction), so it reaches the last level-1 compaction before it, up to " + text(slack)
				+ " earlier. The dry run lists the files";
	}

	private static Optional<Span> span(ReplicaStatus replica) {
		Instant from = replica.restore().from();
		Instant to = replica.restore().to();
		return from == null || to == null ? Optional.empty()
				: Optional.of(new Span(SPAN, after(from), Generation.floor(to), true));
	}

	private static RestorePlan plan(ReplicaStatus replica, Instant at, Verdict verdict, List<String> reasons,
			Instant nearest, LtxStart start, List<Span> spans) {
		return new RestorePlan(replica.name(), at, verdict, reasons, nearest, null, null, null, spans, null,
				start == null ? new LtxStart(0, null, null, null) : start);
	}

	private static LtxSettings settings(ReplicaStatus replica) {
		return replica.config().ltx() != null ? replica.config().ltx() : LtxSettings.defaults();
	}

	/**
	 * The first whole second after {@code t}: Litestream takes a file only when its time
	 * is before the {@code -timestamp}, which has whole seconds.
	 */
	static Instant after(Instant t) {
		return Generation.floor(t).plusSeconds(1);
	}

	private static String text(Duration d) {
		return io.litewatch.time.HumanDuration.compact(d);
	}

}
