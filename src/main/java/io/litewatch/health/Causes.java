package io.litewatch.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which finding follows from which: the one place that decides it. While a cause lasts,
 * what it holds is shown beside it but neither counts towards a status nor fires or
 * resolves an alert, so one stopped container pages once, and its consequences are
 * neither paged nor given a false all-clear. When the cause clears, whatever is still
 * wrong is judged on its own again.
 */
public final class Causes {

	/**
	 * Cause → what it holds back, in order of precedence: a finding held by several
	 * causes is attributed to the first.
	 */
	private static final Map<FindingCode, Set<FindingCode>> HOLDS = holds();

	/** Causes under which nothing about any database can be known or is replicated. */
	private static final Set<FindingCode> EVERY_DATABASE = EnumSet.of(FindingCode.DOCKER_UNREACHABLE,
			FindingCode.ACCESSORY_DOWN);

	private final Map<FindingCode, Severity> active;

	private Causes(Map<FindingCode, Severity> active) {
		this.active = active;
	}

	private static Map<FindingCode, Set<FindingCode>> holds() {
		Set<FindingCode> consequencesOfNoAccessory = EnumSet.of(FindingCode.REPLICA_STALE, FindingCode.SNAPSHOT_OVERDUE,
				FindingCode.EXEC_FAILED, FindingCode.DB_FILE_MISSING, FindingCode.COLLECTION_TIMED_OUT,
				FindingCode.READING_LATE);
		Map<FindingCode, Set<FindingCode>> holds = new LinkedHashMap<>();
		// Without the engine, whether the container runs is unknown too.
		Set<FindingCode> ofEngine = EnumSet.copyOf(consequencesOfNoAccessory);
		ofEngine.add(FindingCode.ACCESSORY_DOWN);
		holds.put(FindingCode.DOCKER_UNREACHABLE, ofEngine);
		holds.put(FindingCode.ACCESSORY_DOWN, consequencesOfNoAccessory);
		// The accessory's CLI reads the same file: while it is broken, every command
		// fails.
		holds.put(FindingCode.CONFIG_INVALID, EnumSet.of(FindingCode.EXEC_FAILED));
		return holds;
	}

	/**
	 * Within one database: while its storage cannot be listed, the accessory's commands,
	 * which list the same storage, hang or fail too.
	 */
	private static final Map<FindingCode, Set<FindingCode>> HOLDS_IN_DATABASE = Map.of(FindingCode.S3_UNREACHABLE,
			EnumSet.of(FindingCode.EXEC_FAILED));

	/**
	 * Holds back a database's own findings that follow from a cause among its replicas'
	 * (and its own) findings; what an installation-wide cause holds is left to
	 * {@link #apply}.
	 */
	public static List<Finding> withinDatabase(List<Finding> databaseFindings, List<Finding> replicaFindings) {
		List<FindingCode> causes = new ArrayList<>();
		for (Finding f : replicaFindings) {
			if (!f.held() && HOLDS_IN_DATABASE.containsKey(f.code()) && !causes.contains(f.code())) {
				causes.add(f.code());
			}
		}
		List<Finding> out = new ArrayList<>(databaseFindings.size());
		for (Finding f : databaseFindings) {
			FindingCode cause = f.held() ? null
					: causes.stream()
						.filter((c) -> HOLDS_IN_DATABASE.get(c).contains(f.code()))
						.findFirst()
						.orElse(null);
			out.add(cause == null ? f : f.heldBack(cause));
		}
		return List.copyOf(out);
	}

	/** The causes among a poll's installation-wide findings. */
	public static Causes among(Collection<Finding> installationFindings) {
		Map<FindingCode, Severity> active = new LinkedHashMap<>();
		for (FindingCode cause : HOLDS.keySet()) {
			for (Finding finding : installationFindings) {
				if (finding.code() == cause && !finding.held()) {
					active.merge(cause, finding.severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
				}
			}
		}
		return new Causes(active);
	}

	/** Whether this installation-wide cause is active in this poll. */
	public boolean isActive(FindingCode cause) {
		return active.containsKey(cause);
	}

	/** The active cause that holds findings of this code, or null. */
	public FindingCode causeOf(FindingCode code) {
		for (FindingCode cause : active.keySet()) {
			if (cause != code && HOLDS.get(cause).contains(code)) {
				return cause;
			}
		}
		return null;
	}

	public Finding apply(Finding finding) {
		FindingCode cause = finding.held() ? null : causeOf(finding.code());
		return cause == null ? finding : finding.heldBack(cause);
	}

	public List<Finding> apply(List<Finding> findings) {
		List<Finding> out = new ArrayList<>(findings.size());
		for (Finding finding : findings) {
			out.add(apply(finding));
		}
		return List.copyOf(out);
	}

	/** Every code held back in this poll, with its cause: the alerting freezes these. */
	public Map<FindingCode, FindingCode> held() {
		Map<FindingCode, FindingCode> held = new LinkedHashMap<>();
		for (FindingCode code : FindingCode.values()) {
			FindingCode cause = causeOf(code);
			if (cause != null) {
				held.put(code, cause);
			}
		}
		return Map.copyOf(held);
	}

	/** The active causes that concern every database, worst first in precedence order. */
	public List<FindingCode> affectingEveryDatabase() {
		return active.keySet().stream().filter(EVERY_DATABASE::contains).toList();
	}

	/** What the causes that concern every database make of each database's status. */
	public HealthStatus floorForDatabases() {
		HealthStatus floor = HealthStatus.OK;
		for (FindingCode cause : affectingEveryDatabase()) {
			floor = floor.worse(active.get(cause) == Severity.CRITICAL ? HealthStatus.CRITICAL : HealthStatus.WARNING);
		}
		return floor;
	}

}
