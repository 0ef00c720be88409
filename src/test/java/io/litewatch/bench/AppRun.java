package io.litewatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.litewatch.bench.PollObserver.Poll;

/**
 * One Litewatch process over one litestream.yml: started, watched poll by poll until its
 * status is complete and then for a number of steady-state polls, and stopped. No Docker
 * Engine is reachable (the Docker host is a socket path that does not exist), so the
 * accessory is reported unreachable; the S3 replicas are listed on every poll regardless,
 * and nothing but that listing sends requests to the proxy.
 */
final class AppRun implements AutoCloseable {

	/** The most polls waited for a complete status before giving up. */
	private static final int MAX_POLLS_TO_COMPLETE = 10;

	private final AppProcess app;

	private final MemorySampler memory;

	private final PollObserver observer;

	private final Duration pollTimeout;

	private final PidFiles pids;

	private boolean closed;

	/**
	 * @param beforeComplete the polls up to and including the first complete one
	 * @param failure why observing stopped early, or null
	 */
	record Outcome(List<Poll> beforeComplete, List<Poll> steady, Duration took, String failure) {

		Poll firstComplete() {
			Poll last = beforeComplete.isEmpty() ? null : beforeComplete.get(beforeComplete.size() - 1);
			return last != null && last.status().allComplete() ? last : null;
		}

	}

	private AppRun(AppProcess app, CountingProxy proxy, Duration pollInterval, PidFiles pids) {
		this.app = app;
		this.pids = pids;
		this.memory = new MemorySampler(app.pid());
		this.observer = new PollObserver(app, proxy);
		// A poll may take long on s3proxy (seconds per LIST page), and the app needs to
		// start.
		this.pollTimeout = pollInterval.multipliedBy(2).plus(Duration.ofMinutes(3));
	}

	/**
	 * @param extra further Spring properties, e.g. the inventory's switch
	 */
	static AppRun start(BenchSettings settings, Path runDir, Path config, Duration pollInterval, List<String> extra,
			CountingProxy proxy, PidFiles pids) throws Exception {
		List<String> properties = new ArrayList<>(List.of("litewatch.litestream-config=" + config,
				"litewatch.poll-interval=" + pollInterval.toMillis() + "ms",
				"litewatch.data-dir=" + runDir.resolve("data").toAbsolutePath(),
				"litewatch.docker.host=unix://" + runDir.resolve("no-docker.sock").toAbsolutePath()));
		properties.addAll(extra);
		AppProcess app = AppProcess.start(settings.jar(), runDir, properties, settings.javaToolOptions(),
				runDir.resolve("app.log"));
		pids.note("litewatch", app.pid());
		try {
			app.awaitServing(Duration.ofMinutes(2));
		}
		catch (RuntimeException | InterruptedException ex) {
			app.close();
			throw ex;
		}
		return new AppRun(app, proxy, pollInterval, pids);
	}

	/** Until the first complete status, then {@code steadyPolls} more polls. */
	Outcome observe(int steadyPolls) throws InterruptedException {
		long started = System.nanoTime();
		List<Poll> beforeComplete = new ArrayList<>();
		List<Poll> steady = new ArrayList<>();
		String failure = null;
		try {
			Poll poll;
			do {
				poll = observer.next(pollTimeout);
				beforeComplete.add(poll);
			}
			while (!poll.status().allComplete() && poll.sequence() < MAX_POLLS_TO_COMPLETE);
			if (!poll.status().allComplete()) {
				failure = "no complete status within " + MAX_POLLS_TO_COMPLETE + " polls ("
						+ poll.status().completeReplicas() + " of " + poll.status().replicas().size()
						+ " replicas complete)";
			}
			else {
				while (steady.size() < steadyPolls) {
					steady.add(observer.next(pollTimeout));
				}
			}
		}
		catch (IllegalStateException ex) {
			failure = ex.getMessage();
		}
		return new Outcome(beforeComplete, steady, Duration.ofNanos(System.nanoTime() - started), failure);
	}

	/** The next poll, for callers that watch for something else (the inventory). */
	Poll nextPoll() throws InterruptedException {
		return observer.next(pollTimeout);
	}

	/**
	 * The raw {@code /api/status} now, kept with a run's logs; empty if it did not
	 * answer.
	 */
	String statusJson() throws InterruptedException {
		return app.statusJson().orElse("");
	}

	/** Final once {@link #close()} has run: it takes the last sample. */
	MemorySampler.Peak memory() {
		return memory.peak();
	}

	/**
	 * The JVM's heap as {@code jcmd GC.heap_info} reports it, to read the RSS against.
	 */
	String heapInfo() throws InterruptedException {
		return app.jcmd("GC.heap_info");
	}

	@Override
	public void close() throws InterruptedException {
		if (closed) {
			return;
		}
		closed = true;
		memory.close();
		app.close();
		pids.forget("litewatch");
	}

}
