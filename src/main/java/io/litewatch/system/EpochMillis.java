package io.litewatch.system;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The schema's one convention for instants: epoch milliseconds in BIGINT columns, null
 * allowed.
 */
public final class EpochMillis {

	private EpochMillis() {
	}

	public static Long of(Instant instant) {
		return instant != null ? instant.toEpochMilli() : null;
	}

	public static Instant read(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : Instant.ofEpochMilli(value);
	}

}
