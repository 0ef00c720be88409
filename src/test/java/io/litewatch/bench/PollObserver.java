package io.litewatch.bench;

import java.time.Duration;
import java.util.Optional;

import io.litewatch.bench.CountingProxy.Counts;

/**
 * Watches {@code /api/status} for each new poll and charges the poll with the requests
 * the proxy counted since the previous one. Polls run with a fixed delay between them, so
 * sampling every 100 ms sees each poll's end well before the next one starts; if polls
 * were ever skipped, {@code advanced} says how many the counts cover.
 */
final class PollObserver {

	private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);

	private final AppProcess app;

	private final CountingProxy proxy;

	private final Counts start;

	private Counts last;

	private long lastSequence;

	/**
	 * @param status what /api/status said about the poll
	 * @param advanced how many polls since the previous observation (normally 1)
	 * @param proxy requests through the proxy since the previous observed poll
	 * @param proxySinceStart requests through the proxy since the app started
	 */
	record Poll(AppStatus status, long advanced, Counts proxy, Counts proxySinceStart) {

		long sequence() {
			return status.sequence();
		}

	}

	PollObserver(AppProcess app, CountingProxy proxy) {
		this.app = app;
		this.proxy = proxy;
		this.start = proxy.counts();
		this.last = start;
	}

	/** The next completed poll, or an exception after {@code timeout}. */
	Poll next(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!app.alive()) {
				throw new IllegalStateException("Litewatch exited while polls were awaited");
			}
			Optional<AppStatus> status = app.status();
			Long sequence = status.map(AppStatus::sequence).orElse(null);
			if (sequence != null && sequence > lastSequence) {
				Counts now = proxy.counts();
				Poll poll = new Poll(status.get(), sequence - lastSequence, now.minus(last), now.minus(start));
				last = now;
				lastSequence = sequence;
				return poll;
			}
			Thread.sleep(SAMPLE_EVERY.toMillis());
		}
		throw new IllegalStateException("no poll after #" + lastSequence + " within " + timeout);
	}

}
