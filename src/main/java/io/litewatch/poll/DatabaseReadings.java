package io.litewatch.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.litewatch.config.DbConfig;
import io.litewatch.health.AccessoryState;
import io.litewatch.health.DatabaseObservation;
import io.litewatch.time.HumanDuration;

/**
 * Reads every database of a poll concurrently, each on its own, so one slow replica
 * delays no other. What is not done by {@code publish} is published as late (its last
 * known figures, with READING_LATE) and goes on: the next poll takes its result rather
 * than starting another reading of it. Only a reading still going after {@code giveUp} is
 * cancelled (COLLECTION_TIMED_OUT); its own sources time out before that and are then
 * named by their own findings.
 * <p>
 * Used by the poll thread only.
 */
class DatabaseReadings {

	private static final Logger log = LoggerFactory.getLogger(DatabaseReadings.class);

	/**
	 * @param publish how long a poll waits for its readings before it is published
	 * @param giveUp how long a reading may go on, across polls, before it is cancelled
	 */
	record Deadlines(Duration publish, Duration giveUp) {
	}

	private record Reading(DbConfig config, Future<DatabaseObservation> future, Instant startedAt, long startedNanos) {
	}

	private final DatabaseCollector collector;

	private final ExecutorService executor;

	private final Deadlines deadlines;

	private final Clock clock;

	/** Readings an earlier poll published as late, by database path. */
	private final Map<String, Reading> going = new HashMap<>();

	/** When each database's last reading ended. */
	private final Map<String, Instant> lastRead = new HashMap<>();

	DatabaseReadings(DatabaseCollector collector, ExecutorService executor, Deadlines deadlines, Clock clock) {
		this.collector = collector;
		this.executor = executor;
		this.deadlines = deadlines;
		this.clock = clock;
	}

	List<DatabaseObservation> read(List<DbConfig> dbs, AccessoryState accessory, boolean runCli,
			AccessoryAnswers answers) {
		Map<DbConfig, Reading> readings = new LinkedHashMap<>();
		for (DbConfig db : dbs) {
			Reading earlier = going.remove(db.path());
			if (earlier != null && !earlier.config().equals(db)) {
				// Read by a configuration that is no longer the one in force.
				earlier.future().cancel(true);
				earlier = null;
			}
			readings.put(db, earlier != null ? earlier : start(db, accessory, runCli, answers));
		}
		// Databases taken out of the configuration.
		going.values().forEach((r) -> r.future().cancel(true));
		going.clear();
		long publishAt = System.nanoTime() + deadlines.publish().toNanos();
		List<DatabaseObservation> observed = new ArrayList<>();
		for (Map.Entry<DbConfig, Reading> entry : readings.entrySet()) {
			// Never read yet: there are no last known figures to show instead, so the
			// poll waits for it as long as it may take (the first poll after a start).
			long deadline = lastRead.containsKey(entry.getKey().path()) ? publishAt
					: entry.getValue().startedNanos() + deadlines.giveUp().toNanos();
			observed.add(await(entry.getKey(), entry.getValue(), deadline));
		}
		lastRead.keySet().retainAll(dbs.stream().map(DbConfig::path).toList());
		collector.retainOnly(dbs);
		return observed;
	}

	private Reading start(DbConfig db, AccessoryState accessory, boolean runCli, AccessoryAnswers answers) {
		return new Reading(db, executor.submit(() -> collector.observe(db, accessory, runCli, answers)),
				clock.instant(), System.nanoTime());
	}

	private DatabaseObservation await(DbConfig db, Reading reading, long publishAt) {
		try {
			DatabaseObservation observation = reading.future()
				.get(Math.max(0, publishAt - System.nanoTime()), TimeUnit.NANOSECONDS);
			lastRead.put(db.path(), clock.instant());
			return observation;
		}
		catch (TimeoutException ex) {
			Duration running = Duration.ofNanos(System.nanoTime() - reading.startedNanos());
			if (running.compareTo(deadlines.giveUp()) >= 0) {
				reading.future().cancel(true);
				return DatabaseObservation.timedOut(db, "Collecting " + db.name() + " took longer than "
						+ deadlines.giveUp().toSeconds() + "s; its sources are too slow to answer within a poll.");
			}
			going.put(db.path(), reading);
			Instant last = lastRead.get(db.path());
			Instant now = clock.instant();
			return DatabaseObservation.late(db,
					"Reading " + db.name() + " is late: it started " + HumanDuration.relative(reading.startedAt(), now)
							+ " and its sources have not all answered yet " + "(it is given up after "
							+ deadlines.giveUp().toSeconds() + "s). Shown as last read"
							+ (last != null ? " " + HumanDuration.relative(last, now) : ": never yet") + ".");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return DatabaseObservation.timedOut(db, "Poll interrupted.");
		}
		catch (Exception ex) {
			log.warn("collecting {} failed", db.path(), ex);
			return DatabaseObservation.timedOut(db, "Collecting " + db.name() + " failed: " + ex.getCause());
		}
	}

}
