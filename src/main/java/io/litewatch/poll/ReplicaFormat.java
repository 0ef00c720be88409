package io.litewatch.poll;

import java.util.List;
import java.util.Set;

import io.litewatch.config.DbConfig;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaObservation;
import io.litewatch.s3.S3ListingException;
import io.litewatch.s3.S3Location;

/**
 * How Litewatch reads the replicas one line of Litestream writes: what it asks the
 * accessory about a database, and how it lists an s3 replica itself. The layouts share
 * nothing below this (0.3's generations, 0.5's LTX levels), so each line has its own
 * implementation, chosen per replica by its {@link io.litewatch.config.LitestreamDialect}
 * through {@link ReplicaFormats}.
 */
interface ReplicaFormat {

	/**
	 * The accessory's own view of {@code db}, whose replicas this format reads, given
	 * what the poll already asked the accessory and listed of its replicas.
	 */
	LitestreamView view(DbConfig db, AccessoryAnswers answers, List<ReplicaObservation> listed);

	/**
	 * Lists one s3 replica; failures are thrown for the collector to word alike for every
	 * format.
	 */
	ReplicaObservation list(ReplicaConfig replica, S3Location location) throws S3ListingException;

	/**
	 * Forgets the replicas not in {@code replicaKeys} ({@link S3Location#replicaKey()}):
	 * what a format remembers between polls grows with every replica ever configured.
	 */
	void retainOnly(Set<String> replicaKeys);

	/** Litewatch lists s3 replicas itself; the other types only through Litestream. */
	static boolean listedHere(ReplicaConfig replica) {
		return "s3".equals(replica.type());
	}

	/**
	 * Every replica of {@code db} is listed here, so Litestream is asked of it only
	 * whether it reaches its storage, in turn with the others.
	 */
	static boolean allListedHere(DbConfig db) {
		return db.replicas().stream().allMatch(ReplicaFormat::listedHere);
	}

}
