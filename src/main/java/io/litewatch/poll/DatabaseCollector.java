package io.litewatch.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.litewatch.config.ConfigIssue;
import io.litewatch.config.DbConfig;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.docker.DockerAccessException;
import io.litewatch.docker.LitestreamAccessory;
import io.litewatch.docker.FileStat;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.DbFileState;
import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaEvaluator;
import io.litewatch.health.ReplicaObservation;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.s3.S3ListingException;
import io.litewatch.s3.S3Location;
import io.litewatch.s3.S3ReplicaLister;

/**
 * Collects everything about one database (its file through the Docker API, the
 * accessory's own view, each replica's storage) and has it judged. Never throws: a
 * failing source becomes a finding, so one database's trouble never hides another's
 * state.
 */
class DatabaseCollector {

	private final LitestreamAccessory accessory;

	private final LitestreamCommands commands;

	private final S3ReplicaLister lister;

	private final ReplicaEvaluator evaluator;

	DatabaseCollector(LitestreamAccessory accessory, LitestreamCommands commands, S3ReplicaLister lister,
			ReplicaEvaluator evaluator) {
		this.accessory = accessory;
		this.commands = commands;
		this.lister = lister;
		this.evaluator = evaluator;
	}

	DatabaseStatus collect(DbConfig db, List<ConfigIssue> issues, AccessoryState accessoryState,
			List<Finding> accessoryFindings, DatabaseStatus previous, Instant now) {
		List<Finding> findings = new ArrayList<>(accessoryFindings);
		for (ConfigIssue issue : issues) {
			findings.add(issue.finding());
		}
		DbFileState file = accessoryState.engineReachable() && accessoryState.state() != null
				&& accessoryState.state().exists() ? fileState(db.path())
						: DbFileState.unknown("the accessory is not reachable");
		if (file.known() && !file.exists()) {
			findings.add(Finding.warning(FindingCode.DB_FILE_MISSING,
					"The database file " + db.path() + " does not exist in container " + accessoryState.container()
							+ ": Litestream has nothing to replicate (wrong path or volume?)."));
		}
		LitestreamView view = accessoryState.running() ? commands.view(db.path())
				: LitestreamView.none("the accessory is not running");
		if (accessoryState.running() && view.execError() != null) {
			findings.add(Finding.warning(FindingCode.EXEC_FAILED, view.execError()));
		}
		for (String error : view.storageErrors()) {
			findings.add(Finding.critical(FindingCode.S3_UNREACHABLE,
					"Litestream itself cannot list its replica: " + error));
		}
		List<ReplicaStatus> replicas = new ArrayList<>();
		for (ReplicaConfig replica : db.replicas()) {
			ReplicaStatus before = previous == null ? null
					: previous.replicas()
						.stream()
						.filter((r) -> r.name().equals(replica.name()))
						.findFirst()
						.orElse(null);
			replicas.add(evaluator.evaluate(observe(replica), file, view, before, now));
		}
		return new DatabaseStatus(db, DatabaseStatus.worstOf(findings, replicas), List.copyOf(findings), file, view,
				List.copyOf(replicas));
	}

	private DbFileState fileState(String path) {
		try {
			FileStat dbFile = accessory.stat(path);
			if (!dbFile.exists()) {
				return new DbFileState(false, 0, null, null);
			}
			FileStat wal = accessory.stat(path + "-wal");
			Instant updated = dbFile.modifiedAt();
			if (wal.exists() && wal.modifiedAt() != null && (updated == null || wal.modifiedAt().isAfter(updated))) {
				updated = wal.modifiedAt();
			}
			return new DbFileState(true, dbFile.size(), updated, null);
		}
		catch (DockerAccessException ex) {
			return DbFileState.unknown(ex.getMessage());
		}
	}

	private ReplicaObservation observe(ReplicaConfig replica) {
		if (!"s3".equals(replica.type())) {
			return ReplicaObservation.unsupported(replica);
		}
		try {
			return ReplicaObservation.listed(replica, lister.list(location(replica)));
		}
		catch (S3ListingException ex) {
			return ReplicaObservation.failed(replica,
					"Cannot list " + replica.location() + " (" + describe(ex.kind()) + "): " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			return ReplicaObservation.failed(replica, "Cannot list " + replica.location() + ": " + ex.getMessage());
		}
	}

	private static String describe(S3ListingException.Kind kind) {
		return switch (kind) {
			case UNREACHABLE -> "endpoint unreachable";
			case ACCESS_DENIED -> "credentials refused";
			case NO_SUCH_BUCKET -> "bucket does not exist";
			case OTHER -> "storage error";
		};
	}

	static S3Location location(ReplicaConfig replica) {
		String keyId = replica.credentials() != null ? replica.credentials().accessKeyId() : null;
		String secret = replica.credentials() != null ? replica.credentials().secretAccessKey() : null;
		return new S3Location(replica.endpoint(), replica.region(), replica.forcePathStyle(), replica.skipVerify(),
				keyId, secret, replica.bucket(), replica.path() == null ? "" : replica.path());
	}

}
