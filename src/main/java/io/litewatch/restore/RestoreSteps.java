package io.litewatch.restore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.litewatch.docker.ContainerMount;
import io.litewatch.docker.ContainerSetup;

/** The pieces every runbook shares: the restore's own words, moving files, ownership. */
final class RestoreSteps {

	private static final DateTimeFormatter SUFFIX = DateTimeFormatter
		.ofPattern("'.before-restore-'uuuuMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private RestoreSteps() {
	}

	/**
	 * {@code restore -config … -replica … -timestamp … -o <db> <db>}: the output named
	 * even though it is the default, so the command says where it writes.
	 */
	static List<String> restoreArgs(RestorePlan plan, String dbPath, String configPath) {
		return List.of("restore", "-config", configPath, "-replica", plan.replica(), "-timestamp", plan.timestamp(),
				"-o", dbPath, dbPath);
	}

	/** Where the current files go: next to them, named by when they were moved. */
	static String asideName(String dbPath, Instant now) {
		return dbPath + SUFFIX.format(now);
	}

	/**
	 * The database and its -wal and -shm moved aside, keeping SQLite's pairing of names
	 * so the old copy still opens with its WAL. {@code mv -n} never overwrites; a -wal or
	 * -shm that is not there is fine.
	 */
	static List<String> moveAside(String db, String aside) {
		List<String> lines = new ArrayList<>();
		lines.add(Shell.line(List.of("mv", "-n", db, aside)));
		for (String suffix : List.of("-wal", "-shm")) {
			// A lone "!" is safe unquoted (bash expands history only before a word).
			lines.add("test ! -e " + Shell.quote(db + suffix) + " || "
					+ Shell.line(List.of("mv", "-n", db + suffix, aside + suffix)));
		}
		return lines;
	}

	/**
	 * Litestream creates the restored file as the user it runs as (root in the official
	 * image) with mode 0600 (internal.CreateFile, as no open database lends its own), so
	 * the app's user may not be able to open it: it takes the old file's owner and mode.
	 */
	static List<String> ownership(String db, String aside) {
		return List.of(Shell.line(List.of("chown", "--reference=" + aside, db)),
				Shell.line(List.of("chmod", "--reference=" + aside, db)));
	}

	/** How the image runs litestream: flags before the image, words after it. */
	record Invocation(List<String> dockerFlags, List<String> prefix, String note) {
	}

	/**
	 * The official image's ENTRYPOINT is {@code /usr/local/bin/litestream} (as is the
	 * test image's, FROM scratch), so arguments follow the image directly. Without an
	 * entrypoint the command must name litestream; with another one (a wrapper script) it
	 * is replaced.
	 */
	static Invocation invocation(ContainerSetup setup) {
		if (setup == null || isLitestream(first(setup.entrypoint()))) {
			return new Invocation(List.of(), List.of(), null);
		}
		String binary = isLitestream(first(setup.cmd())) ? first(setup.cmd()) : "litestream";
		if (setup.entrypoint().isEmpty()) {
			return new Invocation(List.of(), List.of(binary), null);
		}
		return new Invocation(List.of("--entrypoint", binary), List.of(),
				"The accessory's image has the entrypoint " + String.join(" ", setup.entrypoint())
						+ ", not litestream: the docker command replaces it with " + binary + ".");
	}

	/**
	 * {@code -v} words for every mount; the database's mount read-write, restore writes.
	 */
	static List<String> volumes(ContainerSetup setup, String dbPath) {
		ContainerMount db = setup.mountOf(dbPath).orElse(null);
		List<String> words = new ArrayList<>();
		for (ContainerMount m : setup.mounts()) {
			String from = m.volume() != null ? m.volume() : m.source();
			if (from == null || m.destination() == null) {
				continue;
			}
			words.add("-v");
			words.add(from + ":" + m.destination() + (m.readOnly() && !m.equals(db) ? ":ro" : ""));
		}
		return words;
	}

	private static String first(List<String> words) {
		return words.isEmpty() ? null : words.get(0);
	}

	private static boolean isLitestream(String path) {
		return path != null && (path.equals("litestream") || path.endsWith("/litestream"));
	}

}
