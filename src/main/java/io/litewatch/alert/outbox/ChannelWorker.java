package io.litewatch.alert.outbox;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of one channel: a hung SMTP server blocks its email channel's thread
 * only, never another channel's deliveries. A wake-up while the thread is still busy is
 * dropped (the next tick looks again), so nothing queues up behind a hung send.
 */
final class ChannelWorker {

	private static final Logger log = LoggerFactory.getLogger(ChannelWorker.class);

	private final String channel;

	private final Runnable drain;

	private final ThreadPoolExecutor thread;

	private final AtomicBoolean busy = new AtomicBoolean();

	ChannelWorker(String channel, Runnable drain) {
		this.channel = channel;
		this.drain = drain;
		this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1), (task) -> {
			Thread t = new Thread(task, "outbox-" + channel);
			// A send stuck in a socket read ignores interrupts; it must not keep the JVM
			// up.
			t.setDaemon(true);
			return t;
		});
	}

	/** Starts a drain unless one is running; returns whether one was started. */
	boolean wake() {
		if (!busy.compareAndSet(false, true)) {
			return false;
		}
		try {
			thread.execute(this::runDrain);
			return true;
		}
		catch (RejectedExecutionException ex) {
			// Shut down: nothing more is sent.
			busy.set(false);
			return false;
		}
	}

	boolean busy() {
		return busy.get();
	}

	private void runDrain() {
		try {
			drain.run();
		}
		catch (RuntimeException ex) {
			log.error("delivery to channel {} failed; it is tried again at the next dispatch", channel, ex);
		}
		finally {
			busy.set(false);
		}
	}

	/** Takes no more drains and interrupts a running one. */
	void shutdown() {
		thread.shutdownNow();
	}

	/**
	 * Waits until {@code deadline} (nanoTime) for a running drain to end; a send blocked
	 * in I/O ends at its own timeout, so it may still be running (its thread is a
	 * daemon).
	 */
	void awaitTermination(long deadline) throws InterruptedException {
		if (!thread.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
			log.info("delivery to channel {} still running at shutdown; its attempt is retried after the restart",
					channel);
		}
	}

}
