package io.litewatch.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.litewatch.alert.AlertState.Phase;
import io.litewatch.health.FindingCode;
import io.litewatch.health.Severity;
import io.litewatch.system.EpochMillis;

/**
 * Alert states (the machine's memory across restarts), resolved-alert history and
 * silences.
 */
public class AlertRepository {

	private final JdbcClient jdbc;

	public AlertRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Map<String, AlertState> states() {
		Map<String, AlertState> states = new LinkedHashMap<>();
		jdbc.sql("SELECT * FROM alert_state ORDER BY first_seen_at, alert_key")
			.query(AlertRepository::state)
			.list()
			.forEach((s) -> states.put(s.key(), s));
		return states;
	}

	/**
	 * Replaces all states with {@code states}; called inside the poll's alert
	 * transaction.
	 */
	public void replaceStates(Map<String, AlertState> states) {
		jdbc.sql("DELETE FROM alert_state").update();
		for (AlertState s : states.values()) {
			jdbc.sql("""
					INSERT INTO alert_state (alert_key, database_name, database_path, replica_name, code, phase,
					    severity, message, lag_seconds, consecutive, first_seen_at, last_seen_at, fired_at,
					    notified_at, notified_severity)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(s.key(), s.database(), s.databasePath(), s.replica(), s.code().name(), s.phase().name(),
						s.severity().name(), s.message(), s.lagSeconds(), s.consecutive(),
						EpochMillis.of(s.firstSeenAt()), EpochMillis.of(s.lastSeenAt()), EpochMillis.of(s.firedAt()),
						EpochMillis.of(s.notifiedAt()),
						s.notifiedSeverity() != null ? s.notifiedSeverity().name() : null)
				.update();
		}
	}

	public void recordResolved(AlertState s, Instant resolvedAt) {
		jdbc.sql("""
				INSERT INTO alert_history (id, alert_key, database_name, replica_name, code, severity, message,
				    first_seen_at, fired_at, resolved_at, notified)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID().toString(), s.key(), s.database(), s.replica(), s.code().name(),
					s.severity().name(), s.message(), EpochMillis.of(s.firstSeenAt()), EpochMillis.of(s.firedAt()),
					EpochMillis.of(resolvedAt), s.notifiedAt() != null ? 1 : 0)
			.update();
	}

	public record ResolvedAlert(String database, String replica, FindingCode code, Severity severity, String message,
			Instant firstSeenAt, Instant firedAt, Instant resolvedAt, boolean notified) {
	}

	public List<ResolvedAlert> resolved(int limit) {
		return jdbc.sql("SELECT * FROM alert_history ORDER BY resolved_at DESC LIMIT ?")
			.param(limit)
			.query((rs, n) -> new ResolvedAlert(rs.getString("database_name"), rs.getString("replica_name"),
					FindingCode.valueOf(rs.getString("code")), Severity.valueOf(rs.getString("severity")),
					rs.getString("message"), EpochMillis.read(rs, "first_seen_at"), EpochMillis.read(rs, "fired_at"),
					EpochMillis.read(rs, "resolved_at"), rs.getInt("notified") == 1))
			.list();
	}

	public int deleteResolvedBefore(Instant cutoff) {
		return jdbc.sql("DELETE FROM alert_history WHERE resolved_at < ?").param(cutoff.toEpochMilli()).update();
	}

	// --- silences ---

	public void addSilence(Silence silence) {
		jdbc.sql("INSERT INTO silence (id, database_name, code, reason, created_at, ends_at, created_by)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(silence.id(), silence.database(), silence.code() != null ? silence.code().name() : null,
					silence.reason(), EpochMillis.of(silence.createdAt()), EpochMillis.of(silence.endsAt()),
					silence.createdBy())
			.update();
	}

	/** Ends a silence now; returns false when there was no such active silence. */
	public boolean expireSilence(String id, Instant now) {
		return jdbc.sql("UPDATE silence SET ends_at = ? WHERE id = ? AND ends_at > ?")
			.params(now.toEpochMilli(), id, now.toEpochMilli())
			.update() == 1;
	}

	/**
	 * Deletes silences that ended before {@code now}; they are never shown again, and
	 * would otherwise pile up.
	 */
	public int deleteSilencesEndedBefore(Instant now) {
		return jdbc.sql("DELETE FROM silence WHERE ends_at < ?").param(now.toEpochMilli()).update();
	}

	public List<Silence> activeSilences(Instant now) {
		return jdbc.sql("SELECT * FROM silence WHERE ends_at > ? ORDER BY ends_at")
			.param(now.toEpochMilli())
			.query((rs, n) -> new Silence(rs.getString("id"), rs.getString("database_name"),
					rs.getString("code") != null ? FindingCode.valueOf(rs.getString("code")) : null,
					rs.getString("reason"), EpochMillis.read(rs, "created_at"), EpochMillis.read(rs, "ends_at"),
					rs.getString("created_by")))
			.list();
	}

	private static AlertState state(ResultSet rs, int row) throws SQLException {
		double lag = rs.getDouble("lag_seconds");
		Double lagSeconds = rs.wasNull() ? null : lag;
		String notifiedSeverity = rs.getString("notified_severity");
		return new AlertState(rs.getString("alert_key"), rs.getString("database_name"), rs.getString("database_path"),
				rs.getString("replica_name"), FindingCode.valueOf(rs.getString("code")),
				Phase.valueOf(rs.getString("phase")), Severity.valueOf(rs.getString("severity")),
				rs.getString("message"), lagSeconds, rs.getInt("consecutive"), EpochMillis.read(rs, "first_seen_at"),
				EpochMillis.read(rs, "last_seen_at"), EpochMillis.read(rs, "fired_at"),
				EpochMillis.read(rs, "notified_at"),
				notifiedSeverity != null ? Severity.valueOf(notifiedSeverity) : null);
	}

}
