package io.litewatch.drill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.litewatch.config.DbConfig;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.drill.DrillRecord.PointInTime;
import io.litewatch.drill.DrillRecord.Trigger;
import io.litewatch.drill.DrillResult.Outcome;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.health.DrillObservation;
import io.litewatch.health.DrillObservation.ReplicaDrill;
import io.litewatch.poll.DrillBook;
import io.litewatch.poll.LatestPoll;
import io.litewatch.poll.PollResult;

/**
 * Runs the drills, one at a time, on its own thread (never the poll's): on each tick the
 * database asked for by an operator first, else the most overdue one. A drill restores
 * each replica Litewatch lists itself, as the last poll saw it, and keeps the records.
 */
public class DrillRunner implements DrillBook {

	private static final Logger log = LoggerFactory.getLogger(DrillRunner.class);

	private final LatestPoll latest;

	private final RestoreDrill drill;

	private final DrillRepository repository;

	private final DrillPlanner planner;

	private final DrillProperties properties;

	private final Clock clock;

	private final Instant since;

	private final ConcurrentLinkedQueue<String> requested = new ConcurrentLinkedQueue<>();

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	private final DrillLedger ledger = new DrillLedger();

	private volatile boolean loaded;

	public DrillRunner(LatestPoll latest, RestoreDrill drill, DrillRepository repository, DrillPlanner planner,
			DrillProperties properties, Clock clock) {
		this.latest = latest;
		this.drill = drill;
		this.repository = repository;
		this.planner = planner;
		this.properties = properties;
		this.clock = clock;
		this.since = clock.instant();
	}

	/**
	 * What the store knows, read on first use rather than at construction, when the
	 * schema may not be migrated yet.
	 */
	private void load() {
		if (loaded) {
			return;
		}
		synchronized (this) {
			if (!loaded) {
				ledger.load(repository);
				loaded = true;
			}
		}
	}

	@Override
	public Map<String, DrillObservation> observe(List<DbConfig> databases) {
		try {
			load();
		}
		catch (RuntimeException ex) {
			log.warn("drill results could not be read: {}", ex.getMessage());
		}
		Map<String, DrillObservation> observed = new java.util.HashMap<>();
		for (DbConfig config : databases) {
			String db = config.name();
			// A database without a replica Litewatch can restore is never drilled, so it
			// cannot be overdue either.
			Set<String> replicas = config.replicas()
				.stream()
				.filter(DrillRunner::drillable)
				.map(ReplicaConfig::name)
				.collect(java.util.stream.Collectors.toSet());
			if (replicas.isEmpty() || !properties.enabled(db)) {
				continue;
			}
			List<ReplicaDrill> drills = ledger.newest(db, replicas).stream().map(DrillRunner::observed).toList();
			observed.put(db,
					new DrillObservation(ledger.unpassedSince(db, replicas, since, clock.instant()),
							properties.interval(db), properties.rpoThreshold(db), ledger.lastPassed(db, replicas),
							drills, planner.due(db, ledger.lastStart(db), since)));
		}
		return observed;
	}

	private static ReplicaDrill observed(DrillRecord record) {
		DrillResult latest = record.latest();
		PointInTime pit = record.pointInTime();
		return new ReplicaDrill(record.replica(), record.startedAt(), latest.outcome().name(), latest.took(),
				latest.restoredBytes(), latest.message(), pit != null ? pit.target() : null,
				pit != null ? pit.outcome().name() : null,
				pit != null && pit.outcome() == Outcome.FAILED ? pit.message() : null, record.achievedRpo(),
				latest.newestRow() != null ? latest.newestRow().at() : null);
	}

	/** What became of an operator's request for a drill. */
	public enum Request {

		QUEUED, ALREADY_PENDING, DRILLS_OFF, NO_POLL_YET, UNKNOWN_DATABASE

	}

	/**
	 * Queues a drill of {@code database} for the next tick, once: synchronized, so two
	 * requests at the same moment queue (and are audited) once.
	 */
	public synchronized Request request(String database) {
		Optional<PollResult> poll = latest.get();
		if (poll.isEmpty()) {
			return Request.NO_POLL_YET;
		}
		if (find(poll.get(), database).isEmpty()) {
			return Request.UNKNOWN_DATABASE;
		}
		if (!properties.enabled(database)) {
			return Request.DRILLS_OFF;
		}
		if (pending(database)) {
			return Request.ALREADY_PENDING;
		}
		requested.add(database);
		return Request.QUEUED;
	}

	/** Whether a drill of {@code database} is queued or running. */
	public boolean pending(String database) {
		return requested.contains(database) || running.contains(database);
	}

