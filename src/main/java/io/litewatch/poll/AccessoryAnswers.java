package io.litewatch.poll;

import java.util.Map;

import io.litewatch.health.AccessoryDatabases;
import io.litewatch.health.LitestreamView;

/**
 * What one poll learnt from the accessory's Litestream before reading the databases
 * ({@link AccessoryQuestions}), shared by every database's reading.
 *
 * @param databases which databases the accessory replicates
 * @param local Litestream 0.5's {@code status} of each database, by path as the
 * accessory's litestream.yml writes it; empty for 0.3
 * @param localError why 0.5's {@code status} did not answer, or null
 * @param storageCheck the 0.3 database whose storage Litestream itself lists this poll,
 * or null
 */
record AccessoryAnswers(AccessoryDatabases databases, Map<String, LitestreamView.LocalStatus> local, String localError,
		String storageCheck) {

	AccessoryAnswers {
		local = Map.copyOf(local);
	}

	static AccessoryAnswers notAsked() {
		return new AccessoryAnswers(AccessoryDatabases.notAsked(), Map.of(), null, null);
	}

	/**
	 * Litestream 0.5's own view of {@code dbPath}, from this poll's one {@code status}.
	 */
	LitestreamView view05(String dbPath) {
		if (localError != null) {
			return LitestreamView.of05(null, localError);
		}
		LitestreamView.LocalStatus status = local.get(dbPath);
		// status compares the path as written: no row means the path differs.
		return status != null ? LitestreamView.of05(status, null)
				: LitestreamView.of05(null, "`litestream status` does not know " + dbPath
						+ ": the accessory's litestream.yml names it differently");
	}

	boolean checksStorage(String dbPath) {
		return dbPath.equals(storageCheck);
	}

}
