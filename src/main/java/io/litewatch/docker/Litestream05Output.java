package io.litewatch.docker;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pure parser of what Litestream 0.5 prints with {@code -json}. Its log lines go to
 * stdout too (unless {@code logging.stderr}), so any line before the JSON is skipped.
 */
public final class Litestream05Output {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Litestream05Output() {
	}

	/**
	 * One element of {@code litestream status -json}.
	 *
	 * @param localTxid null when the database has no local LTX file yet ({@code "-"})
	 */
	public record StatusRow(String database, String status, Long localTxid) {
	}

	/**
	 * {@code status -json}: {@code [{"database", "status", "local_txid", "wal_size"}]}.
	 */
	public static List<StatusRow> status(String stdout) throws CliOutputException {
		List<StatusRow> rows = new ArrayList<>();
		for (JsonNode row : array(stdout, "status")) {
			String txid = text(row, "local_txid");
			rows.add(new StatusRow(text(row, "database"), text(row, "status"), txid(txid)));
		}
		return rows;
	}

	/** {@code databases -json}: {@code [{"path", "replica"}]}. */
	public static List<DatabaseRow> databases(String stdout) throws CliOutputException {
		List<DatabaseRow> rows = new ArrayList<>();
		for (JsonNode row : array(stdout, "databases")) {
			String replica = text(row, "replica");
			rows.add(new DatabaseRow(text(row, "path"),
					replica == null || replica.isEmpty() ? List.of() : List.of(replica)));
		}
		return rows;
	}

	private static Long txid(String text) {
		if (text == null || text.equals("-") || text.isEmpty()) {
			return null;
		}
		if (!text.matches("[0-9a-f]{16}")) {
			throw new CliOutputException("a TXID is 16 hex digits, not \"" + shorten(text) + "\"");
		}
		return Long.parseUnsignedLong(text, 16);
	}

	private static String text(JsonNode row, String field) {
		JsonNode value = row.get(field);
		return value == null || value.isNull() ? null : value.asString();
	}

	private static JsonNode array(String stdout, String command) {
		String text = stdout == null ? "" : stdout;
		int start = text.indexOf("\n[");
		start = text.startsWith("[") ? 0 : start < 0 ? -1 : start + 1;
		if (start < 0) {
			throw new CliOutputException("`" + command + " -json` printed no JSON array");
		}
		JsonNode node;
		try {
			node = JSON.readTree(text.substring(start));
		}
		catch (JacksonException ex) {
			throw new CliOutputException(
					"`" + command + " -json` printed JSON that does not parse: " + shorten(ex.getOriginalMessage()));
		}
		if (node == null || !node.isArray()) {
			throw new CliOutputException("`" + command + " -json` printed no JSON array");
		}
		for (JsonNode row : node) {
			if (!row.isObject()) {
				throw new CliOutputException("`" + command + " -json` printed an array of something else than objects");
			}
		}
		return node;
	}

	/** Messages quote what was printed, and a line of output can be long. */
	private static String shorten(String s) {
		return s == null ? "" : s.length() > 120 ? s.substring(0, 120) + "…" : s;
	}

}
