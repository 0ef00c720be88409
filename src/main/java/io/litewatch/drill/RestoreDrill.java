package io.litewatch.drill;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.litewatch.alert.channel.Redaction;
import io.litewatch.config.DbConfig;
import io.litewatch.config.LitestreamDialect;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.config.S3Credentials;
import io.litewatch.docker.DockerAccessException;
import io.litewatch.docker.ExecResult;
import io.litewatch.docker.LocalAccessory;
import io.litewatch.drill.DrillResult.Outcome;

/**
 * One restore drill: {@code litestream restore -config <litestream.yml> -replica <name>
 * -o <scratch file> <database>} run by Litewatch itself (never in the accessory
 * container, which may have no shell and no room), then the file checked by SQLite and
 * deleted. Litestream writes to {@code <scratch file>.tmp} first and renames it; both are
 * removed whatever happens.
 */
public final class RestoreDrill {

	/** Litestream's output kept in a result: its last lines say why. */
	static final int MAX_OUTPUT_CHARS = 4000;

	private final Binaries binaries;

	/** What {@code litestream version} printed, by binary: asked until it answers. */
	private final Map<LocalAccessory, String> versions = new java.util.concurrent.ConcurrentHashMap<>();

	private final Path config;

	private final Path scratch;

	private final Duration timeout;

	private final Clock clock;

	/**
	 * @param litestream runs the Litestream binary as a local process
	 * @param config the litestream.yml the accessory runs with
	 * @param scratch where restores are written, Litewatch's own
	 * @param timeout the longest a restore may take before it is stopped
	 */
	public RestoreDrill(LocalAccessory litestream, Path config, Path scratch, Duration timeout, Clock clock) {
		this(new Binaries(litestream, null), config, scratch, timeout, clock);
	}

	/**
	 * The Litestream binaries a drill runs: a replica is restored by the Litestream that
	 * wrote it, since 0.3 cannot read 0.5's LTX files.
	 *
	 * @param v05 null when none is configured
	 */
	public record Binaries(LocalAccessory v03, LocalAccessory v05) {

		LocalAccessory of(LitestreamDialect dialect) {
			return dialect == LitestreamDialect.V0_5 ? v05 : v03;
		}

	}

	public RestoreDrill(Binaries binaries, Path config, Path scratch, Duration timeout, Clock clock) {
		this.binaries = binaries;
		this.config = config;
		this.scratch = scratch;
		this.timeout = timeout;
		this.clock = clock;
	}

	/**
	 * Restores the replica's latest state.
	 * @param expectedBytes what the restore is expected to write (the live database's
	 * size): the scratch disk must have twice that free, or the drill is refused
	 */
	public DrillResult run(DbConfig db, ReplicaConfig replica, long expectedBytes) {
		return run(db, replica, expectedBytes, null);
	}

