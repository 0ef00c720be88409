package io.litewatch.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.litewatch.config.DbConfig;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.docker.SnapshotRow;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaObservation;
import io.litewatch.inventory.InventoryBook;
import io.litewatch.s3.GenerationListing;
import io.litewatch.s3.S3ListingException;
import io.litewatch.s3.S3Location;
import io.litewatch.s3.S3ReplicaLister;
import io.litewatch.s3.SnapshotObject;
import io.litewatch.time.Instants;

/**
 * Litestream 0.3's generations of snapshots and WAL segments. Litewatch lists the
 * snapshots and the newest segments itself and takes the rest of the replica from the
 * background inventory, which learns of a replica when it is listed here. The snapshot
 * rows are the listing's; the accessory's {@code snapshots} of one database a poll checks
 * only that Litestream itself reaches the storage ({@link AccessoryQuestions}). A
 * database with a replica of a type Litewatch cannot list is read through Litestream
 * alone: {@code snapshots} every poll, {@code generations} now and then.
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
	public LitestreamView view(DbConfig db, AccessoryAnswers answers, List<ReplicaObservation> listed) {
		if (!ReplicaFormat.allListedHere(db)) {
			// Litestream's own listing is all there is of a replica Litewatch cannot
			// list.
			return commands.view(db.path(), true);
		}
		boolean askNow = answers.checksStorage(db.path());
		LitestreamView checked = commands.storageCheck(db.path(), askNow);
		List<SnapshotRow> rows = new ArrayList<>();
		Instant listedAt = null;
		for (ReplicaObservation replica : listed) {
			if (replica.listing() == null) {
				// Not listed here this poll: Litestream's rows, when they are this
				// poll's.
				if (askNow) {
					rows.addAll(checked.snapshotsOf(replica.config().name()));
				}
				continue;
			}
			listedAt = Instants.max(listedAt, replica.listing().listedAt());
			for (GenerationListing generation : replica.listing().generations()) {
				for (SnapshotObject snapshot : generation.snapshots()) {
					rows.add(new SnapshotRow(replica.config().name(), generation.id(), snapshot.index(),
							snapshot.size(), snapshot.lastModified()));
				}
			}
		}
		return checked.withSnapshots(listedAt != null ? listedAt : checked.snapshotsAt(), rows);
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
