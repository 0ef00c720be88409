package io.litewatch.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.restore.RestorePlan;
import io.litewatch.restore.RestorePlan.Verdict;
import io.litewatch.restore.Runbook;
import io.litewatch.s3.LtxKeys;
import io.litewatch.time.HumanDuration;

/**
 * The restore helper's page: the form as the person left it, what a restore to that time
 * would use, and the runbooks' commands.
 *
 * @param input what the time field holds: the typed text, kept even when unreadable
 * @param inputType {@code datetime-local}, or {@code text} when the typed text is not a
 * time (a datetime-local input would drop it)
 * @param error why the request could not be planned, or null
 * @param plan null when there is nothing to plan (an error)
 * @param runbooks empty when the time cannot be restored
 */
public record RestorePage(String name, String path, String title, String state, List<ReplicaOption> replicas,
		String replica, String input, String inputType, String error, PlanView plan, List<Runbook> runbooks,
		Moment asOf) {

	public record ReplicaOption(String name, String label, boolean selected) {
	}

	/**
	 * @param state {@code ok}, {@code warning} or {@code critical}, as the page colours
	 * it
	 * @param nearest the nearest restorable time, with {@code nearestInput} its form
	 * value
	 * @param timestamp the command's {@code -timestamp}
	 * @param untilInput about when a snapshot rewrite ends this time's restorability
	 * (UTC, to the second), null when none is due
	 * @param ltx a Litestream 0.5 plan's figures, null for 0.3 (then {@code generation},
	 * {@code snapshot} and {@code wal} say it)
	 */
	public record PlanView(String verdict, String verdictCode, String state, String icon, List<String> reasons,
			String generation, String snapshot, String wal, String timestamp, Moment nearest, String nearestText,
			String nearestInput, List<SpanLine> spans, String untilInput, LtxFigures ltx) {

		static PlanView of(RestorePlan plan, Instant now) {
			Verdict v = plan.verdict();
			String state = !v.inside() ? "critical" : v.warning() ? "warning" : "ok";
			String snapshot = plan.snapshot() == null ? null : plan.snapshot().index() + " (" + plan.snapshot().hex()
					+ "), taken " + RestorePlan.text(plan.snapshot().created());
			String wal = plan.wal() == null ? null : walText(plan.wal());
			return new PlanView(verdict(v), v.name(), state,
					state.equals("ok") ? "✓" : state.equals("warning") ? "!" : "✕", plan.reasons(), plan.generation(),
					snapshot, wal, plan.timestamp(), Moment.of(plan.nearest(), now),
					plan.nearest() == null ? null : RestorePlan.text(plan.nearest()), RestoreTime.input(plan.nearest()),
					plan.spans()
						.stream()
						.map((s) -> new SpanLine(s.generation(), s.current(), RestorePlan.text(s.from()),
								RestorePlan.text(s.to()), RestoreTime.input(s.from()), RestoreTime.input(s.to())))
						.toList(),
					plan.restorableUntil() == null ? null : RestoreTime.input(plan.restorableUntil()),
					LtxFigures.of(plan.ltx()));
		}

		/**
		 * @param snapshot the snapshot the restore starts from, null when none
		 * @param reach the last TXID it applies, or how far short of the time it may stop
		 */
		public record LtxFigures(String snapshot, String reach) {

			static LtxFigures of(RestorePlan.LtxStart start) {
				if (start == null) {
					return null;
				}
				String snapshot = start.snapshotAt() == null ? null : "TXID " + LtxKeys.hex(start.snapshotTxid())
						+ ", uploaded " + RestorePlan.text(start.snapshotAt());
				String reach = start.reachTxid() != null ? "TXID " + LtxKeys.hex(start.reachTxid())
						: start.slack() != null ? "the last file before that time, at most "
								+ HumanDuration.compact(start.slack()) + " earlier" : null;
				return new LtxFigures(snapshot, reach);
			}

		}

		private static String verdict(Verdict v) {
			return switch (v) {
				case INSIDE -> "Inside the restore window";
				case WAL_GAP -> "Inside the restore window, but a WAL index is missing";
				case UNCHECKED -> "Not checked: Litewatch lacks the listing to judge";
				case BEFORE_OLDEST -> "Outside the restore window: before the oldest snapshot";
				case AFTER_NEWEST -> "Outside the restore window: after the newest object";
				case BETWEEN_GENERATIONS -> "Outside the restore window: between two generations";
				case NO_BACKUP -> "Nothing to restore";
			};
		}

		private static String walText(RestorePlan.WalRange wal) {
			String from = String.format("%08x", wal.from());
			if (wal.to() == null) {
				return "from " + from + " to the last segment uploaded by then";
			}
			String to = String.format("%08x", wal.to());
			if (wal.exact()) {
				return wal.from() == wal.to() ? from : from + " to " + to;
			}
			return "from " + from + " to the last segment uploaded by then (" + to + " at most)";
		}

	}

	/**
	 * One generation's restorable stretch, with its ends as form values for the page's
	 * script and tests.
	 */
	public record SpanLine(String generation, boolean current, String from, String to, String fromInput,
			String toInput) {
	}

	static List<ReplicaOption> options(DatabaseStatus db, String chosen) {
		List<ReplicaOption> options = new ArrayList<>();
		for (ReplicaStatus r : db.replicas()) {
			options.add(new ReplicaOption(r.name(), r.name() + " · " + r.config().location(), r.name().equals(chosen)));
		}
		if (chosen != null && options.stream().noneMatch(ReplicaOption::selected)) {
			// Kept, so the form shows what was asked for next to the message about it.
			options.add(new ReplicaOption(chosen, chosen + " (not a replica of this database)", true));
		}
		return List.copyOf(options);
	}

}
