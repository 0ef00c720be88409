package io.litewatch.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.litewatch.config.DbConfig;
import io.litewatch.config.LitestreamConfig;
import io.litewatch.config.LitestreamDialect;
import io.litewatch.docker.DatabaseRow;
import io.litewatch.docker.Litestream05Output;
import io.litewatch.health.AccessoryDatabases;
import io.litewatch.health.AccessoryState;
import io.litewatch.health.LitestreamView;
import io.litewatch.time.HumanDuration;

/**
 * What a poll asks the accessory's Litestream, in a number of execs that does not grow
 * with the databases: each exec starts a Litestream process in the container, and one per
 * database made a 50-database poll take 6-9 s. The bucket tells Litewatch everything but
 * the database's own side, so only that is asked:
 * <ul>
 * <li>0.5: one {@code status -json} a poll, which names every database the accessory
 * replicates with its local TXID;</li>
 * <li>0.3: {@code databases} once per container start or change of litestream.yml (and
 * every {@code databasesInterval}), and {@code snapshots} of one database a poll, in
 * turn, to see that Litestream itself still reaches its storage. A database with a
 * replica Litewatch cannot list is still asked every poll: there is nothing else to read
 * it by.</li>
 * </ul>
 * Used by the poll thread only; the questions themselves run on the poll executor, one
 * set at a time.
 */
class AccessoryQuestions {

	private final LitestreamCommands commands;

	private final Duration databasesInterval;

	private final ExecutorService executor;

	private final Duration wait;

	private final Clock clock;

	/**
	 * Questions an earlier poll stopped waiting for; the next poll takes their answer.
	 */
	private Future<AccessoryAnswers> going;

	private Instant goingSince;

	private AccessoryAnswers last;

	private DatabasesAnswer databases;

	/** When each 0.3 database's storage was last checked through Litestream. */
	private final Map<String, Instant> storageChecked = new HashMap<>();

	/**
	 * @param executor where the questions run, so the poll thread waits for them at most
	 * {@code wait}
	 */
	AccessoryQuestions(LitestreamCommands commands, Duration databasesInterval, ExecutorService executor, Duration wait,
			Clock clock) {
		this.commands = commands;
		this.databasesInterval = databasesInterval;
		this.executor = executor;
		this.wait = wait;
		this.clock = clock;
	}

	/**
	 * Asked only of a running accessory whose litestream.yml is valid: its CLI reads the
	 * same file. Questions not answered within the wait go on, and this poll is answered
	 * as late: the databases as last named, no local TXIDs (EXEC_FAILED says why) and no
	 * storage check; the next poll takes their answer rather than asking again.
	 */
	AccessoryAnswers ask(LitestreamConfig config, AccessoryState accessory, Instant configModifiedAt) {
		if (going == null) {
			going = executor.submit(() -> askNow(config, accessory, configModifiedAt));
			goingSince = clock.instant();
		}
		try {
			AccessoryAnswers answers = going.get(wait.toMillis(), TimeUnit.MILLISECONDS);
			going = null;
			last = answers;
			return answers;
		}
		catch (TimeoutException ex) {
			// 0.3's late question is `databases` alone: the last answer stands in for it.
			String late = config.dialect() != LitestreamDialect.V0_5 ? null
					: "`litestream status` in the accessory, asked "
							+ HumanDuration.relative(goingSince, clock.instant())
							+ ", has not answered yet (it is bounded by litewatch.docker.exec-timeout); the databases'"
							+ " own TXIDs are not known this poll.";
			return new AccessoryAnswers(last != null ? last.databases() : AccessoryDatabases.notAsked(), Map.of(), late,
					null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return AccessoryAnswers.notAsked();
		}
		catch (ExecutionException ex) {
			going = null;
			throw new IllegalStateException("asking the accessory failed", ex.getCause());
		}
	}

	private AccessoryAnswers askNow(LitestreamConfig config, AccessoryState accessory, Instant configModifiedAt) {
		commands.retainDatabases(config.dbs().stream().map(DbConfig::path).toList());
		if (config.dialect() == LitestreamDialect.V0_5) {
			return ask05();
		}
		Instant startedAt = accessory.state() != null ? accessory.state().startedAt() : null;
		return new AccessoryAnswers(databases03(startedAt, configModifiedAt), Map.of(), null,
				nextStorageCheck(config.dbs()));
	}

	private AccessoryAnswers ask05() {
		try {
			Map<String, LitestreamView.LocalStatus> local = new HashMap<>();
			Instant at = clock.instant();
			for (Litestream05Output.StatusRow row : commands.status05()) {
				local.put(row.database(), new LitestreamView.LocalStatus(row.localTxid(), row.status(), at));
			}
			return new AccessoryAnswers(AccessoryDatabases.answered(local.keySet()), local, null, null);
		}
		catch (LitestreamCommands.CommandFailedException ex) {
			return new AccessoryAnswers(AccessoryDatabases.failed(ex.getMessage()), Map.of(), ex.getMessage(), null);
		}
	}

	/**
	 * What the accessory replicates changes only with its container or its file; a failed
	 * answer is asked again next poll.
	 */
	private AccessoryDatabases databases03(Instant startedAt, Instant configModifiedAt) {
		Instant now = clock.instant();
		DatabasesAnswer known = databases;
		if (known != null && Objects.equals(known.startedAt(), startedAt)
				&& Objects.equals(known.configModifiedAt(), configModifiedAt)
				&& Duration.between(known.at(), now).compareTo(databasesInterval) < 0) {
			return known.answer();
		}
		try {
			Set<String> paths = new HashSet<>();
			for (DatabaseRow row : commands.databases(LitestreamDialect.V0_3)) {
				paths.add(row.path());
			}
			AccessoryDatabases answer = AccessoryDatabases.answered(paths);
			databases = new DatabasesAnswer(startedAt, configModifiedAt, now, answer);
			return answer;
		}
		catch (LitestreamCommands.CommandFailedException ex) {
			databases = null;
			return AccessoryDatabases.failed(ex.getMessage());
		}
	}

	/**
	 * The database Litewatch lists itself whose storage Litestream has not been asked of
	 * for the longest; never asked comes first, in the file's order.
	 */
	private String nextStorageCheck(List<DbConfig> dbs) {
		List<String> candidates = dbs.stream().filter(ReplicaFormat::allListedHere).map(DbConfig::path).toList();
		storageChecked.keySet().retainAll(candidates);
		String next = candidates.stream()
			.min(Comparator.comparing((String path) -> storageChecked.getOrDefault(path, Instant.MIN)))
			.orElse(null);
		if (next != null) {
			storageChecked.put(next, clock.instant());
		}
		return next;
	}

	private record DatabasesAnswer(Instant startedAt, Instant configModifiedAt, Instant at, AccessoryDatabases answer) {
	}

}
