package io.litewatch.docker;

import java.util.List;

/**
 * A parsed Litestream table plus the log lines printed with it. Litestream 0.3.13 exits 0
 * when the storage backend fails and only logs the failure, so {@link #failed()} (an
 * ERROR line was seen) is what tells "no generations" apart from "could not list
 * generations".
 *
 * @param rows the table rows, in Litestream's order
 * @param errors one-line messages of level=ERROR log lines: msg, then ": " and the error
 * attribute if present
 * @param logLines every log record as printed (a record whose quoted value spans lines
 * stays one entry)
 */
public record CliTable<R>(List<R> rows, List<String> errors, List<String> logLines) {

	public CliTable {
		rows = List.copyOf(rows);
		errors = List.copyOf(errors);
		logLines = List.copyOf(logLines);
	}

	public boolean failed() {
		return !errors.isEmpty();
	}
}
