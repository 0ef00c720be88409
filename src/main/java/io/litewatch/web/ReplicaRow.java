package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.health.Freshness;
import io.litewatch.health.GenerationState;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.health.SnapshotState;
import io.litewatch.time.GoDuration;
import io.litewatch.time.HumanDuration;

/**
 * One replica of a database as the overview shows it: every figure already in words, so
 * the template only places them.
 *
 * @param lag "3 s", "caught up" or "unknown"
 * @param lagLimit "limit 13 s": the lag at which REPLICA_STALE warns
 * @param syncEvery "every 1s"
 * @param snapshotEvery "every 1h", or "no snapshot-interval"
 * @param counts snapshots and WAL segments of the current generation since the newest
 * snapshot
 * @param inventory the background inventory's lines (history, retention's removals,
 * progress)
 */
public record ReplicaRow(String name, String location, RowState state, String lag, String lagLimit, String lagSource,
		String syncEvery, Moment lastSync, Moment lastSnapshot, SnapshotSchedule schedule, String snapshotEvery,
		String counts, RestoreBar window, List<InventoryLine> inventory, String generation, int generationCount,
		List<StatusView.FindingView> findings) {

	/**
	 * When the next snapshot is due, from the newest one and the expected spacing.
	 *
	 * @param due "next due 15:00"; null when no spacing is expected
	 * @param when "in 8 min", "any moment now", or "overdue by 12 min"
	 */
	public record SnapshotSchedule(Moment due, String when, boolean overdue) {

		static SnapshotSchedule of(Instant last, Duration spacing, Duration grace, Instant now) {
			if (last == null || spacing == null) {
				return null;
			}
			Instant due = last.plus(spacing);
			Moment at = Moment.of(due, now);
			if (now.isBefore(due)) {
				return new SnapshotSchedule(at, at.relative(), false);
			}
			if (now.isBefore(due.plus(grace))) {
				return new SnapshotSchedule(at, "any moment now", false);
			}
			return new SnapshotSchedule(at, "overdue by " + HumanDuration.spoken(Duration.between(due, now)), true);
		}

	}

	/**
	 * The restore window against retention.
	 *
	 * @param length "20 h 5 min"
	 * @param retention "1d", or null when retention is off
	 * @param percent of retention the window covers (0–100), for the bar; null without a
	 * retention
	 * @param basis "snapshots" or "inventory": what the window rests on
	 */
	public record RestoreBar(String length, Moment from, String retention, Integer percent, String basis) {

		static RestoreBar of(ReplicaStatus r, Instant now) {
			Duration window = r.restoreWindow();
			if (window == null) {
				return null;
			}
			Duration retention = r.config().retention();
			boolean kept = GoDuration.positive(retention);
			Integer percent = kept
					? (int) Math.max(0, Math.min(100, Math.round(100.0 * window.toMillis() / retention.toMillis())))
					: null;
			return new RestoreBar(HumanDuration.spoken(window), Moment.of(r.restore().from(), now),
					kept ? HumanDuration.compact(retention) : null, percent, r.restore().basis());
		}

		/** "20 h 5 min of 1d retention", for the bar's accessible name. */
		public String label() {
			return retention != null ? length + " of " + retention + " retention" : length + ", retention off";
		}

	}

	/**
	 * One line of the inventory's news, with the time it concerns placed between
	 * {@code before} and {@code after}.
	 */
	public record InventoryLine(String before, Moment at, String after) {
	}

	static ReplicaRow of(ReplicaStatus r, boolean held, LitewatchProperties.Health thresholds, Instant now) {
		ReplicaConfig c = r.config();
		Duration limit = thresholds.lagWarning(c.syncInterval());
		Freshness f = r.freshness();
		SnapshotState s = r.snapshots();
		GenerationState g = r.generations();
		String lag = f.lag() == null ? "unknown"
				: (f.lag().isNegative() || f.lag().isZero()) ? "caught up" : HumanDuration.spoken(f.lag());
		return new ReplicaRow(c.name(), c.location(), RowState.of(r.status(), held), lag,
				"limit " + HumanDuration.spoken(limit), f.lagSource(),
				"every " + HumanDuration.compact(c.syncInterval()), Moment.of(f.lastSyncAt(), now),
				Moment.of(s.newestAt(), now),
				SnapshotSchedule.of(s.newestAt(), c.expectedSnapshotSpacing(), thresholds.snapshotGrace(), now),
				GoDuration.positive(c.snapshotInterval()) ? "every " + HumanDuration.compact(c.snapshotInterval())
						: "no snapshot-interval",
				Texts.count(s.count(), "snapshot") + ", "
						+ Texts.count(g != null ? g.walSegmentCount() : 0, "WAL segment") + " since the newest ("
						+ Texts.bytes(g != null ? g.walBytes() : 0) + ")",
				RestoreBar.of(r, now), inventory(InventoryView.of(r.inventory()), now), g != null ? g.current() : null,
				g != null ? g.count() : 0, StatusView.findingViews(r.findings()));
	}

	private static List<InventoryLine> inventory(InventoryView inv, Instant now) {
		if (inv == null) {
			return List.of();
		}
		List<InventoryLine> lines = new java.util.ArrayList<>();
		if ("complete".equals(inv.state())) {
			lines.add(new InventoryLine(
					"history: " + Texts.count(inv.walSegments(), "WAL segment") + " (" + Texts.bytes(inv.walBytes())
							+ "), " + Texts.count(inv.snapshots(), "snapshot") + " · inventory ",
					Moment.parse(inv.lastCompleteAt(), now), ""));
		}
		InventoryView.DeletionView d = inv.lastDeletion();
		if (d != null) {
			lines.add(new InventoryLine("retention removed " + Texts.count(d.walSegments(), "WAL segment") + ", "
					+ Texts.count(d.snapshots(), "snapshot")
					+ (d.generations() > 0 ? ", " + Texts.count(d.generations(), "generation") : "") + " (seen ",
					Moment.parse(d.noticedAt(), now), ")"));
		}
		if (inv.progress() != null) {
			lines.add(new InventoryLine("inventory: " + Math.round(Math.floor(inv.progress() * 100)) + "% of the "
					+ ("complete".equals(inv.state()) ? "next" : "first") + " pass", null, ""));
		}
		if (inv.error() != null) {
			lines.add(new InventoryLine("inventory paused: " + inv.error(), null, ""));
		}
		return List.copyOf(lines);
	}

}
