package io.litewatch.alert.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.litewatch.alert.AlertEvent;
import io.litewatch.alert.channel.RenderedMessage;
import io.litewatch.health.Severity;
import io.litewatch.system.EpochMillis;

/**
 * The persisted outbox: a notification is queued in the same transaction as the alert
 * state.
 */
public class OutboxRepository {

	private final JdbcClient jdbc;

	public OutboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void enqueue(OutboxMessage m) {
		jdbc.sql("""
				INSERT INTO outbox (id, notification_id, channel, event, database_name, severity, subject, body,
				    text_body, status, attempts, created_at, next_attempt_at, last_attempt_at, sent_at, last_error)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(m.id(), m.notificationId(), m.channel(), m.event().name(), m.database(), m.severity().name(),
					m.message().subject(), m.message().body(), m.message().text(), m.status().name(), m.attempts(),
					EpochMillis.of(m.createdAt()), EpochMillis.of(m.nextAttemptAt()), EpochMillis.of(m.lastAttemptAt()),
					EpochMillis.of(m.sentAt()), m.lastError())
			.update();
	}

	public List<OutboxMessage> due(Instant now, int limit) {
		return jdbc
			.sql("SELECT * FROM outbox WHERE status = 'PENDING' AND next_attempt_at <= ? "
					+ "ORDER BY next_attempt_at, created_at LIMIT ?")
			.params(now.toEpochMilli(), limit)
			.query(OutboxRepository::message)
			.list();
	}

	public void markSent(String id, int attempts, Instant at) {
		jdbc.sql("UPDATE outbox SET status = 'SENT', attempts = ?, last_attempt_at = ?, sent_at = ?, last_error = NULL "
				+ "WHERE id = ?")
			.params(attempts, at.toEpochMilli(), at.toEpochMilli(), id)
			.update();
	}

	public void markFailed(String id, int attempts, Instant at, Instant nextAttemptAt, boolean dead, String error) {
		jdbc.sql("UPDATE outbox SET status = ?, attempts = ?, last_attempt_at = ?, next_attempt_at = ?, last_error = ? "
				+ "WHERE id = ?")
			.params(dead ? "DEAD" : "PENDING", attempts, at.toEpochMilli(), nextAttemptAt.toEpochMilli(), error, id)
			.update();
	}

	public List<OutboxMessage> recent(int limit) {
		return jdbc.sql("SELECT * FROM outbox ORDER BY created_at DESC, id LIMIT ?")
			.param(limit)
			.query(OutboxRepository::message)
			.list();
	}

	public int deleteFinishedBefore(Instant cutoff) {
		return jdbc.sql("DELETE FROM outbox WHERE status <> 'PENDING' AND created_at < ?")
			.param(cutoff.toEpochMilli())
			.update();
	}

	private static OutboxMessage message(ResultSet rs, int row) throws SQLException {
		return new OutboxMessage(rs.getString("id"), rs.getString("notification_id"), rs.getString("channel"),
				AlertEvent.valueOf(rs.getString("event")), rs.getString("database_name"),
				Severity.valueOf(rs.getString("severity")),
				new RenderedMessage(rs.getString("notification_id"), rs.getString("subject"), rs.getString("body"),
						rs.getString("text_body")),
				OutboxMessage.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
				EpochMillis.read(rs, "created_at"), EpochMillis.read(rs, "next_attempt_at"),
				EpochMillis.read(rs, "last_attempt_at"), EpochMillis.read(rs, "sent_at"), rs.getString("last_error"));
	}

}