	/**
	 * Restores the replica as it was at {@code timestamp} ({@code -timestamp}), or its
	 * latest state when null.
	 */
	public DrillResult run(DbConfig db, ReplicaConfig replica, long expectedBytes, Instant timestamp) {
		Instant started = clock.instant();
		long t0 = System.nanoTime();
		Path target = scratchFile(scratch, db.name(), UUID.randomUUID());
		try {
			Files.createDirectories(scratch);
			long free = Files.getFileStore(scratch).getUsableSpace();
			if (free < 2 * expectedBytes) {
				return result(null, db, replica, started, t0, Outcome.REFUSED, 0, null, Map.of(),
						"Not run: the scratch directory " + scratch + " has " + free + " bytes free, and a drill needs "
								+ "twice the database's size (" + 2 * expectedBytes + " bytes).",
						null);
			}
			LitestreamDialect dialect = replica.dialect();
			LocalAccessory litestream = binaries.of(dialect);
			String refusal = refusal(litestream, dialect);
			if (refusal != null) {
				return result(null, db, replica, started, t0, Outcome.REFUSED, 0, null, Map.of(), refusal, null);
			}
			List<String> command = new ArrayList<>(List.of("litestream", "restore", "-config", config.toString()));
			if (dialect == LitestreamDialect.V0_5) {
				// 0.5 has one replica per database and checks the file it wrote itself;
				// Litewatch's own checks follow all the same.
				command.addAll(List.of("-o", target.toString(), "-integrity-check", "full", "-json"));
			}
			else {
				command.addAll(List.of("-replica", replica.name(), "-o", target.toString()));
			}
			if (timestamp != null) {
				// Litestream parses time.RFC3339: whole seconds are what it documents.
				command.addAll(List.of("-timestamp", timestamp.truncatedTo(ChronoUnit.SECONDS).toString()));
			}
			command.add(db.path());
			ExecResult restore;
			try {
				restore = litestream.exec(command, timeout);
			}
			catch (DockerAccessException ex) {
				if (Thread.currentThread().isInterrupted()) {
					throw new Interrupted(db.name());
				}
				// No binary is not a broken backup: the drill says what to set instead.
				return result(null, db, replica, started, t0, Outcome.REFUSED, 0, null, Map.of(),
						"Not run: " + ex.getMessage() + " (set "
								+ (dialect == LitestreamDialect.V0_5 ? "litewatch.drills.binary05 to Litestream 0.5"
										: "litewatch.drills.binary to Litestream 0.3.13")
								+ ").",
						null);
			}
			String output = evidence(restore.stdout() + restore.stderr(), secrets(replica));
			String generation = dialect == LitestreamDialect.V0_5 ? LitestreamErrors.restoredTxid(output)
					: LitestreamErrors.restoredGeneration(output);
			if (restore.timedOut()) {
				return result(generation, db, replica, started, t0, Outcome.FAILED, 0, null, Map.of(),
						"The restore did not finish within " + timeout.toSeconds() + " s and was stopped.", output);
			}
			if (restore.exitCode() != 0 || !Files.isRegularFile(target)) {
				return result(generation, db, replica, started, t0, Outcome.FAILED, 0, null, Map.of(),
						"The restore failed (exit " + restore.exitCode() + "): " + LitestreamErrors.reason(output),
						output);
			}
			long size = Files.size(target);
			RestoredFile.Check check;
			try {
				// The restore and its checks share the timeout: a huge file cannot hold
				// the
				// one drill thread past it.
				check = RestoredFile.check(target, timeout.minusNanos(System.nanoTime() - t0));
			}
			catch (RestoredFile.TimedOut ex) {
				return result(generation, db, replica, started, t0, Outcome.FAILED, size, null, Map.of(),
						"The restore and the checks of the restored file did not finish within " + timeout.toSeconds()
								+ " s; the checks were stopped.",
						output);
			}
			catch (SQLException ex) {
				return result(generation, db, replica, started, t0, Outcome.FAILED, size, ex.getMessage(), Map.of(),
						"SQLite cannot read the restored file: " + ex.getMessage(), output);
			}
			if (!check.whole()) {
				return result(generation, db, replica, started, t0, Outcome.FAILED, size, check.integrity(), Map.of(),
						"The restored file is damaged: PRAGMA integrity_check says " + check.integrity(), output);
			}
			return new DrillResult(db.name(), replica.name(), started, Duration.ofNanos(System.nanoTime() - t0),
					Outcome.PASSED, size, check.integrity(), check.rowCounts(), null, null, generation,
					check.newestRow());
		}
		catch (Interrupted ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			return result(null, db, replica, started, t0, Outcome.FAILED, 0, null, Map.of(),
					"The drill could not run: " + ex.getClass().getSimpleName() + " " + ex.getMessage(), null);
		}
		finally {
			removeAll(target);
		}
	}

