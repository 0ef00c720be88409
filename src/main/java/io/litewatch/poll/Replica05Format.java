package io.litewatch.poll;

import java.util.List;
import java.util.Set;

import io.litewatch.config.DbConfig;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaObservation;
import io.litewatch.s3.LtxLister;
import io.litewatch.s3.S3ListingException;
import io.litewatch.s3.S3Location;

/**
 * Litestream 0.5's LTX files in compaction levels. The listing reaches everything a
 * restore needs, so there is no inventory; 0.5 has no {@code snapshots} or
 * {@code generations}, so the accessory is asked only for the database's own TXID, once a
 * poll for every database ({@link AccessoryQuestions}).
 */
class Replica05Format implements ReplicaFormat {

	private final LtxLister lister;

	Replica05Format(LtxLister lister) {
		this.lister = lister;
	}

	@Override
	public LitestreamView view(DbConfig db, AccessoryAnswers answers, List<ReplicaObservation> listed) {
		return answers.view05(db.path());
	}

	@Override
	public ReplicaObservation list(ReplicaConfig replica, S3Location location) throws S3ListingException {
		return ReplicaObservation.listed(replica, lister.list(location));
	}

	@Override
	public void retainOnly(Set<String> replicaKeys) {
		lister.retainOnly(replicaKeys);
	}

}
