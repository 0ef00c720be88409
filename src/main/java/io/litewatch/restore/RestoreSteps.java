package io.litewatch.restore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.litewatch.config.LitestreamDialect;
import io.litewatch.docker.ContainerMount;
import io.litewatch.docker.ContainerSetup;

/** The pieces every runbook shares: the restore's own words, moving files, ownership. */
final class RestoreSteps {

	private static final DateTimeFormatter SUFFIX = DateTimeFormatter
		.ofPattern("'.before-restore-'uuuuMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	/** What Litestream 0.5 does once it runs again on the restored file. */
	static final String RESTART_05 = "Litestream 0.5 has no generations: it goes on from the replica's highest TXID "
			+ "with a full copy of the restored database, so a restore of the latest state gives it plus what the app "
			+ "writes next. The changes this restore discards stay in the replica's history, though: a later restore "
			+ "to a time between the one restored and now brings them back. For a clean history, point the replica "
			+ "at a new path in litestream.yml before starting Litestream (the old path keeps the backups from before).";

	private RestoreSteps() {
	}

	/**
	 * {@code restore -config … -replica … -timestamp … -o <db> <db>}: the output named
	 * even though it is the default, so the command says where it writes.
	 */
	static List<String> restoreArgs(RestorePlan plan, String dbPath, String configPath) {
		if (plan.ltx() != null) {
			// 0.5 has one replica per database and no -replica flag ("flag provided but
			// not defined"); a full integrity check proves the file before the app opens
			// it.
			return List.of("restore", "-config", configPath, "-timestamp", plan.timestamp(), "-integrity-check", "full",
					"-o", dbPath, dbPath);
		}
		return List.of("restore", "-config", configPath, "-replica", plan.replica(), "-timestamp", plan.timestamp(),
				"-o", dbPath, dbPath);
	}

	/**
	 * Litestream 0.5's {@code -dry-run} (0.5.12 and later): the files it would fetch,
	 * written nowhere, so it may run while the app still does. Empty for 0.3 and older
	 * 0.5 releases.
	 */
	static List<String> dryRunArgs(RestorePlan plan, String dbPath, String configPath, String version) {
		if (plan.ltx() == null || !LitestreamDialect.atLeast(version, 0, 5, 12)) {
			return List.of();
		}
		return List.of("restore", "-config", configPath, "-timestamp", plan.timestamp(), "-dry-run", "-o", dbPath,
				dbPath);
	}

	/** The step that runs {@code command}, the dry run, first for 0.5. */
	static Runbook.Step dryRunStep(List<String> command) {
		return new Runbook.Step("Check what Litestream would restore (changes nothing)",
				"Litestream 0.5's dry run lists the snapshot and the files it would apply, up to which TXID, and "
						+ "writes nothing: run it while the app is still up, and go on only if it ends where you want.",
				List.of(Shell.line(command)));
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
