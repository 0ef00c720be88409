package io.litewatch.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.litewatch.config.DbConfig;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.docker.DockerAccessException;
import io.litewatch.docker.LitestreamAccessory;
import io.litewatch.docker.FileStat;
import io.litewatch.health.AccessoryState;
import io.litewatch.health.DatabaseObservation;
import io.litewatch.health.DbFileState;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaObservation;
import io.litewatch.s3.S3ListingException;
import io.litewatch.s3.S3Location;

/**
 * Observes one database: its file through the accessory, the accessory's own view, and
 * each replica's storage, the last two read by the replica's {@link ReplicaFormat}. Never
 * throws and never judges: a failing source is an observation, and
 * {@link io.litewatch.health.PollEvaluator} makes the findings.
 */
class DatabaseCollector {

	private final LitestreamAccessory accessory;

	private final ReplicaFormats formats;

	DatabaseCollector(LitestreamAccessory accessory, ReplicaFormats formats) {
		this.accessory = accessory;
		this.formats = formats;
	}

	/**
	 * @param runCli false while the config file is unusable: the accessory's CLI reads
	 * the same file and would only fail
	 */
	DatabaseObservation observe(DbConfig db, AccessoryState accessoryState, boolean runCli, AccessoryAnswers answers) {
		DbFileState file = accessoryState.engineReachable() && accessoryState.state() != null
				&& accessoryState.state().exists() ? fileState(db.path())
						: DbFileState.unknown("the accessory is not reachable");
		// Listed first: the accessory is asked only what the listing cannot tell.
		List<ReplicaObservation> replicas = new ArrayList<>();
		for (ReplicaConfig replica : db.replicas()) {
			replicas.add(observe(replica));
		}
		LitestreamView view;
		if (!accessoryState.running()) {
			view = LitestreamView.none("the accessory is not running");
		}
		else if (!runCli) {
			view = LitestreamView.none("litestream.yml is invalid, so the accessory's commands were not run");
		}
		else {
			view = formats.of(db).view(db, answers, replicas);
		}
		return DatabaseObservation.collected(db, file, view, replicas);
	}

	/** Drops what the formats remember of replicas no longer in {@code dbs}. */
	void retainOnly(List<DbConfig> dbs) {
		java.util.Set<String> keys = new java.util.HashSet<>();
		for (DbConfig db : dbs) {
			db.replicas().stream().filter(ReplicaFormat::listedHere).forEach((r) -> keys.add(location(r).replicaKey()));
		}
		formats.all().forEach((format) -> format.retainOnly(keys));
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
		if (!ReplicaFormat.listedHere(replica)) {
			return ReplicaObservation.unsupported(replica);
		}
		S3Location location = location(replica);
		try {
			return formats.of(replica).list(replica, location);
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
