package io.litewatch.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.litewatch.config.LitestreamDialect;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.docker.CliOutputException;
import io.litewatch.docker.CliTable;
import io.litewatch.docker.DatabaseRow;
import io.litewatch.docker.DockerAccessException;
import io.litewatch.docker.LitestreamAccessory;
import io.litewatch.docker.ExecResult;
import io.litewatch.docker.ExecStillRunningException;
import io.litewatch.docker.GenerationRow;
import io.litewatch.docker.Litestream05Output;
import io.litewatch.docker.LitestreamOutputParser;
import io.litewatch.docker.SnapshotRow;
import io.litewatch.health.LitestreamView;

/**
 * Runs the {@code litestream} commands inside the accessory and turns their output into
 * what a poll reads ({@link AccessoryQuestions} decides which run when).
 * {@code snapshots} lists only the snapshot prefix. {@code generations} lists every
 * object of the replica (3 min 25 s and thousands of requests on 100,000 WAL segments),
 * so it runs only for databases with a replica Litewatch cannot list itself (gcs, abs,
 * sftp, file), and its last answer is reused until {@code generations-interval} has
 * passed.
 */
class LitestreamCommands {

	private final LitestreamAccessory accessory;

	private final LitewatchProperties.Docker settings;

	private final Clock clock;

	private final Map<String, GenerationsAnswer> generations = new ConcurrentHashMap<>();

	/** The last storage check of each database, by path: asked of one a poll. */
	private final Map<String, LitestreamView> storageChecks = new ConcurrentHashMap<>();

	private volatile VersionAnswer version;