	/**
	 * When {@code database}'s next scheduled drill is due; empty when drills are off for
	 * it.
	 */
	public Optional<Instant> nextDue(String database) {
		load();
		if (!properties.enabled(database)) {
			return Optional.empty();
		}
		return Optional.of(planner.due(database, ledger.lastStart(database), since));
	}

	/** One step of the schedule: at most one database's drill. Never throws. */
	public void tick() {
		Optional<PollResult> poll = latest.get();
		if (poll.isEmpty()) {
			return;
		}
		String manual = requested.peek();
		Optional<DatabaseStatus> chosen;
		Trigger trigger;
		if (manual != null) {
			chosen = find(poll.get(), manual);
			trigger = Trigger.MANUAL;
		}
		else {
			Instant now = clock.instant();
			chosen = poll.get()
				.databases()
				.stream()
				.filter((d) -> properties.enabled(d.name()) && drillable(d))
				.filter((d) -> !nextDue(d.name()).orElseThrow().isAfter(now))
				.min(Comparator.comparing((DatabaseStatus d) -> nextDue(d.name()).orElseThrow()));
			trigger = Trigger.SCHEDULED;
		}
		try {
			chosen.ifPresent((db) -> drill(db, trigger));
		}
		catch (RestoreDrill.Interrupted ex) {
			log.info("{}; not recorded", ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.error("the drill of {} could not be completed", chosen.get().name(), ex);
		}
		finally {
			if (manual != null) {
				requested.remove(manual);
			}
		}
	}

	/** Drills each replica of {@code db} Litewatch lists itself, and records them. */
	List<DrillRecord> drill(DatabaseStatus db, Trigger trigger) {
		running.add(db.name());
		// Counted as started before anything can fail: a store that cannot take the
		// record must not turn the schedule into a restore every tick.
		ledger.started(db.name(), clock.instant());
		try {
			List<DrillRecord> records = new ArrayList<>();
			for (ReplicaStatus replica : db.replicas()) {
				if (!drillable(replica)) {
					continue;
				}
				DrillRecord record = drill(db, replica, trigger);
				repository.insert(record);
				ledger.remember(record);
				records.add(record);
				log.info("drill of {} ({}): {} in {} ms{}", db.name(), replica.name(), record.latest().outcome(),
						record.latest().took().toMillis(),
						record.latest().message() != null ? ": " + record.latest().message() : "");
			}
			return records;
		}
		finally {
			running.remove(db.name());
		}
	}

	/** The replicas Litewatch lists itself are the ones it can restore and judge. */
	private static boolean drillable(ReplicaConfig replica) {
		return "s3".equals(replica.type());
	}

	private static boolean drillable(ReplicaStatus replica) {
		return drillable(replica.config());
	}

	private static boolean drillable(DatabaseStatus db) {
		return db.replicas().stream().anyMatch(DrillRunner::drillable);
	}

	private DrillRecord drill(DatabaseStatus db, ReplicaStatus replica, Trigger trigger) {
		long expected = DrillSpace.expectedBytes(db, replica);
		DrillResult result = drill.run(db.config(), replica.config(), expected);
		Instant restoredUpTo = result.outcome() == Outcome.PASSED && result.generation() != null
				&& restoredLatest(replica, result.generation()) ? replica.freshness().lastSyncAt() : null;
		Instant liveChange = db.file().known() ? db.file().updatedAt() : null;
		Duration rpo = restoredUpTo == null || liveChange == null ? null
				: max(Duration.between(restoredUpTo, liveChange), Duration.ZERO);
		PointInTime pit = null;
		if (result.outcome() == Outcome.PASSED) {
			Instant target = planner.pointInTime(replica.restore().from(), replica.restore().to());
			if (target != null) {
				pit = PointInTime.of(target, drill.run(db.config(), replica.config(), expected, target));
			}
		}
		return new DrillRecord(UUID.randomUUID().toString(), trigger, result, restoredUpTo, rpo, pit);
	}

	/**
	 * Whether the restore reached what the poll saw uploaded last: 0.3's current
	 * generation, or (0.5) a TXID at least the replicated one, TXIDs only going up.
	 */
	private static boolean restoredLatest(ReplicaStatus replica, String restored) {
		if (replica.ltx() != null) {
			try {
				return Long.parseUnsignedLong(restored, 16) >= replica.ltx().replicatedTxid();
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		return replica.generations() != null && restored.equals(replica.generations().current());
	}

	private static Optional<DatabaseStatus> find(PollResult poll, String name) {
		return poll.databases().stream().filter((d) -> d.name().equals(name)).findFirst();
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

}
