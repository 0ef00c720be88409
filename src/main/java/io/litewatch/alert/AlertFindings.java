package io.litewatch.alert;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
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

	/**
	 * Which earlier alert states this poll freezes: every code an installation-wide cause
	 * holds (present or not), and each finding held within its database.
	 */
	public static Predicate<AlertState> frozen(PollResult poll) {
		Set<String> heldKeys = new HashSet<>();
		for (DatabaseStatus db : poll.databases()) {
			db.findings()
				.stream()
				.filter(Finding::held)
				.forEach((f) -> heldKeys.add(ObservedFinding.key(db.name(), "", f.code())));
			for (ReplicaStatus replica : db.replicas()) {
				replica.findings()
					.stream()
					.filter(Finding::held)
					.forEach((f) -> heldKeys.add(ObservedFinding.key(db.name(), replica.name(), f.code())));
			}
		}
		return (state) -> poll.held().containsKey(state.code()) || heldKeys.contains(state.key());
	}

	public static List<ObservedFinding> of(PollResult poll) {
		List<ObservedFinding> all = new ArrayList<>();
		collect(poll, all);
		// How fresh the figures are, not a state of a backup: a late reading ends in
		// its sources' own finding (S3_UNREACHABLE, EXEC_FAILED) or in none, and only
		// that is announced.
		all.removeIf((f) -> f.code() == FindingCode.READING_LATE);
		return all;
	}

	private static void collect(PollResult poll, List<ObservedFinding> all) {
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
				Double lag = replica.freshness().lag() != null ? replica.freshness().lag().toMillis() / 1000.0 : null;
				for (Finding f : replica.findings()) {
					if (!f.held()) {
						all.add(new ObservedFinding(db.name(), db.path(), replica.name(), f.code(), f.severity(),
								f.message(), lag));
					}
				}
			}
		}
	}

}
