package io.litewatch.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Every poll Litewatch completes, as {@code /api/status} shows it, sampled every 200 ms:
 * polls run with a fixed delay of seconds between them, so none is missed.
 */
final class PollWatch implements AutoCloseable {

	/** A poll first seen at {@code atMillis}. */
	record Seen(long atMillis, long sequence, long durationMs) {
	}

	private final AppProcess app;

	private final Thread thread;

	private final List<Seen> seen = new ArrayList<>();

	private volatile boolean stopped;

	private PollWatch(AppProcess app) {
		this.app = app;
		this.thread = new Thread(this::watch, "poll-watch");
		this.thread.setDaemon(true);
	}

	static PollWatch start(AppProcess app) {
		PollWatch watch = new PollWatch(app);
		watch.thread.start();
		return watch;
	}

	private void watch() {
		long last = 0;
		while (!stopped) {
			try {
				AppStatus status = app.status().orElse(null);
				if (status != null && status.sequence() != null && status.sequence() > last) {
					last = status.sequence();
					synchronized (seen) {
						seen.add(new Seen(System.currentTimeMillis(), last,
								status.pollDurationMs() == null ? -1 : status.pollDurationMs()));
					}
				}
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** The polls first seen in {@code [fromMillis, toMillis)}. */
	List<Seen> between(long fromMillis, long toMillis) {
		synchronized (seen) {
			return seen.stream().filter((s) -> s.atMillis() >= fromMillis && s.atMillis() < toMillis).toList();
		}
	}

	@Override
	public void close() throws InterruptedException {
		stopped = true;
		thread.interrupt();
		thread.join(5000);
	}

}
