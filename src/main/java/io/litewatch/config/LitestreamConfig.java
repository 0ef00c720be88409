package io.litewatch.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The effective content of a litestream.yml, as the Litestream that runs it reads it.
 *
 * @param addr the metrics bind address, or null when not set
 * @param dbs the databases in file order
 * @param issues things Litestream accepts but that are probably wrong
 * @param dialect which Litestream the file was read as
 * @param dialectBasis why: "Litestream 0.5.17 runs it" or what in the file says so, for
 * the page
 */
public record LitestreamConfig(String addr, List<DbConfig> dbs, List<ConfigIssue> issues, LitestreamDialect dialect,
		String dialectBasis) {

	public LitestreamConfig {
		dbs = List.copyOf(dbs);
		issues = List.copyOf(issues);
	}

	/** A file read as Litestream 0.3.13 reads it. */
	public LitestreamConfig(String addr, List<DbConfig> dbs, List<ConfigIssue> issues) {
		this(addr, dbs, issues, LitestreamDialect.V0_3, null);
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
