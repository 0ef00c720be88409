package io.litewatch.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The one thread that writes what the polls produced (history, alert state,
 * notifications) to Litewatch's own database. A poll only hands its result to each
 * {@link Backlog} in memory and wakes this thread, so a store that another process has
 * locked, a full disk or a database that is down delays no poll, page or heartbeat: it
 * shows as STORE_FAILED, and what waits is written once the store takes writes again.
 * <p>
 * Each backlog keeps its own bound: what would grow past it is dropped there, oldest
 * first, and said so.
 */
public class StoreWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

	/** How soon a refused write is tried again when no poll wakes the writer first. */
	static final Duration RETRY = Duration.ofSeconds(2);

	static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

	/** How long a stop waits for the last writes (a locked store would make it wait). */
	static final Duration STOP_GRACE = Duration.ofSeconds(5);

	/** What waits to be written by one capability. */
	public interface Backlog {

		/** What is written, as the STORE_FAILED finding names it ("history"). */
		String what();

		boolean hasWork();

		/**
		 * Writes what waits; what was written leaves the backlog, so a failure part-way
		 * writes nothing twice.
		 * @throws RuntimeException when the store refuses
		 */
		void flush();

		/** What waits, for the finding ("12 polls"); null when nothing does. */
		String waiting();

	}

	private final StoreHealth health;

	private final Clock clock;

	private final List<Backlog> backlogs = new CopyOnWriteArrayList<>();

	private final Map<String, Failing> failing = new ConcurrentHashMap<>();

	private final Object signal = new Object();

	private boolean woken;

	private volatile boolean running;

	private Thread thread;

	public StoreWriter(StoreHealth health, Clock clock) {
		this.health = health;
		this.clock = clock;
	}

	public <T extends Backlog> T register(T backlog) {
		backlogs.add(backlog);
		return backlog;
	}

	/** Something waits: write it now rather than at the next retry. Never blocks. */
	public void wake() {
		synchronized (signal) {
			woken = true;
			signal.notifyAll();
		}
	}

	/**
	 * Writes what every backlog holds on the calling thread, one backlog after the other;
	 * the writer thread does this after every wake-up, tests call it directly.
	 * @return whether every backlog was written
	 */
	public synchronized boolean flush() {
		boolean all = true;
		for (Backlog backlog : backlogs) {
			if (!backlog.hasWork()) {
				continue;
			}
			try {
				backlog.flush();
				succeeded(backlog);
			}
			catch (RuntimeException ex) {
				all = false;
				failed(backlog, ex);
			}
		}
		return all;
	}

	private void succeeded(Backlog backlog) {
		health.succeeded(backlog.what());
		Failing was = failing.remove(backlog.what());
		if (was != null) {
			log.info("Writing {} again after {} refused attempt(s) since {}", backlog.what(), was.attempts, was.since);
		}
	}

	private void failed(Backlog backlog, RuntimeException ex) {
		String waiting = backlog.waiting();
		health.failed(backlog.what(), ex, waiting);
		Instant now = clock.instant();
		Failing state = failing.computeIfAbsent(backlog.what(), (k) -> new Failing(now));
		state.attempts++;
		if (state.lastLogged != null && now.isBefore(state.lastLogged.plus(LOG_INTERVAL))) {
			state.unlogged++;
			return;
		}
		// The cause's message only: SQL here carries placeholders, never values, and the
		// JDBC URL (which may hold a password) is not part of it. The trace goes to
		// DEBUG.
		Throwable cause = RootCause.of(ex);
		log.warn(
				"Could not write {} to Litewatch's database{}: {}: {}; {} wait{} in memory and are written once it "
						+ "takes writes again",
				backlog.what(), state.unlogged > 0 ? " (" + state.unlogged + " more refusal(s) not logged)" : "",
				cause.getClass().getSimpleName(), cause.getMessage(), waiting != null ? waiting : "nothing",
				waiting != null ? "" : "s");
		log.debug("store write failure", ex);
		state.lastLogged = now;
		state.unlogged = 0;
	}

	@Override
	public void start() {
		running = true;
		thread = new Thread(this::run, "store-writer");
		// A write stuck on a lock ends at the driver's busy timeout; it must not keep the
		// JVM up.
		thread.setDaemon(true);
		thread.start();
	}

	private void run() {
		boolean retry = false;
		while (running) {
			try {
				synchronized (signal) {
					if (!woken) {
						signal.wait(retry ? RETRY.toMillis() : 0);
					}
					woken = false;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (!running) {
				return;
			}
			try {
				retry = !flush();
			}
			catch (Throwable ex) {
				// An Error from the driver (a native library, memory) must not end the
				// one
				// thread that writes: it shows as STORE_FAILED and is tried again.
				log.error("Writing to Litewatch's database failed unexpectedly; trying again in {}s", RETRY.toSeconds(),
						ex);
				backlogs.forEach((b) -> health.failed(b.what(), new IllegalStateException(ex.toString()), b.waiting()));
				retry = true;
			}
		}
	}

	/**
	 * After the polls stopped: the last writes, so a restart neither repeats nor forgets
	 * a notification; given up after {@link #STOP_GRACE} when the store stays locked.
	 */
	@Override
	public void stop() {
		running = false;
		wake();
		Thread current = thread;
		if (current != null) {
			try {
				current.join(STOP_GRACE.toMillis());
				Thread last = new Thread(this::flush, "store-writer-last");
				last.setDaemon(true);
				last.start();
				last.join(STOP_GRACE.toMillis());
				if (last.isAlive()) {
					log.warn("Litewatch's database took no writes within {}s of the stop; what waited in memory "
							+ "is lost", STOP_GRACE.toSeconds());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		thread = null;
	}

	@Override
	public boolean isRunning() {
		return thread != null;
	}

	/** Stops after the polls (the default phase) and starts before them. */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE - 1;
	}

	private static final class Failing {

		private final Instant since;

		private int attempts;

		private int unlogged;

		private Instant lastLogged;

		Failing(Instant since) {
			this.since = since;
		}

	}

}
