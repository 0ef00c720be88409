package io.litewatch.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.litewatch.system.EpochMillis;

/** The {@code audit_entry} table (see V4__audit.sql). */
public class AuditRepository {

	private final JdbcClient jdbc;

	public AuditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(AuditEntry entry) {
		jdbc.sql(
				"INSERT INTO audit_entry (id, at, actor, action, target, detail, address) VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(entry.id(), EpochMillis.of(entry.at()), entry.actor(), entry.action().name(), entry.target(),
					entry.detail(), entry.address())
			.update();
	}

	/** The newest first. */
	public List<AuditEntry> recent(int limit) {
		return jdbc.sql("SELECT * FROM audit_entry ORDER BY at DESC, id DESC LIMIT ?")
			.param(limit)
			.query((rs, n) -> new AuditEntry(rs.getString("id"), EpochMillis.read(rs, "at"), rs.getString("actor"),
					AuditAction.valueOf(rs.getString("action")), rs.getString("target"), rs.getString("detail"),
					rs.getString("address")))
			.list();
	}

	public int count() {
		return jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Integer.class).single();
	}

	public int deleteBefore(Instant cutoff) {
		return jdbc.sql("DELETE FROM audit_entry WHERE at < ?").param(cutoff.toEpochMilli()).update();
	}

	/**
	 * Keeps about the newest {@code keep} entries: deletes those at or before the instant
	 * of the first one past them (so entries sharing that millisecond go too).
	 */
	public int deleteBeyond(int keep) {
		Optional<Long> cutoff = jdbc.sql("SELECT at FROM audit_entry ORDER BY at DESC LIMIT 1 OFFSET ?")
			.param(keep)
			.query(Long.class)
			.optional();
		return cutoff.map((at) -> jdbc.sql("DELETE FROM audit_entry WHERE at <= ?").param(at).update()).orElse(0);
	}

}
