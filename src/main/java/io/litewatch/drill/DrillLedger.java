package io.litewatch.drill;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the drill records say, kept in memory for the poll and the schedule: each
 * replica's newest drill and last pass, and each database's last start. Read from the
 * store once, then kept up by every new record, so it says the same before and after a
 * restart.
 */
final class DrillLedger {

	/** By database, then replica. */
	private final Map<String, Map<String, DrillRecord>> newest = new ConcurrentHashMap<>();

	/** By database, then replica. */
	private final Map<String, Map<String, Instant>> lastPassed = new ConcurrentHashMap<>();

	private final Map<String, Instant> lastStart = new ConcurrentHashMap<>();

	/** When each replica ({@code database \n replica}) was first watched. */
	private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

	void load(DrillRepository repository) {
		repository.lastPassedPerReplica()
			.forEach((db, replicas) -> lastPassed.put(db, new ConcurrentHashMap<>(replicas)));
		repository.newestPerReplica().forEach(this::remember);
	}

	void remember(DrillRecord record) {
		newest.computeIfAbsent(record.database(), (k) -> new ConcurrentHashMap<>()).put(record.replica(), record);
		started(record.database(), record.startedAt());
		if (record.passed()) {
			lastPassed.computeIfAbsent(record.database(), (k) -> new ConcurrentHashMap<>())
				.merge(record.replica(), record.startedAt(), DrillLedger::later);
		}
	}

	void started(String database, Instant at) {
		lastStart.merge(database, at, DrillLedger::later);
	}

	/** The newest drill start of the database, or null before its first. */
	Instant lastStart(String database) {
		return lastStart.get(database);
	}

	/**
	 * The newest drill of each of {@code replicas}, by replica name. A replica taken out
	 * of litestream.yml is no longer among them: its drills stay in the history, not
	 * among the findings.
	 */
	List<DrillRecord> newest(String database, Set<String> replicas) {
		return newest.getOrDefault(database, Map.of())
			.values()
			.stream()
			.filter((r) -> replicas.contains(r.replica()))
			.sorted(Comparator.comparing(DrillRecord::replica))
			.toList();
	}

	/**
	 * Since when every one of {@code replicas} has passed a drill: the oldest of their
	 * last passes, or null while one has none.
	 */
	Instant lastPassed(String database, Set<String> replicas) {
		Map<String, Instant> passes = lastPassed.getOrDefault(database, Map.of());
		if (replicas.isEmpty() || !passes.keySet().containsAll(replicas)) {
			return null;
		}
		return replicas.stream().map(passes::get).min(Comparator.naturalOrder()).orElse(null);
	}

	/**
	 * Since when {@code replicas} without any pass have been watched: {@code start}, or
	 * later for one added to litestream.yml since, so that a new replica is overdue two
	 * intervals after it appeared, not after Litewatch started.
	 */
	Instant unpassedSince(String database, Set<String> replicas, Instant start, Instant now) {
		Map<String, Instant> passes = lastPassed.getOrDefault(database, Map.of());
		Instant since = start;
		for (String replica : replicas) {
			Instant seen = firstSeen.computeIfAbsent(database + "\n" + replica, (k) -> now);
			if (!passes.containsKey(replica)) {
				since = later(since, seen);
			}
		}
		return since;
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
