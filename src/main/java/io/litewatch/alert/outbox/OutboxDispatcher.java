package io.litewatch.alert.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.litewatch.alert.AlertProperties;
import io.litewatch.alert.channel.ChannelRegistry;
import io.litewatch.alert.channel.DeliveryException;
import io.litewatch.alert.channel.NotificationChannel;

/**
 * Delivers what the outbox holds, one message at a time, each failure isolated: a failed
 * attempt is retried after {@code retry-initial × 2^(attempts−1)}, at most
 * {@code retry-max}, until {@code max-attempts}. Delivery is at least once: a crash
 * between sending and recording sends the message again after the restart, with the same
 * notification id for receivers to drop.
 */
public class OutboxDispatcher {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

	private final OutboxRepository outbox;

	private final ChannelRegistry channels;

	private final AlertProperties policy;

	private final Clock clock;

	public OutboxDispatcher(OutboxRepository outbox, ChannelRegistry channels, AlertProperties policy, Clock clock) {
		this.outbox = outbox;
		this.channels = channels;
		this.policy = policy;
		this.clock = clock;
	}

	/** Sends every message that is due; returns how many were sent. */
	public synchronized int dispatch() {
		int sent = 0;
		List<OutboxMessage> due = outbox.due(clock.instant(), 100);
		for (OutboxMessage message : due) {
			if (deliver(message)) {
				sent++;
			}
		}
		return sent;
	}

	private boolean deliver(OutboxMessage message) {
		int attempt = message.attempts() + 1;
		Optional<NotificationChannel> channel = channels.byName(message.channel());
		if (channel.isEmpty()) {
			Instant now = clock.instant();
			outbox.markFailed(message.id(), attempt, now, now, true,
					"channel " + message.channel() + " is no longer configured");
			log.warn("dropped {} notification for {}: channel {} is no longer configured", message.event(),
					message.database(), message.channel());
			return false;
		}
		try {
			channel.get().send(message.message());
			outbox.markSent(message.id(), attempt, clock.instant());
			log.info("delivered {} notification for {} to {} (attempt {})", message.event(), message.database(),
					message.channel(), attempt);
			return true;
		}
		catch (DeliveryException ex) {
			Instant now = clock.instant();
			boolean dead = attempt >= policy.maxAttempts();
			Instant next = now.plus(backoff(attempt));
			outbox.markFailed(message.id(), attempt, now, next, dead, ex.getMessage());
			if (dead) {
				log.error("gave up delivering {} notification for {} to {} after {} attempts: {}", message.event(),
						message.database(), message.channel(), attempt, ex.getMessage());
			}
			else {
				log.warn("delivery of {} notification for {} to {} failed (attempt {}, next at {}): {}",
						message.event(), message.database(), message.channel(), attempt, next, ex.getMessage());
			}
			return false;
		}
	}

	Duration backoff(int attempt) {
		Duration delay = policy.retryInitial().multipliedBy(1L << Math.min(attempt - 1, 20));
		return delay.compareTo(policy.retryMax()) > 0 ? policy.retryMax() : delay;
	}

}
