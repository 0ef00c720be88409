package io.litewatch.config;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One replica of a database with Litestream 0.3.13's defaults and URL parsing applied.
 *
 * @param name {@code name:} or, when empty, the type (Litestream's
 * {@code Replica.Name()})
 * @param type s3 | gcs | abs | sftp | file
 * @param url as written after env expansion with any password redacted, or null
 * @param bucket effective bucket (s3, gcs) or container (abs); null for sftp and file
 * @param path effective path inside the bucket without leading '/', "" when none; for
 * file replicas the absolute directory; for sftp the path on the server as written
 * @param endpoint effective endpoint; null = AWS. For sftp the {@code host:port} dialled.
 * @param region effective region; null = unknown (looked up from AWS)
 * @param forcePathStyle effective path-style addressing
 * @param skipVerify TLS verification disabled
 * @param credentials effective s3 credentials, null = SDK default chain (or not s3)
 * @param syncInterval default 1s
 * @param snapshotInterval default zero = disabled
 * @param retention default 24h; <= 0 disables
 * @param retentionCheckInterval default 1h, capped at retention when retention > 0
 * @param validationInterval default zero = disabled
 * @param line 1-based line of the replica entry
 * @param settingLines the 1-based line of each interval key the entry sets itself
 * ({@code sync-interval}, {@code snapshot-interval}, {@code retention},
 * {@code retention-check-interval}, {@code validation-interval}); a key missing here runs
 * on Litestream's default
 * @param ltx the file's Litestream 0.5 settings when 0.5 runs this replica (then
 * {@code snapshotInterval} and {@code retention} are its {@code snapshot.interval} and
 * {@code snapshot.retention}); null when 0.3 does
 */
public record ReplicaConfig(String name, String type, String url, String bucket, String path, String endpoint,
		String region, boolean forcePathStyle, boolean skipVerify, S3Credentials credentials, Duration syncInterval,
		Duration snapshotInterval, Duration retention, Duration retentionCheckInterval, Duration validationInterval,
		int line, Map<String, Integer> settingLines, LtxSettings ltx) {

	public ReplicaConfig {
		settingLines = settingLines == null ? Map.of() : Map.copyOf(settingLines);
	}

	/** A replica Litestream 0.3 runs. */
	public ReplicaConfig(String name, String type, String url, String bucket, String path, String endpoint,
			String region, boolean forcePathStyle, boolean skipVerify, S3Credentials credentials, Duration syncInterval,
			Duration snapshotInterval, Duration retention, Duration retentionCheckInterval, Duration validationInterval,
			int line, Map<String, Integer> settingLines) {
		this(name, type, url, bucket, path, endpoint, region, forcePathStyle, skipVerify, credentials, syncInterval,
				snapshotInterval, retention, retentionCheckInterval, validationInterval, line, settingLines, null);
	}

	/** Which Litestream writes this replica, so which layout its objects have. */
	public LitestreamDialect dialect() {
		return this.ltx != null ? LitestreamDialect.V0_5 : LitestreamDialect.V0_3;
	}

	/** A replica whose intervals all come from where they were read, lines unknown. */
	public ReplicaConfig(String name, String type, String url, String bucket, String path, String endpoint,
			String region, boolean forcePathStyle, boolean skipVerify, S3Credentials credentials, Duration syncInterval,
			Duration snapshotInterval, Duration retention, Duration retentionCheckInterval, Duration validationInterval,
			int line) {
		this(name, type, url, bucket, path, endpoint, region, forcePathStyle, skipVerify, credentials, syncInterval,
				snapshotInterval, retention, retentionCheckInterval, validationInterval, line, Map.of(), null);
	}

	/**
	 * The line that sets {@code key} in the replica's entry; empty on Litestream's
	 * default.
	 */
	public OptionalInt settingLine(String key) {
		Integer at = settingLines.get(key);
		return at == null ? OptionalInt.empty() : OptionalInt.of(at);
	}

	/**
	 * How far apart Litestream's snapshots should be. Without a snapshot-interval
	 * Litestream snapshots only when a retention check finds no snapshot younger than
	 * retention, so the newest may be as old as retention plus one check interval. Null
	 * when neither is set.
	 */
	public Duration expectedSnapshotSpacing() {
		if (this.ltx != null) {
			return this.ltx.snapshotInterval();
		}
		if (snapshotInterval != null && snapshotInterval.compareTo(Duration.ZERO) > 0) {
			return snapshotInterval;
		}
		if (retention != null && retention.compareTo(Duration.ZERO) > 0) {
			return retentionCheckInterval != null ? retention.plus(retentionCheckInterval) : retention;
		}
		return null;
	}

	/** A display location without credentials, e.g. {@code s3://bucket/path}. */
	public String location() {
		String suffix = (this.path == null || this.path.isEmpty()) ? "" : "/" + this.path;
		return switch (this.type) {
			case "file" -> "file://" + ((this.path != null) ? this.path : "");
			case "sftp" -> "sftp://" + ((this.endpoint != null) ? this.endpoint : "")
					+ ((this.path == null || this.path.isEmpty() || this.path.startsWith("/")) ? this.path
							: "/" + this.path);
			default -> this.type + "://" + ((this.bucket != null) ? this.bucket : "") + suffix;
		};
	}

}
