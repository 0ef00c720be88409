package io.litewatch.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

import io.litewatch.config.ConfigIssue;
import io.litewatch.config.ConfigLoad;
import io.litewatch.config.DbConfig;
import io.litewatch.config.LitestreamConfig;
import io.litewatch.config.LitestreamConfigFile;
import io.litewatch.docker.CliTable;
import io.litewatch.docker.ContainerState;
import io.litewatch.docker.DatabaseRow;
import io.litewatch.docker.DockerAccessException;
import io.litewatch.docker.LitestreamAccessory;
import io.litewatch.docker.EngineInfo;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.DbFileState;
import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.health.HealthStatus;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaStatus;

/**
 * The one place where a poll happens, in this order: config → accessory → every database
 * (bounded concurrency, each with its own deadline) → one immutable {@link PollResult} →
 * published.
 */
public class PollCycle {

	private static final Logger log = LoggerFactory.getLogger(PollCycle.class);

	private final LitestreamConfigFile configFile;

	private final LitestreamAccessory accessory;

	private final LitestreamCommands commands;

	private final DatabaseCollector collector;

	private final ExecutorService executor;

	private final Duration databaseDeadline;

	private final LatestPoll latest;

	private final Clock clock;

	private final String dockerHost;

	private final String container;

	private final ApplicationEventPublisher events;

	private LitestreamConfig lastValid;

	private Instant lastValidModifiedAt;

	private long sequence;

	public PollCycle(LitestreamConfigFile configFile, LitestreamAccessory accessory, LitestreamCommands commands,
			DatabaseCollector collector, ExecutorService executor, Duration databaseDeadline, LatestPoll latest,
			Clock clock, String dockerHost, String container, ApplicationEventPublisher events) {
		this.configFile = configFile;
		this.accessory = accessory;
		this.commands = commands;
		this.collector = collector;
		this.executor = executor;
		this.databaseDeadline = databaseDeadline;
		this.latest = latest;
		this.clock = clock;
		this.dockerHost = dockerHost;
		this.container = container;
		this.events = events;
	}

	/** Runs one poll and publishes it. Never throws: the scheduler must keep going. */
	public synchronized PollResult poll() {
		latest.polling(true);
		try {
			PollResult result = collect();
			latest.publish(result);
			events.publishEvent(new PollCompletedEvent(result));
			log.debug("poll {} done in {} ms: {}", result.sequence(), result.duration().toMillis(), result.status());
			return result;
		}
		finally {
			latest.polling(false);
		}
	}

	private PollResult collect() {
		Instant started = clock.instant();
		List<Finding> findings = new ArrayList<>();

		ConfigLoad load = configFile.load();
		ConfigState configState;
		if (load.valid()) {
			lastValid = load.config();
			lastValidModifiedAt = load.modifiedAt();
			configState = new ConfigState(load.file(), true, 0, null, load.modifiedAt(), false);
		}
		else {
			String still = lastValid != null
					? " Still watching the last valid version (" + Finding.when(lastValidModifiedAt)
							+ "); the running Litestream keeps the config it started with until it restarts."
					: " Litestream would refuse to start with it.";
			findings.add(Finding.critical(FindingCode.CONFIG_INVALID, load.error().getMessage() + "." + still));
			configState = new ConfigState(load.file(), false, load.error().line(), load.error().reason(),
					load.modifiedAt(), lastValid != null);
		}
		LitestreamConfig config = lastValid;
		Map<String, List<ConfigIssue>> issuesByDb = new LinkedHashMap<>();
		if (config != null) {
			for (ConfigIssue issue : config.issues()) {
				if (issue.dbPath() == null) {
					findings.add(issue.finding());
				}
				else {
					issuesByDb.computeIfAbsent(issue.dbPath(), (k) -> new ArrayList<>()).add(issue);
				}
			}
		}

		AccessoryState accessoryState = probeAccessory();
		List<Finding> accessoryFindings = accessoryFindings(accessoryState);
		if (accessoryState.running() && config != null) {
			compareWithAccessory(config, load.file(), findings);
		}

		List<DatabaseStatus> databases = new ArrayList<>();
		if (config != null) {
			PollResult previousPoll = latest.get().orElse(null);
			Instant now = clock.instant();
			Map<DbConfig, Future<DatabaseStatus>> futures = new LinkedHashMap<>();
			for (DbConfig db : config.dbs()) {
				DatabaseStatus previous = previousPoll != null ? previousPoll.databaseAt(db.path()).orElse(null) : null;
				List<ConfigIssue> issues = issuesByDb.getOrDefault(db.path(), List.of());
				futures.put(db, executor
					.submit(() -> collector.collect(db, issues, accessoryState, accessoryFindings, previous, now)));
			}
			long deadline = System.nanoTime() + databaseDeadline.toNanos();
			for (Map.Entry<DbConfig, Future<DatabaseStatus>> entry : futures.entrySet()) {
				databases.add(await(entry.getKey(), entry.getValue(), deadline, previousPoll));
			}
		}
		HealthStatus status = HealthStatus.of(findings);
		for (DatabaseStatus db : databases) {
			status = status.worse(db.status());
		}
		Instant finished = clock.instant();
		return new PollResult(++sequence, finished, Duration.between(started, finished), status, List.copyOf(findings),
				configState, accessoryState, List.copyOf(databases));
	}

