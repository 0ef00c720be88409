package io.litewatch.config;

import java.util.List;

/** The mappings of a litestream.yml and the keys Litestream 0.3.13 reads in each. */
enum ConfigSection {

	TOP("addr", "dbs", "exec", "access-key-id", "secret-access-key", "logging"),

	LOGGING("level", "type", "stderr"),

	DB("path", "meta-path", "monitor-interval", "checkpoint-interval", "min-checkpoint-page-count",
			"max-checkpoint-page-count", "replicas"),

	REPLICA("type", "name", "path", "url", "retention", "retention-check-interval", "sync-interval",
			"snapshot-interval", "validation-interval", "access-key-id", "secret-access-key", "region", "bucket",
			"endpoint", "force-path-style", "skip-verify", "account-name", "account-key", "host", "user", "password",
			"key-path", "age"),

	AGE("identities", "recipients");

	private final List<String> keys;

	ConfigSection(String... keys) {
		this.keys = List.of(keys);
	}

	/** The keys in the order Litestream's structs declare them. */
	List<String> keys() {
		return this.keys;
	}

}
