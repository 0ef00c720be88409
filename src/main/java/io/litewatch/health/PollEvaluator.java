package io.litewatch.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.litewatch.config.ConfigIssue;
import io.litewatch.config.ReplicaConfig;

/**
 * Turns what one poll observed into findings, and has {@link Causes} decide which of them
 * follow from which. Collectors only observe; every finding of a poll is made here or in
 * {@link ReplicaEvaluator}. Pure: the time and the previous poll's statuses come in as
 * arguments.
 */
public final class PollEvaluator {

	private final ReplicaEvaluator replicas;

	private final InstallationJudge installation = new InstallationJudge();

	public PollEvaluator(ReplicaEvaluator replicas) {
		this.replicas = replicas;
	}

	/**
	 * @param previous the previous poll's databases by path, for what a replica remembers
	 * from poll to poll
	 */
	public Diagnosis evaluate(PollObservation observation, Map<String, DatabaseStatus> previous, Instant now) {
		List<Finding> findings = installation.judge(observation);
		Causes causes = Causes.among(findings);
		findings = causes.apply(findings);
		HealthStatus status = HealthStatus.of(findings);
		List<DatabaseStatus> databases = new ArrayList<>();
		for (DatabaseObservation db : observation.databases()) {
			DatabaseStatus judged = judge(db, observation, previous.get(db.config().path()), causes, now);
			databases.add(judged);
			status = status.worse(judged.status());
		}
		return new Diagnosis(status, findings, List.copyOf(databases), causes.held());
	}

	private DatabaseStatus judge(DatabaseObservation db, PollObservation poll, DatabaseStatus previous, Causes causes,
			Instant now) {
		List<Finding> findings = new ArrayList<>();
		for (ConfigIssue issue : poll.config().issues()) {
			if (db.config().path().equals(issue.dbPath())) {
				findings.add(issue.finding());
			}
		}
		List<ReplicaStatus> judged = new ArrayList<>();
		if (db.timedOut() != null) {
			findings.add(Finding.warning(db.late() ? FindingCode.READING_LATE : FindingCode.COLLECTION_TIMED_OUT,
					db.timedOut()));
			// The last known figures stay on the page rather than vanish for one slow
			// source.
			if (previous != null) {
				judged.addAll(previous.replicas());
			}
		}
		else {
			findings.addAll(sourceFindings(db, poll.accessory()));
			for (ReplicaObservation replica : db.replicas()) {
				ReplicaStatus before = previous == null ? null : previousReplica(previous, replica.config());
				judged.add(replicas.evaluate(replica, db.file(), db.litestream(), before, now));
			}
		}
		findings.addAll(DrillJudge.judge(db.config().name(), poll.drills().get(db.config().name()), now));
		findings = causes.apply(findings);
		List<ReplicaStatus> held = new ArrayList<>();
		List<Finding> replicaFindings = new ArrayList<>();
		for (ReplicaStatus replica : judged) {
			ReplicaStatus r = replica.withFindings(causes.apply(replica.findings()));
			held.add(r);
			replicaFindings.addAll(r.findings());
		}
		findings = Causes.withinDatabase(findings, replicaFindings);
		// What the database as a whole follows from: installation-wide causes only (a
		// cause
		// within the database is shown beside what it holds).
		Set<FindingCode> heldBy = new LinkedHashSet<>(causes.affectingEveryDatabase());
		findings.stream().filter((f) -> f.held() && causes.isActive(f.heldBy())).forEach((f) -> heldBy.add(f.heldBy()));
		held.forEach((r) -> r.findings()
			.stream()
			.filter((f) -> f.held() && causes.isActive(f.heldBy()))
			.forEach((f) -> heldBy.add(f.heldBy())));
		HealthStatus status = DatabaseStatus.worstOf(findings, held).worse(causes.floorForDatabases());
		// A late reading shows what the last one found, the file and the CLI's view too.
		boolean carried = db.late() && previous != null;
		return new DatabaseStatus(db.config(), status, findings, carried ? previous.file() : db.file(),
				carried ? previous.litestream() : db.litestream(), List.copyOf(held), List.copyOf(heldBy),
				poll.drills().get(db.config().name()));
	}

	private static List<Finding> sourceFindings(DatabaseObservation db, AccessoryState accessory) {
		List<Finding> findings = new ArrayList<>();
		DbFileState file = db.file();
		if (file.known() && !file.exists()) {
			findings.add(Finding.warning(FindingCode.DB_FILE_MISSING,
					"The database file " + db.config().path() + " does not exist in container " + accessory.container()
							+ ": Litestream has nothing to replicate (wrong path or volume?)."));
		}
		LitestreamView view = db.litestream();
		if (accessory.running() && view.execError() != null) {
			findings.add(Finding.warning(FindingCode.EXEC_FAILED, view.execError()));
		}
		for (String error : view.storageErrors()) {
			findings.add(Finding.critical(FindingCode.S3_UNREACHABLE,
					"Litestream itself cannot list its replica: " + error));
		}
		return findings;
	}

	private static ReplicaStatus previousReplica(DatabaseStatus previous, ReplicaConfig replica) {
		return previous.replicas().stream().filter((r) -> r.name().equals(replica.name())).findFirst().orElse(null);
	}

}
