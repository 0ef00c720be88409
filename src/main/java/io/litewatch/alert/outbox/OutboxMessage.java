package io.litewatch.alert.outbox;

import java.time.Instant;

import io.litewatch.alert.AlertEvent;
import io.litewatch.alert.channel.RenderedMessage;
import io.litewatch.health.Severity;

/**
 * One notification for one channel, rendered when it was queued, with its delivery
 * record.
 */
public record OutboxMessage(String id, String notificationId, String channel, AlertEvent event, String database,
		Severity severity, RenderedMessage message, Status status, int attempts, Instant createdAt,
		Instant nextAttemptAt, Instant lastAttemptAt, Instant sentAt, String lastError) {

	public enum Status {

		PENDING, SENT, DEAD

	}

}
