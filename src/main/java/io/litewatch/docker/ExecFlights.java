package io.litewatch.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * At most one run per command (the whole argv) at a time. A run that timed out and could
 * not be stopped stays tracked until the accessory says it ended; until then the same
 * command is refused with {@link ExecStillRunningException} instead of piling up another
 * process behind a hung backend.
 *
 * <p>
 * One entry per distinct command, and the commands come from the configuration, so the
 * map is small; entries of runs that ended are dropped when the command is asked for
 * again, and all of them are checked once the map holds more than {@link #SWEEP_ABOVE}
 * (commands of databases removed from the configuration are never asked for again).
 *
 * @param <H> what identifies a run to the accessory: an exec ID, a process
 */
final class ExecFlights<H> {

	static final int SWEEP_ABOVE = 32;

	/**
	 * One run. Identity, not value, equality: a reservation must only ever be replaced or
	 * removed by the call that made it.
	 */
	static final class Flight<H> {

		private final H handle;

		private final long startedNanos;

		private Flight(H handle, long startedNanos) {
			this.handle = handle;
			this.startedNanos = startedNanos;
		}

		/** Null while the run is being started by this JVM. */
		H handle() {
			return handle;
		}

	}

	private final ConcurrentMap<List<String>, Flight<H>> flights = new ConcurrentHashMap<>();

	private final String where;

	private final LongSupplier nanoTime;

	/**
	 * @param where how the accessory's runs are described in the refusal, e.g. "in
	 * container litestream"
	 * @param nanoTime a monotonic clock, {@code System::nanoTime} outside tests
	 */
	ExecFlights(String where, LongSupplier nanoTime) {
		this.where = where;
		this.nanoTime = nanoTime;
	}

	/**
	 * Reserves {@code command} for the caller, which must then call
	 * {@link #started(List, Flight, Object)} or {@link #release(List, Flight)}.
	 * @param stillRunning asks the accessory whether a run is still going; may throw when
	 * the accessory cannot answer
	 * @throws ExecStillRunningException while an earlier run of the same command has not
	 * ended
	 */
	Flight<H> reserve(List<String> command, Predicate<H> stillRunning) {
		if (flights.size() > SWEEP_ABOVE) {
			sweep(stillRunning);
		}
		Flight<H> mine = new Flight<>(null, nanoTime.getAsLong());
		while (true) {
			Flight<H> previous = flights.putIfAbsent(command, mine);
			if (previous == null) {
				return mine;
			}
			if (previous.handle() != null && !stillRunning.test(previous.handle())) {
				flights.remove(command, previous);
				continue;
			}
			throw new ExecStillRunningException(command, Duration.ofNanos(nanoTime.getAsLong() - previous.startedNanos),
					where);
		}
	}

	/** The reserved run has started as {@code handle}. */
	Flight<H> started(List<String> command, Flight<H> reservation, H handle) {
		Flight<H> running = new Flight<>(handle, reservation.startedNanos);
		flights.replace(command, reservation, running);
		return running;
	}

	/** The run is known to have ended (or never started). */
	void release(List<String> command, Flight<H> flight) {
		flights.remove(command, flight);
	}

	int size() {
		return flights.size();
	}

	void clear() {
		flights.clear();
	}

	private void sweep(Predicate<H> stillRunning) {
		for (Map.Entry<List<String>, Flight<H>> entry : flights.entrySet()) {
			Flight<H> flight = entry.getValue();
			if (flight.handle() != null && !stillRunning.test(flight.handle())) {
				flights.remove(entry.getKey(), flight);
			}
		}
	}

}
