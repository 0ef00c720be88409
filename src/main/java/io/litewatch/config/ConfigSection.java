package io.litewatch.config;

import java.util.List;

/**
 * The mappings of a litestream.yml and the keys Litestream reads in each (0.3.13, then
 * 0.5).
 */
enum ConfigSection {

	TOP("addr", "dbs", "exec", "access-key-id", "secret-access-key", "logging"),

	LOGGING("level", "type", "stderr"),

	DB("path", "meta-path", "monitor-interval", "checkpoint-interval", "min-checkpoint-page-count",
			"max-checkpoint-page-count", "replicas"),

	REPLICA("type", "name", "path", "url", "retention", "retention-check-interval", "sync-interval",
			"snapshot-interval", "validation-interval", "access-key-id", "secret-access-key", "region", "bucket",
			"endpoint", "force-path-style", "skip-verify", "account-name", "account-key", "host", "user", "password",
			"key-path", "age"),

	AGE("identities", "recipients"),

	// Litestream 0.5 (cmd/litestream/main.go): the top level also takes every replica
	// setting
	// as a default for all replicas.
	TOP_05("addr", "socket", "levels", "snapshot", "validation", "l0-retention", "l0-retention-check-interval",
			"verify-compaction", "retention", "heartbeat-url", "heartbeat-interval", "dbs", "exec", "logging",
			"mcp-addr", "shutdown-sync-timeout", "shutdown-sync-interval", "sync-interval", "validation-interval",
			"max-sync-ltx-files", "auto-recover", "access-key-id", "secret-access-key", "region", "bucket", "endpoint",
			"force-path-style", "sign-payload", "require-content-md5", "skip-verify", "storage-class", "part-size",
			"concurrency", "sse-customer-algorithm", "sse-customer-key", "sse-customer-key-path", "sse-kms-key-id",
			"account-name", "account-key", "sas-token", "host", "user", "password", "key-path", "concurrent-writes",
			"host-key", "webdav-url", "webdav-username", "webdav-password", "jwt", "seed", "creds", "nkey", "username",
			"token", "tls", "root-cas", "client-cert", "client-key", "max-reconnects", "reconnect-wait", "timeout",
			"age"),

	LOGGING_05("level", "type", "stderr", "source"),

	SNAPSHOT_05("interval", "retention"),

	LEVEL_05("interval"),

	RETENTION_05("enabled"),

	DB_05("path", "dir", "pattern", "recursive", "watch", "snapshot", "meta-path", "meta-dir", "monitor-interval",
			"checkpoint-interval", "busy-timeout", "min-checkpoint-page-count", "truncate-page-n", "max-sync-wal-bytes",
			"restore-if-db-not-exists", "replica", "replicas"),

	REPLICA_05("type", "name", "path", "url", "sync-interval", "validation-interval", "max-sync-ltx-files",
			"auto-recover", "access-key-id", "secret-access-key", "region", "bucket", "endpoint", "force-path-style",
			"sign-payload", "require-content-md5", "skip-verify", "storage-class", "part-size", "concurrency",
			"sse-customer-algorithm", "sse-customer-key", "sse-customer-key-path", "sse-kms-key-id", "account-name",
			"account-key", "sas-token", "host", "user", "password", "key-path", "concurrent-writes", "host-key",
			"webdav-url", "webdav-username", "webdav-password", "jwt", "seed", "creds", "nkey", "username", "token",
			"tls", "root-cas", "client-cert", "client-key", "max-reconnects", "reconnect-wait", "timeout", "age");

	private final List<String> keys;

	/** The release line that reads this section, for messages. */
	String litestream() {
		return name().endsWith("_05") ? "Litestream 0.5" : "Litestream 0.3.13";
	}

	ConfigSection(String... keys) {
		this.keys = List.of(keys);
	}

	/** The keys in the order Litestream's structs declare them. */
	List<String> keys() {
		return this.keys;
	}

}