	LitestreamCommands(LitestreamAccessory accessory, LitewatchProperties.Docker settings, Clock clock) {
		this.accessory = accessory;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * {@code litestream databases}: cheap (no storage access); tells which databases the
	 * accessory replicates.
	 */
	List<DatabaseRow> databases(LitestreamDialect dialect) {
		if (dialect == LitestreamDialect.V0_5) {
			return run(json(command("databases", null)), Litestream05Output::databases);
		}
		return run(command("databases", null), LitestreamOutputParser::databases).rows();
	}

	/**
	 * Litestream 0.5's {@code status -json}: every database of the accessory's
	 * litestream.yml with its own TXID, read from its local LTX files, in one exec (no
	 * storage access, no daemon needed). 0.5 has no {@code snapshots} or
	 * {@code generations}; the replica's side comes from Litewatch's own listing.
	 */
	List<Litestream05Output.StatusRow> status05() {
		return run(json(command("status", null)), Litestream05Output::status);
	}

	private static List<String> json(List<String> command) {
		List<String> withJson = new ArrayList<>(command);
		withJson.add(2, "-json");
		return withJson;
	}

	/**
	 * {@code litestream version}, asked once per start of the container (a restart may
	 * bring a new image). Null when it cannot be asked; a failure here is not worth a
	 * finding of its own.
	 */
	String version(Instant containerStartedAt) {
		VersionAnswer known = version;
		if (known != null && java.util.Objects.equals(known.startedAt(), containerStartedAt)) {
			return known.version();
		}
		try {
			ExecResult result = accessory.exec(List.of("litestream", "version"), settings.execTimeout());
			String printed = result.exitCode() == 0 ? result.stdout().strip() : null;
			version = new VersionAnswer(containerStartedAt, printed == null || printed.isEmpty() ? null : printed);
			return version.version();
		}
		catch (DockerAccessException ex) {
			return null;
		}
	}

	private record VersionAnswer(Instant startedAt, String version) {
	}

	/**
	 * @param withGenerations whether Litestream's own {@code generations} is needed: only
	 * for replicas that Litewatch does not list itself
	 */
	LitestreamView view(String dbPath, boolean withGenerations) {
		List<String> storageErrors = new ArrayList<>();
		String execError = null;
		Instant snapshotsAt = clock.instant();
		List<SnapshotRow> snapshots = List.of();
		try {
			CliTable<SnapshotRow> table = run(command("snapshots", dbPath), LitestreamOutputParser::snapshots);
			snapshots = table.rows();
			storageErrors.addAll(table.errors());
		}
		catch (CommandFailedException ex) {
			execError = ex.getMessage();
		}
		GenerationsAnswer answer = withGenerations ? generations.get(dbPath) : null;
		Instant now = clock.instant();
		if (withGenerations && execError == null && (answer == null
				|| Duration.between(answer.at(), now).compareTo(settings.generationsInterval()) >= 0)) {
			try {
				CliTable<GenerationRow> table = run(command("generations", dbPath),
						LitestreamOutputParser::generations);
				answer = new GenerationsAnswer(now, table.rows(), table.errors());
				generations.put(dbPath, answer);
			}
			catch (CommandFailedException ex) {
				execError = ex.getMessage();
			}
		}
		if (answer != null) {
			storageErrors.addAll(answer.errors().stream().filter((e) -> !storageErrors.contains(e)).toList());
		}
		return new LitestreamView(snapshotsAt, snapshots, answer != null ? answer.at() : null,
				answer != null ? answer.rows() : List.of(), List.copyOf(storageErrors), execError);
	}

	/**
	 * What Litestream itself says of the storage of a database Litewatch lists itself:
	 * {@code snapshots} when {@code askNow}, else the last answer (none before the
	 * first).
	 */
	LitestreamView storageCheck(String dbPath, boolean askNow) {
		if (!askNow) {
			return storageChecks.getOrDefault(dbPath, LitestreamView.unasked());
		}
		LitestreamView checked = view(dbPath, false);
		storageChecks.put(dbPath, checked);
		return checked;
	}

	/** Forgets the answers kept for databases no longer configured. */
	void retainDatabases(java.util.Collection<String> dbPaths) {
		generations.keySet().retainAll(dbPaths);
		storageChecks.keySet().retainAll(dbPaths);
	}

	private List<String> command(String name, String dbPath) {
		List<String> command = new ArrayList<>(List.of("litestream", name));
		if (!settings.configPath().isBlank()) {
			command.add("-config");
			command.add(settings.configPath());
		}
		if (dbPath != null) {
			command.add(dbPath);
		}
		return command;
	}

	private <T> T run(List<String> command, Function<String, T> parser) {
		String shown = String.join(" ", command);
		ExecResult result;
		try {
			result = accessory.exec(command, settings.execTimeout());
		}
		catch (ExecStillRunningException ex) {
			throw new CommandFailedException("`" + shown + "` was not run again: its previous run has been going for "
					+ ex.runningFor().toSeconds() + "s without finishing (Docker cannot stop an exec; usually storage "
					+ "is hanging)");
		}
		catch (DockerAccessException ex) {
			throw new CommandFailedException("`" + shown + "` could not run: " + ex.getMessage());
		}
		if (result.timedOut()) {
			throw new CommandFailedException(
					"`" + shown + "` did not answer within " + settings.execTimeout().toSeconds() + "s");
		}
		if (result.stdoutTruncated()) {
			// Half a table parses into too few rows without an error: never judge from
			// it.
			throw new CommandFailedException("`" + shown + "` printed more than " + result.outputLimitBytes() / 1024
					+ " KiB; its output was cut there and is not used");
		}
		if (result.exitCode() != 0) {
			String detail = firstLine(!result.stderr().isBlank() ? result.stderr() : result.stdout());
			throw new CommandFailedException("`" + shown + "` exited with " + result.exitCode() + ": " + detail);
		}
		try {
			return parser.apply(result.stdout());
		}
		catch (CliOutputException ex) {
			throw new CommandFailedException("`" + shown + "` printed something unexpected: " + ex.getMessage());
		}
	}

	private static String firstLine(String text) {
		String trimmed = text.strip();
		int newline = trimmed.indexOf('\n');
		String line = newline >= 0 ? trimmed.substring(0, newline) : trimmed;
		return line.length() > 300 ? line.substring(0, 300) + "…" : line;
	}

	private record GenerationsAnswer(Instant at, List<GenerationRow> rows, List<String> errors) {
	}

	static class CommandFailedException extends RuntimeException {

		CommandFailedException(String message) {
			super(message);
		}

	}

}
