package io.litewatch.alert.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.litewatch.alert.AlertEvent;
import io.litewatch.alert.channel.Redaction;
import io.litewatch.alert.channel.RenderedMessage;
import io.litewatch.health.Severity;
import io.litewatch.system.EpochMillis;

/**
 * The persisted outbox: a notification is queued in the same transaction as the alert
 * state. Each delivery attempt is written (and committed) before the message is sent, so
 * a message whose result could not be recorded waits for its backoff instead of going out
 * again on every dispatch. Error texts are stored and read back cut by
 * {@link Redaction#errorText}.
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
					EpochMillis.of(m.sentAt()), Redaction.errorText(m.lastError()))
			.update();
	}

	/**
	 * Writes the delivery record of a message inserted before, as memory holds it now
	 * ({@link PendingOutbox}).
	 */
	public void update(OutboxMessage m) {
		jdbc.sql("UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?, sent_at = ?, "
				+ "last_error = ? WHERE id = ?")
			.params(m.status().name(), m.attempts(), EpochMillis.of(m.nextAttemptAt()),
					EpochMillis.of(m.lastAttemptAt()), EpochMillis.of(m.sentAt()), Redaction.errorText(m.lastError()),
					m.id())
			.update();
	}

	/** The channel's pending messages due at {@code now}, oldest due first. */
	public List<OutboxMessage> due(String channel, Instant now, int limit) {
		return jdbc
			.sql("SELECT * FROM outbox WHERE status = 'PENDING' AND next_attempt_at <= ? AND channel = ? "
					+ "ORDER BY next_attempt_at, created_at, id LIMIT ?")
			.params(now.toEpochMilli(), channel, limit)
			.query(OutboxRepository::message)
			.list();
	}

	/** Names of the channels that have pending messages. */
	public List<String> pendingChannels() {
		return jdbc.sql("SELECT DISTINCT channel FROM outbox WHERE status = 'PENDING' ORDER BY channel")
			.query(String.class)
			.list();
	}

	/**
	 * Records an attempt about to be made: one more attempt, made at {@code at}, and,
	 * should its result never be recorded, the next one not before {@code retryAt}. Only
	 * when the message is still pending with {@code attemptsBefore} attempts, so two
	 * dispatchers never both send it.
	 * @return false when the message was not in that state (nothing was changed)
	 */
	public boolean recordAttempt(String id, int attemptsBefore, Instant at, Instant retryAt) {
		return jdbc
			.sql("UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?, next_attempt_at = ? "
					+ "WHERE id = ? AND status = 'PENDING' AND attempts = ?")
			.params(at.toEpochMilli(), retryAt.toEpochMilli(), id, attemptsBefore)
			.update() == 1;
	}

	public void markSent(String id, Instant at) {
		jdbc.sql("UPDATE outbox SET status = 'SENT', sent_at = ?, last_error = NULL WHERE id = ?")
			.params(at.toEpochMilli(), id)
			.update();
	}

	/**
	 * The recorded attempt failed: retry at {@code nextAttemptAt}, or never when
	 * {@code dead}.
	 */
	public void markFailed(String id, Instant nextAttemptAt, boolean dead, String error) {
		jdbc.sql("UPDATE outbox SET status = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
			.params(dead ? "DEAD" : "PENDING", nextAttemptAt.toEpochMilli(), Redaction.errorText(error), id)
			.update();
	}

	/**
	 * Gives up every pending message of a channel, e.g. one that is no longer configured.
	 */
	public int abandon(String channel, Instant at, String error) {
		return jdbc
			.sql("UPDATE outbox SET status = 'DEAD', next_attempt_at = ?, last_error = ? "
					+ "WHERE channel = ? AND status = 'PENDING'")
			.params(at.toEpochMilli(), Redaction.errorText(error), channel)
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
		// Cut on reading too: rows written before the cap existed are shown like new
		// ones.
		return new OutboxMessage(rs.getString("id"), rs.getString("notification_id"), rs.getString("channel"),
				AlertEvent.valueOf(rs.getString("event")), rs.getString("database_name"),
				Severity.valueOf(rs.getString("severity")),
				new RenderedMessage(rs.getString("notification_id"), rs.getString("subject"), rs.getString("body"),
						rs.getString("text_body")),
				OutboxMessage.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
				EpochMillis.read(rs, "created_at"), EpochMillis.read(rs, "next_attempt_at"),
				EpochMillis.read(rs, "last_attempt_at"), EpochMillis.read(rs, "sent_at"),
				Redaction.errorText(rs.getString("last_error")));
	}

}
