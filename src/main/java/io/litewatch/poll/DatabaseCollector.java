package io.litewatch.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.litewatch.config.DbConfig;
import io.litewatch.config.LitestreamDialect;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.docker.DockerAccessException;
import io.litewatch.docker.LitestreamAccessory;
import io.litewatch.docker.FileStat;
import io.litewatch.health.AccessoryState;
import io.litewatch.health.DatabaseObservation;
import io.litewatch.health.DbFileState;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaObservation;
import io.litewatch.inventory.InventoryBook;
import io.litewatch.s3.LtxLister;
import io.litewatch.s3.S3ListingException;
import io.litewatch.s3.S3Location;
import io.litewatch.s3.S3ReplicaLister;

/**
 * Observes one database: its file through the accessory, the accessory's own view, and
 * each replica's storage. Never throws and never judges: a failing source is an
 * observation, and {@link io.litewatch.health.PollEvaluator} makes the findings.
 */
class DatabaseCollector {

	private final LitestreamAccessory accessory;

	private final LitestreamCommands commands;

	private final S3ReplicaLister lister;

	private final LtxLister ltxLister;

	private final InventoryBook inventory;

	DatabaseCollector(LitestreamAccessory accessory, LitestreamCommands commands, S3ReplicaLister lister,
			LtxLister ltxLister, InventoryBook inventory) {
		this.accessory = accessory;
		this.commands = commands;
		this.lister = lister;
		this.ltxLister = ltxLister;
		this.inventory = inventory;
	}

	/**
	 * @param runCli false while the config file is unusable: the accessory's CLI reads
	 * the same file and would only fail
	 */
	DatabaseObservation observe(DbConfig db, AccessoryState accessoryState, boolean runCli) {
		DbFileState file = accessoryState.engineReachable() && accessoryState.state() != null
				&& accessoryState.state().exists() ? fileState(db.path())
						: DbFileState.unknown("the accessory is not reachable");
		LitestreamView view;
		if (!accessoryState.running()) {
			view = LitestreamView.none("the accessory is not running");
		}
		else if (!runCli) {
			view = LitestreamView.none("litestream.yml is invalid, so the accessory's commands were not run");
		}
		else if (db.replicas().stream().anyMatch((r) -> r.dialect() == LitestreamDialect.V0_5)) {
			view = commands.view05(db.path());
		}
		else {
			// Litestream's full listing is needed only for what Litewatch cannot list
			// itself.
			view = commands.view(db.path(), !db.replicas().stream().allMatch(DatabaseCollector::listedHere));
		}
		List<ReplicaObservation> replicas = new ArrayList<>();
		for (ReplicaConfig replica : db.replicas()) {
			replicas.add(observe(replica));
		}
		return DatabaseObservation.collected(db, file, view, replicas);
	}

	/** Drops what the listers remember of replicas no longer in {@code dbs}. */
	void retainOnly(List<DbConfig> dbs) {
		java.util.Set<String> keys = new java.util.HashSet<>();
		for (DbConfig db : dbs) {
			db.replicas()
				.stream()
				.filter(DatabaseCollector::listedHere)
				.forEach((r) -> keys.add(location(r).replicaKey()));
		}
		lister.retainOnly(keys);
		ltxLister.retainOnly(keys);
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
		if (!listedHere(replica)) {
			return ReplicaObservation.unsupported(replica);
		}
		S3Location location = location(replica);
		try {
			if (replica.dialect() == LitestreamDialect.V0_5) {
				return ReplicaObservation.listed(replica, ltxLister.list(location));
			}
			return ReplicaObservation.listed(replica, lister.list(location, replica.expectedSnapshotSpacing()),
					inventory.observe(location).orElse(null));
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

	/** Litewatch lists s3 replicas itself; the other types only through Litestream. */
	private static boolean listedHere(ReplicaConfig replica) {
		return "s3".equals(replica.type());
	}

	static S3Location location(ReplicaConfig replica) {
		String keyId = replica.credentials() != null ? replica.credentials().accessKeyId() : null;
		String secret = replica.credentials() != null ? replica.credentials().secretAccessKey() : null;
		return new S3Location(replica.endpoint(), replica.region(), replica.forcePathStyle(), replica.skipVerify(),
				keyId, secret, replica.bucket(), replica.path() == null ? "" : replica.path());
	}

}
