package io.litewatch.system;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What Litewatch needs to know about a {@code jdbc:sqlite:} URL: whether it is one, and
 * which file it opens (sqlite-jdbc creates the file but not its directory).
 */
public final class SqliteUrl {

	static final String PREFIX = "jdbc:sqlite:";

	private SqliteUrl() {
	}

	public static boolean isSqlite(String url) {
		return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
	}

	/**
	 * The default database inside the data directory; absolute so logs and docs show
	 * where it is.
	 */
	public static String inDataDir(Path dataDir) {
		return PREFIX + dataDir.toAbsolutePath().normalize().resolve("litewatch.db");
	}

	/**
	 * The database file of a SQLite URL, or empty for an in-memory database. Query
	 * parameters ({@code ?journal_mode=WAL}) and a {@code file:} URI prefix are not part
	 * of the path.
	 */
	public static Optional<Path> file(String url) {
		if (!isSqlite(url)) {
			return Optional.empty();
		}
		String rest = url.substring(PREFIX.length());
		int query = rest.indexOf('?');
		String params = query >= 0 ? rest.substring(query + 1) : "";
		String name = query >= 0 ? rest.substring(0, query) : rest;
		if (name.startsWith("file:")) {
			name = name.substring("file:".length());
			// file:///abs/path is an absolute path with an empty authority.
			if (name.startsWith("//")) {
				name = name.substring(2);
			}
		}
		if (name.isEmpty() || name.equals(":memory:") || name.startsWith(":resource:")
				|| params.contains("mode=memory")) {
			return Optional.empty();
		}
		return Optional.of(Path.of(name));
	}

	/**
	 * Names of the URL's query parameters ({@code ?journal_mode=WAL&busy_timeout=5000}),
	 * lower case.
	 */
	public static Set<String> parameters(String url) {
		Set<String> names = new LinkedHashSet<>();
		int query = url.indexOf('?');
		if (query < 0) {
			return names;
		}
		for (String parameter : url.substring(query + 1).split("&")) {
			int equals = parameter.indexOf('=');
			String name = (equals >= 0 ? parameter.substring(0, equals) : parameter).trim();
			if (!name.isEmpty()) {
				names.add(name.toLowerCase(Locale.ROOT));
			}
		}
		return names;
	}

}
