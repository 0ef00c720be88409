package io.litewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The litestream.yml both Litewatch and {@code litestream generations} read: one database
 * per synthesized replica, each with one s3 replica behind the counting proxy. Also
 * creates the (empty) database files, since {@code litestream generations} stats the
 * database before listing.
 */
final class LitestreamYaml {

	private LitestreamYaml() {
	}

	/** Where S3 is and how to sign for it. */
	record Endpoint(String url, String bucket, String accessKeyId, String secretAccessKey) {
	}

	/** Writes the file; returns the database paths in the order of {@code replicas}. */
	static List<Path> write(Path file, Path dbDir, Endpoint endpoint, List<SyntheticReplica> replicas)
			throws IOException {
		Files.createDirectories(dbDir);
		StringBuilder yaml = new StringBuilder("# written by the listing benchmark\ndbs:\n");
		List<Path> dbs = new ArrayList<>();
		for (SyntheticReplica replica : replicas) {
			Path db = dbDir.resolve(replica.path().replace('/', '_')).toAbsolutePath();
			if (!Files.exists(db)) {
				Files.createFile(db);
			}
			Files.setLastModifiedTime(db, FileTime.from(Instant.now()));
			dbs.add(db);
			yaml.append("  - path: ").append(db).append('\n');
			yaml.append("    replicas:\n");
			yaml.append("      - type: s3\n");
			yaml.append("        bucket: ").append(endpoint.bucket()).append('\n');
			yaml.append("        path: ").append(replica.path()).append('\n');
			yaml.append("        endpoint: ").append(endpoint.url()).append('\n');
			yaml.append("        region: us-east-1\n");
			yaml.append("        force-path-style: true\n");
			yaml.append("        access-key-id: ").append(endpoint.accessKeyId()).append('\n');
			yaml.append("        secret-access-key: ").append(endpoint.secretAccessKey()).append('\n');
			yaml.append("        sync-interval: 1s\n");
			yaml.append("        snapshot-interval: ").append(goDuration(snapshotSpacing(replica))).append('\n');
			yaml.append("        retention: 720h\n");
		}
		Files.writeString(file, yaml);
		return dbs;
	}

	/** The time between the synthesized snapshots (one every tenth of the history). */
	static Duration snapshotSpacing(SyntheticReplica replica) {
		List<Long> indexes = replica.snapshotIndexes();
		long step = indexes.size() > 1 ? indexes.get(1) - indexes.get(0) : 1;
		return replica.spacing().multipliedBy(step * SyntheticReplica.SEGMENTS_PER_INDEX);
	}

	/** Go's duration syntax, as Litestream parses it: "27h46m40s". */
	static String goDuration(Duration d) {
		long seconds = Math.max(1, d.toSeconds());
		return (seconds / 3600) + "h" + (seconds % 3600 / 60) + "m" + (seconds % 60) + "s";
	}

}
