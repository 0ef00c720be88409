package io.litewatch.alert.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.litewatch.alert.AlertProperties;
import io.litewatch.alert.channel.DeliveryException;
import io.litewatch.alert.channel.NotificationChannel;

/**
 * Delivers what the outbox holds. Every channel has a thread of its own
 * ({@link ChannelWorker}) that sends that channel's due messages one at a time, in queue
 * order, so a slow or hung channel delays nobody else.
 * <p>
 * An attempt is recorded (attempts + 1, next try after the backoff) and committed
 * <em>before</em> the message is sent, then the result is recorded. A failure is retried
 * after {@code retry-initial × 2^(attempts−1)}, at most {@code retry-max}, until
 * {@code max-attempts}. Delivery is at least once: if the process dies mid-send or the
 * result cannot be written, the message goes out again after its backoff (not on every
 * tick), with the same notification id for receivers to drop. If the attempt itself
 * cannot be recorded, nothing is sent.
 */
public class OutboxDispatcher implements SmartLifecycle, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

	/** Messages a channel looks at per dispatch; the rest waits for the next tick. */
	static final int BATCH_SIZE = 100;

	private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

	private final OutboxRepository outbox;

	private final PendingOutbox pending;

	private final AlertProperties policy;

	private final Clock clock;

	private final Map<String, NotificationChannel> channels = new LinkedHashMap<>();

	private final Map<String, ChannelWorker> workers = new LinkedHashMap<>();

	public OutboxDispatcher(OutboxRepository outbox, PendingOutbox pending, List<NotificationChannel> channels,
			AlertProperties policy, Clock clock) {
		this.outbox = outbox;
		this.pending = pending;
		this.policy = policy;
		this.clock = clock;
		for (NotificationChannel channel : channels) {
			this.channels.put(channel.name(), channel);
			this.workers.put(channel.name(), new ChannelWorker(channel.name(), () -> deliverDue(channel)));
		}
	}

	/**
	 * Wakes every channel whose thread is idle (a busy one carries on and is looked at
	 * again next time) and gives up messages of channels that are no longer configured.
	 * Returns at once; the sending happens on the channels' threads.
	 */
	public void dispatch() {
		try {
			abandonUnknownChannels();
		}
		catch (RuntimeException ex) {
			log.warn("could not check the outbox for removed channels: {}", ex.toString());
		}
		workers.values().forEach(ChannelWorker::wake);
	}

	/** Whether the channel's thread is sending right now (for tests and diagnostics). */
	boolean busy(String channel) {
		ChannelWorker worker = workers.get(channel);
		return worker != null && worker.busy();
	}

	/**
	 * Sends the channel's due messages in order on the calling thread, those the store
	 * does not hold yet first (they are the newest decisions, made while it refused
	 * writes); stops at the first failure, as the next message would most likely wait for
	 * the same timeout.
	 * @return how many were sent
	 */
	int deliverDue(NotificationChannel channel) {
		int sent = 0;
		while (sent < BATCH_SIZE && !Thread.currentThread().isInterrupted()) {
			Optional<OutboxMessage> next = pending.claimNext(channel.name(), clock.instant(), this::backoff);
			if (next.isEmpty()) {
				break;
			}
			if (!deliverFromMemory(channel, next.get())) {
				return sent;
			}
			sent++;
		}
		for (OutboxMessage message : outbox.due(channel.name(), clock.instant(), BATCH_SIZE)) {
			if (Thread.currentThread().isInterrupted()) {
				break;
			}
			if (pending.holds(message.id())) {
				continue;
			}
			Outcome outcome = deliver(channel, message);
			if (outcome == Outcome.SENT) {
				sent++;
			}
			else if (outcome == Outcome.FAILED || outcome == Outcome.NOT_RECORDED) {
				break;
			}
		}
		return sent;
	}

	private enum Outcome {

		SENT, FAILED, NOT_RECORDED, SKIPPED

	}

	private Outcome deliver(NotificationChannel channel, OutboxMessage message) {
		Instant started = clock.instant();
		int attempt = message.attempts() + 1;
		if (message.attempts() >= policy.maxAttempts()) {
			// The last allowed attempt was recorded but its result never was (a crash
			// mid-send).
			outbox.markFailed(message.id(), started, true, "gave up after " + message.attempts()
					+ " attempts; the result of the last one is unknown (interrupted before it was recorded)");
			log.error("gave up delivering {} notification for {} to {} after {} attempts", message.event(),
					message.database(), message.channel(), message.attempts());
			return Outcome.SKIPPED;
		}
		try {
			if (!outbox.recordAttempt(message.id(), message.attempts(), started, started.plus(backoff(attempt)))) {
				return Outcome.SKIPPED;
			}
		}
		catch (RuntimeException ex) {
			log.warn("not sending {} notification for {} to {}: could not record the attempt: {}", message.event(),
					message.database(), message.channel(), ex.toString());
			return Outcome.NOT_RECORDED;
		}
		String error = send(channel, message);
		if (error != null) {
			failed(message, attempt, error, (next, dead) -> {
				try {
					outbox.markFailed(message.id(), next, dead, error);
				}
				catch (RuntimeException ex) {
					// The attempt recorded before sending already holds a backoff.
					log.warn("could not record the failed attempt {} of {} notification for {} to {}: {}", attempt,
							message.event(), message.database(), message.channel(), ex.toString());
				}
			});
			return Outcome.FAILED;
		}
		try {
			outbox.markSent(message.id(), clock.instant());
		}
		catch (RuntimeException ex) {
			log.error(
					"delivered {} notification for {} to {} but could not record it ({}); it is sent again after "
							+ "its backoff, with the same notification id",
					message.event(), message.database(), message.channel(), ex.toString());
			return Outcome.SENT;
		}
		log.info("delivered {} notification for {} to {} (attempt {}, {} ms)", message.event(), message.database(),
				message.channel(), attempt, Duration.between(started, clock.instant()).toMillis());
		return Outcome.SENT;
	}

	/**
	 * Sends a message the store does not hold yet; its attempt was counted when it was
	 * claimed.
	 * @return whether it went out
	 */
	private boolean deliverFromMemory(NotificationChannel channel, OutboxMessage message) {
		String error = send(channel, message);
		if (error != null) {
			failed(message, message.attempts(), error, (next, dead) -> pending.failed(message.id(), next, dead, error));
			return false;
		}
		pending.sent(message.id(), clock.instant());
		log.info(
				"delivered {} notification for {} to {} (attempt {}, {} ms; not yet recorded: the store takes no "
						+ "writes)",
				message.event(), message.database(), message.channel(), message.attempts(),
				Duration.between(message.lastAttemptAt(), clock.instant()).toMillis());
		return true;
	}

	/**
	 * @return null when it went out, else why not: an unexpected exception by its type
	 * only, as its message was never checked for secrets
	 */
	private static String send(NotificationChannel channel, OutboxMessage message) {
		try {
			channel.send(message.message());
			return null;
		}
		catch (DeliveryException ex) {
			return ex.getMessage();
		}
		catch (RuntimeException ex) {
			log.debug("unexpected delivery failure", ex);
			return "unexpected " + ex.getClass().getSimpleName() + " while sending";
		}
	}

	/**
	 * A failed attempt: tried again after its backoff, or given up at the last; where
	 * that is recorded ({@code record}: when next, whether dead) depends on who holds the
	 * message.
	 */
	private void failed(OutboxMessage message, int attempt, String error, BiConsumer<Instant, Boolean> record) {
		boolean dead = attempt >= policy.maxAttempts();
		Instant next = clock.instant().plus(backoff(attempt));
		record.accept(next, dead);
		if (dead) {
			log.error("gave up delivering {} notification for {} to {} after {} attempts: {}", message.event(),
					message.database(), message.channel(), attempt, error);
		}
		else {
			log.warn("delivery of {} notification for {} to {} failed (attempt {}, next at {}): {}", message.event(),
					message.database(), message.channel(), attempt, next, error);
		}
	}

	private void abandonUnknownChannels() {
		for (String name : outbox.pendingChannels()) {
			if (!channels.containsKey(name)) {
				int dropped = outbox.abandon(name, clock.instant(), "channel " + name + " is no longer configured");
				log.warn("dropped {} pending notification(s): channel {} is no longer configured", dropped, name);
			}
		}
	}

	Duration backoff(int attempt) {
		Duration delay = policy.retryInitial().multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
		return delay.compareTo(policy.retryMax()) > 0 ? policy.retryMax() : delay;
	}

	private volatile boolean running;

	@Override
	public void start() {
		running = true;
	}

	/**
	 * Before the store writer stops (it stops after the default phase): a send that ends
	 * now is still recorded by its last writes.
	 */
	@Override
	public void stop() {
		running = false;
		try {
			close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Stops the channels' threads (at stop, and on context close). */
	@Override
	public void close() throws InterruptedException {
		workers.values().forEach(ChannelWorker::shutdown);
		long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
		for (ChannelWorker worker : workers.values()) {
			worker.awaitTermination(deadline);
		}
	}

}
