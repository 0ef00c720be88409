package io.litewatch.alert;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.poll.PollResult;

/**
 * Turns a poll's findings into what the alerting tracks. Two rules keep one incident to
 * one page: findings about the whole installation are keyed once, not once per database;
 * and while the accessory or the Docker Engine is down, their consequences (stale
 * replicas, overdue snapshots, failing execs) are not tracked at all, so they start
 * counting afresh once it is back.
 */
public final class AlertFindings {

	static final Set<FindingCode> INSTALLATION_WIDE = EnumSet.of(FindingCode.ACCESSORY_DOWN,
			FindingCode.DOCKER_UNREACHABLE, FindingCode.CONFIG_INVALID);

	static final Set<FindingCode> INHIBITING = EnumSet.of(FindingCode.ACCESSORY_DOWN, FindingCode.DOCKER_UNREACHABLE);

	static final Set<FindingCode> INHIBITED = EnumSet.of(FindingCode.REPLICA_STALE, FindingCode.SNAPSHOT_OVERDUE,
			FindingCode.EXEC_FAILED, FindingCode.DB_FILE_MISSING);

	private AlertFindings() {
	}

	public static List<ObservedFinding> of(PollResult poll) {
		List<ObservedFinding> all = new ArrayList<>();
		String installationPath = String.valueOf(poll.config().file());
		for (Finding f : poll.findings()) {
			all.add(new ObservedFinding(ObservedFinding.INSTALLATION, installationPath, "", f.code(), f.severity(),
					f.message(), null));
		}
		for (DatabaseStatus db : poll.databases()) {
			for (Finding f : db.findings()) {
				boolean wide = INSTALLATION_WIDE.contains(f.code());
				all.add(new ObservedFinding(wide ? ObservedFinding.INSTALLATION : db.name(),
						wide ? installationPath : db.path(), "", f.code(), f.severity(), f.message(), null));
			}
			for (ReplicaStatus replica : db.replicas()) {
				Double lag = replica.lag() != null ? replica.lag().toMillis() / 1000.0 : null;
				for (Finding f : replica.findings()) {
					all.add(new ObservedFinding(db.name(), db.path(), replica.name(), f.code(), f.severity(),
							f.message(), lag));
				}
			}
		}
		boolean inhibit = all.stream().anyMatch((f) -> INHIBITING.contains(f.code()));
		return inhibit ? all.stream().filter((f) -> !INHIBITED.contains(f.code())).toList() : all;
	}

}