	/**
	 * Why this replica cannot be drilled with the binary at hand, or null: none is
	 * configured for its Litestream, or the one configured is another Litestream.
	 */
	private String refusal(LocalAccessory litestream, LitestreamDialect dialect) {
		String setting = dialect == LitestreamDialect.V0_5 ? "litewatch.drills.binary05" : "litewatch.drills.binary";
		if (litestream == null) {
			return "Not run: Litestream " + dialect.label() + " writes this replica and Litestream " + dialect.label()
					+ " must restore it; set " + setting + " to its binary (the version the accessory runs).";
		}
		String version = versions.get(litestream);
		if (version == null) {
			version = version(litestream);
			// A binary that could not answer (missing, not yet installed) is asked again.
			if (!version.isEmpty()) {
				versions.put(litestream, version);
			}
		}
		var reading = LitestreamDialect.ofVersion(version);
		if (reading.isPresent() && reading.get().dialect() != dialect) {
			return "Not run: " + setting + " is Litestream " + version + ", but Litestream " + dialect.label()
					+ " writes this replica; set it to the version the accessory runs.";
		}
		return null;
	}

	private static String version(LocalAccessory litestream) {
		try {
			ExecResult printed = litestream.exec(List.of("litestream", "version"), Duration.ofSeconds(10));
			return printed.exitCode() == 0 ? printed.stdout().strip() : "";
		}
		catch (DockerAccessException ex) {
			// The restore itself then says the binary is missing.
			return "";
		}
	}

	private DrillResult result(String generation, DbConfig db, ReplicaConfig replica, Instant started, long t0,
			Outcome outcome, long bytes, String integrity, Map<String, Long> counts, String message, String output) {
		return new DrillResult(db.name(), replica.name(), started, Duration.ofNanos(System.nanoTime() - t0), outcome,
				bytes, integrity, counts, message, output, generation);
	}

	/**
	 * A stop (Litewatch shutting down) cut the restore short: that says nothing of the
	 * backup, so nothing is recorded, and the drill is due again after the restart.
	 */
	static final class Interrupted extends RuntimeException {

		Interrupted(String database) {
			super("the drill of " + database + " was stopped by a shutdown");
		}

	}

	/**
	 * Where one restore is written: always directly in the scratch directory. A
	 * database's name may be a path (two databases with the same file name are told apart
	 * by their directories), and resolving that would write beside the live database; so
	 * only letters, digits, dot, dash and underscore of it are kept.
	 */
	static Path scratchFile(Path scratch, String database, UUID id) {
		String safe = database.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._-]+", "");
		return scratch.resolve((safe.isEmpty() ? "db" : safe) + "-" + id + ".sqlite3");
	}

	/**
	 * The file and whatever Litestream and SQLite put beside it (.tmp, -wal, -shm),
	 * matched by prefix, not by a glob the name's characters could turn into a pattern.
	 */
	private static void removeAll(Path target) {
		String name = target.getFileName().toString();
		try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(),
				(p) -> p.getFileName().toString().startsWith(name))) {
			for (Path p : siblings) {
				Files.deleteIfExists(p);
			}
		}
		catch (IOException ex) {
			// Best effort: each drill writes under a new name, so a leftover never mixes
			// with the next restore.
		}
	}

	private static List<String> secrets(ReplicaConfig replica) {
		S3Credentials credentials = replica.credentials();
		return credentials == null ? List.of()
				: java.util.stream.Stream.of(credentials.accessKeyId(), credentials.secretAccessKey())
					.filter(java.util.Objects::nonNull)
					.toList();
	}

	/**
	 * Litestream's output as the record keeps it: the secrets blanked first (an S3 error
	 * may quote the key id, and the record is evidence that others read), so a clip
	 * cannot leave half a secret; then its last {@link #MAX_OUTPUT_CHARS} characters,
	 * where the error is.
	 */
	static String evidence(String output, List<String> secrets) {
		String clean = Redaction.scrub(output, secrets);
		return clean.length() <= MAX_OUTPUT_CHARS ? clean
				: "…" + clean.substring(clean.length() - MAX_OUTPUT_CHARS + 1);
	}

}
