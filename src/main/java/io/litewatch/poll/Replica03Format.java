package io.litewatch.poll;

import java.util.Set;

import io.litewatch.config.DbConfig;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaObservation;
import io.litewatch.inventory.InventoryBook;
import io.litewatch.s3.S3ListingException;
import io.litewatch.s3.S3Location;
import io.litewatch.s3.S3ReplicaLister;

/**
 * Litestream 0.3's generations of snapshots and WAL segments. Litewatch lists the
 * snapshots and the newest segments itself and takes the rest of the replica from the
 * background inventory, which learns of a replica when it is listed here. The accessory
 * is asked for {@code snapshots}, and for {@code generations} only when a replica is of a
 * type Litewatch cannot list.
 */
class Replica03Format implements ReplicaFormat {

	private final LitestreamCommands commands;

	private final S3ReplicaLister lister;

	private final InventoryBook inventory;

	Replica03Format(LitestreamCommands commands, S3ReplicaLister lister, InventoryBook inventory) {
		this.commands = commands;
		this.lister = lister;
		this.inventory = inventory;
	}

	@Override
	public LitestreamView view(DbConfig db) {
		// Litestream's full listing is needed only for what Litewatch cannot list itself.
		return commands.view(db.path(), !db.replicas().stream().allMatch(ReplicaFormat::listedHere));
	}

	@Override
	public ReplicaObservation list(ReplicaConfig replica, S3Location location) throws S3ListingException {
		return ReplicaObservation.listed(replica, lister.list(location, replica.expectedSnapshotSpacing()),
				inventory.observe(location).orElse(null));
	}

	@Override
	public void retainOnly(Set<String> replicaKeys) {
		lister.retainOnly(replicaKeys);
	}

}
