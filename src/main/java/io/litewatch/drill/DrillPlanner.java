package io.litewatch.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When each database's next drill is due, and which moment a point-in-time restore aims
 * at. Pure apart from the random source it is given.
 */
public final class DrillPlanner {

	private final DrillProperties properties;

	private final RandomGenerator random;

	public DrillPlanner(DrillProperties properties, RandomGenerator random) {
		this.properties = properties;
		this.random = random;
	}

	/**
	 * @param lastStart the database's last drill on record, or null
	 * @param since when Litewatch started: a database without a drill waits
	 * {@code first-delay} from there
	 */
	public Instant due(String database, Instant lastStart, Instant since) {
		Instant base = lastStart == null ? since.plus(properties.firstDelay())
				: lastStart.plus(properties.interval(database));
		return base.plus(jitter(database, base));
	}

	/**
	 * The same for a given (database, base): a restart does not move a drill, and two
	 * databases due together spread apart.
	 */
	Duration jitter(String database, Instant base) {
		Duration cap = properties.jitter();
		Duration tenth = properties.interval(database).dividedBy(10);
		if (tenth.compareTo(cap) < 0) {
			cap = tenth;
		}
		long capMillis = cap.toMillis();
		if (capMillis <= 0) {
			return Duration.ZERO;
		}
		long hash = (database.hashCode() * 31L) ^ base.toEpochMilli();
		return Duration.ofMillis(Math.floorMod(hash * 0x9E3779B97F4A7C15L, capMillis + 1));
	}

	/**
	 * A random moment in the middle eight tenths of {@code [from, to]}: the ends move
	 * while a drill runs (retention deletes the oldest snapshot; the newest WAL may not
	 * be listed yet), and a restore that misses them because of that would be a false
	 * alarm. Null when the window is shorter than ten seconds (the target is cut to whole
	 * seconds).
	 */
	public Instant pointInTime(Instant from, Instant to) {
		if (from == null || to == null) {
			return null;
		}
		long span = Duration.between(from, to).toMillis();
		if (span < 10_000) {
			return null;
		}
		long offset = span / 10 + random.nextLong(span * 8 / 10 + 1);
		return from.plusMillis(offset);
	}

}