	private DatabaseStatus await(DbConfig db, Future<DatabaseStatus> future, long deadline, PollResult previousPoll) {
		String why;
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			why = "Collecting " + db.name() + " took longer than " + databaseDeadline.toSeconds()
					+ "s; its sources are too slow to answer within a poll.";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			why = "Poll interrupted.";
		}
		catch (Exception ex) {
			log.warn("collecting {} failed", db.path(), ex);
			why = "Collecting " + db.name() + " failed: " + ex.getCause();
		}
		List<Finding> findings = List.of(Finding.warning(FindingCode.EXEC_FAILED, why));
		List<ReplicaStatus> replicas = previousPoll == null ? List.of()
				: previousPoll.databaseAt(db.path()).map(DatabaseStatus::replicas).orElse(List.of());
		return new DatabaseStatus(db, DatabaseStatus.worstOf(findings, replicas), findings, DbFileState.unknown(why),
				LitestreamView.none(why), replicas);
	}

	private AccessoryState probeAccessory() {
		try {
			EngineInfo engine = accessory.engine();
			ContainerState state = accessory.containerState();
			String version = state.running() && !state.restarting() ? commands.version(state.startedAt()) : null;
			return new AccessoryState(dockerHost, container, engine, state, version, null);
		}
		catch (DockerAccessException ex) {
			return new AccessoryState(dockerHost, container, null, null, null, ex.getMessage());
		}
	}

	private static List<Finding> accessoryFindings(AccessoryState state) {
		if (!state.engineReachable()) {
			return List.of(Finding.critical(FindingCode.DOCKER_UNREACHABLE, "Cannot reach the Docker Engine at "
					+ state.dockerHost() + ": " + state.error() + ". Whether Litestream runs is unknown."));
		}
		ContainerState c = state.state();
		if (!c.exists()) {
			return List.of(Finding.critical(FindingCode.ACCESSORY_DOWN, "Container " + state.container()
					+ " does not exist: nothing replicates this database. (Set litewatch.docker.container to the "
					+ "accessory's name, e.g. myapp-litestream under Kamal.)"));
		}
		if (c.restarting()) {
			return List.of(Finding.critical(FindingCode.ACCESSORY_DOWN,
					"Container " + state.container() + " is restarting (restart count " + c.restartCount()
							+ ", last exit code " + c.exitCode() + "): Litestream keeps crashing."));
		}
		if (!c.running()) {
			return List.of(Finding.critical(FindingCode.ACCESSORY_DOWN,
					"Container " + state.container() + " is " + c.status()
							+ (c.finishedAt() != null ? " since " + Finding.when(c.finishedAt()) : "")
							+ (c.exitCode() != null ? " (exit code " + c.exitCode() + ")" : "")
							+ ": nothing replicates this database."));
		}
		return List.of();
	}

	/**
	 * The accessory may run another config than the file Litewatch reads (a stale mount,
	 * another path).
	 */
	private void compareWithAccessory(LitestreamConfig config, java.nio.file.Path file, List<Finding> findings) {
		try {
			CliTable<DatabaseRow> table = commands.databases();
			Set<String> replicated = new HashSet<>();
			for (DatabaseRow row : table.rows()) {
				replicated.add(row.path());
			}
			Set<String> configured = new HashSet<>();
			for (DbConfig db : config.dbs()) {
				configured.add(db.path());
			}
			if (!replicated.equals(configured)) {
				Set<String> missing = new HashSet<>(configured);
				missing.removeAll(replicated);
				Set<String> extra = new HashSet<>(replicated);
				extra.removeAll(configured);
				findings.add(Finding.warning(FindingCode.CONFIG_SUSPICIOUS, "The accessory's own config differs from "
						+ file + (missing.isEmpty() ? "" : "; it does not replicate " + missing)
						+ (extra.isEmpty() ? "" : "; it also replicates " + extra)
						+ ". Mount the same litestream.yml into both, or restart the accessory after editing it."));
			}
		}
		catch (LitestreamCommands.CommandFailedException ex) {
			findings.add(Finding.warning(FindingCode.EXEC_FAILED, ex.getMessage()));
		}
	}

}
