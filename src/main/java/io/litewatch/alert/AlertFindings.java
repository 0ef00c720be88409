package io.litewatch.alert;

import java.util.ArrayList;
import java.util.List;

import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.Finding;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.poll.PollResult;

/**
 * Turns a poll's findings into what the alerting tracks. Installation-wide findings are
 * keyed once, not once per database. Findings held back by a cause
 * ({@link Finding#heldBy()}) are not tracked: the cause is what pages, and
 * {@link AlertStateMachine} keeps their earlier state as it was until the cause clears
 * ({@link PollResult#held()}).
 */
public final class AlertFindings {

	private AlertFindings() {
	}

	public static List<ObservedFinding> of(PollResult poll) {
		List<ObservedFinding> all = new ArrayList<>();
		String installationPath = String.valueOf(poll.config().file());
		for (Finding f : poll.findings()) {
			if (!f.held()) {
				all.add(new ObservedFinding(ObservedFinding.INSTALLATION, installationPath, "", f.code(), f.severity(),
						f.message(), null));
			}
		}
		for (DatabaseStatus db : poll.databases()) {
			for (Finding f : db.findings()) {
				if (!f.held()) {
					all.add(new ObservedFinding(db.name(), db.path(), "", f.code(), f.severity(), f.message(), null));
				}
			}
			for (ReplicaStatus replica : db.replicas()) {
				Double lag = replica.lag() != null ? replica.lag().toMillis() / 1000.0 : null;
				for (Finding f : replica.findings()) {
					if (!f.held()) {
						all.add(new ObservedFinding(db.name(), db.path(), replica.name(), f.code(), f.severity(),
								f.message(), lag));
					}
				}
			}
		}
		return all;
	}

}
