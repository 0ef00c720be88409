package io.litewatch.web;

import java.time.Instant;
import java.util.List;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.FindingCode;

/**
 * One database on the overview: its state in words, what holds it back, its own findings
 * and its replicas.
 *
 * @param state its own state; {@link RowState#UNKNOWN} when only a cause holds it back
 * @param heldBy the installation-wide causes it follows from, each with a banner above
 * @param drill its restore drills in a line; null when they are off
 */
public record DatabaseRow(String name, String path, RowState state, List<String> heldBy,
		List<StatusView.FindingView> findings, List<ReplicaRow> replicas, DrillSummary drill) {

	/**
	 * @param heldBy the database's own causes plus any the page adds (polls stalled)
	 */
	static DatabaseRow of(DatabaseStatus db, List<FindingCode> heldBy, LitewatchProperties.Health thresholds,
			Instant now) {
		boolean held = !heldBy.isEmpty();
		// Held findings count towards neither state: the cause's banner says what is
		// wrong.
		RowState state = RowState.of(DatabaseStatus.worstOf(db.findings(), db.replicas()), held);
		return new DatabaseRow(db.name(), db.path(), state, heldBy.stream().map(Enum::name).toList(),
				StatusView.findingViews(db.findings()),
				db.replicas().stream().map((r) -> ReplicaRow.of(r, held, thresholds, now)).toList(),
				DrillSummary.of(db.drills(), now));
	}

	public boolean held() {
		return !heldBy.isEmpty();
	}

}
