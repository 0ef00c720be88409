package io.litewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * The Litestream 0.5 litestream.yml that both Litewatch and {@code litestream ltx} read:
 * one database with one {@code replica:} (a 0.5-only key, so Litewatch reads the file as
 * 0.5 without an accessory to ask), addressed by {@code url:} behind the counting proxy.
 * The snapshot section is the one the synthesized history implies: a snapshot a day,
 * retention as long as the history. Also creates the (empty) database file.
 */
final class LtxYaml {

	private LtxYaml() {
	}

	/** Writes the file; returns the database path. */
	static Path write(Path file, Path dbDir, LitestreamYaml.Endpoint endpoint, SyntheticLtxReplica replica)
			throws IOException {
		Files.createDirectories(dbDir);
		Path db = dbDir.resolve(replica.path().replace('/', '_')).toAbsolutePath();
		if (!Files.exists(db)) {
			Files.createFile(db);
		}
		Files.setLastModifiedTime(db, FileTime.from(Instant.now()));
		long retentionHours = (replica.historySeconds() + 3599) / 3600;
		String yaml = """
				# written by the listing benchmark (Litestream 0.5)
				snapshot:
				  interval: 24h
				  retention: %dh
				dbs:
				  - path: %s
				    replica:
				      url: s3://%s/%s
				      endpoint: %s
				      region: us-east-1
				      force-path-style: true
				      access-key-id: %s
				      secret-access-key: %s
				      sync-interval: 1s
				""".formatted(retentionHours, db, endpoint.bucket(), replica.path(), endpoint.url(),
				endpoint.accessKeyId(), endpoint.secretAccessKey());
		Files.writeString(file, yaml);
		return db;
	}

}
