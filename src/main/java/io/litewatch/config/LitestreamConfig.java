package io.litewatch.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The effective content of a litestream.yml, as Litestream 0.3.13 would run it.
 *
 * @param addr the metrics bind address, or null when not set
 * @param dbs the databases in file order
 * @param issues things Litestream accepts but that are probably wrong
 */
public record LitestreamConfig(String addr, List<DbConfig> dbs, List<ConfigIssue> issues) {

	public LitestreamConfig {
		dbs = List.copyOf(dbs);
		issues = List.copyOf(issues);
	}

	/**
	 * The database with this path; the path is normalized first, as Litestream compares
	 * absolute paths.
	 */
	public Optional<DbConfig> db(String path) {
		if (path == null) {
			return Optional.empty();
		}
		String normalized = Path.of(path).normalize().toString();
		return this.dbs.stream().filter((db) -> db.path().equals(path) || db.path().equals(normalized)).findFirst();
	}

}
