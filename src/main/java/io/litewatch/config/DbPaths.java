package io.litewatch.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Database and file replica paths as Litestream 0.3.13 computes them, and the short names
 * the dashboard shows for databases.
 */
final class DbPaths {

	private final Path workingDir;

	/**
	 * @param workingDir Litestream's working directory, absolute and normalized
	 */
	DbPaths(Path workingDir) {
		this.workingDir = workingDir;
	}

	/** Litestream's expand(): "~/" is the user's home, everything else filepath.Abs. */
	String expand(String p) {
		if (p.equals("~") || p.startsWith("~/")) {
			Path home = Path.of(System.getProperty("user.home"));
			return home.resolve(p.substring(Math.min(2, p.length()))).normalize().toString();
		}
		return this.workingDir.resolve(p).normalize().toString();
	}

	/**
	 * {@code
	 *
	<dir>
	 * /.<file>-litestream}, next to the database.
	 */
	static String defaultMetaPath(String dbPath) {
		Path path = Path.of(dbPath);
		Path dir = (path.getParent() != null) ? path.getParent() : path.getRoot();
		return dir.resolve("." + fileName(dbPath) + "-litestream").toString();
	}

	/**
	 * The databases named by their file name without extension, prefixed with the parent
	 * directory when two share it, and by their whole path when that is still ambiguous.
	 */
	static List<DbConfig> withDisplayNames(List<DbConfig> dbs) {
		Map<String, Integer> stems = new HashMap<>();
		for (DbConfig db : dbs) {
			stems.merge(stem(db.path()), 1, Integer::sum);
		}
		Map<String, Integer> qualified = new HashMap<>();
		for (DbConfig db : dbs) {
			qualified.merge(qualifiedStem(db.path()), 1, Integer::sum);
		}
		List<DbConfig> named = new ArrayList<>();
		for (DbConfig db : dbs) {
			String name = stem(db.path());
			if (stems.get(name) > 1) {
				String q = qualifiedStem(db.path());
				name = (qualified.get(q) > 1) ? db.path() : q;
			}
			named.add(new DbConfig(db.path(), name, db.metaPath(), db.monitorInterval(), db.checkpointInterval(),
					db.replicas(), db.line()));
		}
		return named;
	}

	private static String stem(String path) {
		String file = fileName(path);
		int dot = file.lastIndexOf('.');
		return (dot > 0) ? file.substring(0, dot) : file;
	}

	private static String qualifiedStem(String path) {
		Path parent = Path.of(path).getParent();
		Path parentName = (parent != null) ? parent.getFileName() : null;
		return (parentName != null) ? parentName + "/" + stem(path) : stem(path);
	}

	private static String fileName(String path) {
		Path name = Path.of(path).getFileName();
		return (name != null) ? name.toString() : path;
	}

}
