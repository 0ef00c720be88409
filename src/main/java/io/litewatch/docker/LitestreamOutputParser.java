package io.litewatch.docker;

import io.litewatch.time.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parses the stdout of Litestream 0.3.13's list commands. Pure and stateless: text in,
 * rows out.
 *
 * <p>
 * Litestream writes its tables with Go's tabwriter (padding 2, widths counted in runes)
 * and flushes them only when the command returns, so log lines come before the header
 * (and, when a command fails after writing the header, after it). Cells are cut at the
 * header's column start offsets rather than at whitespace, because paths and replica
 * names may contain spaces.
 */
public final class LitestreamOutputParser {

	private static final int MAX_QUOTE = 200;

	private static final Pattern GENERATION_ID = Pattern.compile("[0-9a-f]{16}");

	private static final Pattern DECIMAL = Pattern.compile("\\d{1,19}");

	private static final Layout<GenerationRow> GENERATIONS = new Layout<>("generations",
			List.of("name", "generation", "lag", "start", "end"), false,
			row -> new GenerationRow(row.text(0), row.generation(1), row.duration(2), row.time(3), row.time(4)));

	private static final Layout<SnapshotRow> SNAPSHOTS = new Layout<>("snapshots",
			List.of("replica", "generation", "index", "size", "created"), false,
			row -> new SnapshotRow(row.text(0), row.generation(1), row.number(2), row.number(3), row.time(4)));

	private static final Layout<WalRow> WAL = new Layout<>("wal",
			List.of("replica", "generation", "index", "offset", "size", "created"), false,
			row -> new WalRow(row.text(0), row.generation(1), row.number(2), row.number(3), row.number(4),
					row.time(5)));

	private static final Layout<DatabaseRow> DATABASES = new Layout<>("databases", List.of("path", "replicas"), true,
			row -> new DatabaseRow(row.text(0), row.list(1)));

	private LitestreamOutputParser() {
	}

	public static CliTable<GenerationRow> generations(String stdout) throws CliOutputException {
		return parse(stdout, GENERATIONS);
	}

	public static CliTable<SnapshotRow> snapshots(String stdout) throws CliOutputException {
		return parse(stdout, SNAPSHOTS);
	}

	public static CliTable<WalRow> wal(String stdout) throws CliOutputException {
		return parse(stdout, WAL);
	}

	public static CliTable<DatabaseRow> databases(String stdout) throws CliOutputException {
		return parse(stdout, DATABASES);
	}

	/**
	 * @param lastMayBeEmpty the last column may be an empty cell ({@code databases} with
	 * no replicas); otherwise it is a single token, so a double space in it means extra
	 * cells
	 */
	private record Layout<R>(String command, List<String> columns, boolean lastMayBeEmpty, Function<Cells, R> mapper) {

		String header() {
			return String.join("  ", columns);
		}
	}

	private static <R> CliTable<R> parse(String stdout, Layout<R> layout) {
		String text = stdout == null ? "" : stdout.replace("\r\n", "\n");
		List<R> rows = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		List<String> logLines = new ArrayList<>();
		int[] starts = null;
		int pos = 0;
		while (pos < text.length()) {
			int eol = text.indexOf('\n', pos);
			if (eol < 0) {
				eol = text.length();
			}
			String line = text.substring(pos, eol);
			if (line.isBlank()) {
				pos = eol + 1;
				continue;
			}
			LogRecord.Kind kind = LogRecord.kindOf(line);
			if (kind != null) {
				int end = LogRecord.recordEnd(text, pos, kind);
				LogRecord record = LogRecord.parse(text.substring(pos, end), kind);
				logLines.add(record.raw());
				if (record.isError()) {
					errors.add(record.summary());
				}
				pos = end + 1;
				continue;
			}
			if (starts == null) {
				starts = headerStarts(line, layout);
			}
			else {
				rows.add(layout.mapper().apply(new Cells(layout, line, split(line, starts, layout))));
			}
			pos = eol + 1;
		}
		if (starts == null && errors.isEmpty()) {
			// Litestream always prints the header unless it failed, and then it logs an
			// ERROR.
			throw new CliOutputException("litestream " + layout.command() + ": expected the Litestream 0.3.13 header '"
					+ layout.header() + "' but the output had " + (logLines.isEmpty() ? "nothing" : "only log lines")
					+ (logLines.isEmpty() ? "" : "; last: " + quote(logLines.get(logLines.size() - 1))));
		}
		return new CliTable<>(rows, errors, logLines);
	}

	/**
	 * Column start offsets (in code points) of a header line, which must be exactly the
	 * expected one.
	 */
	private static int[] headerStarts(String line, Layout<?> layout) {
		String stripped = line.stripTrailing();
		List<String> names = Arrays.asList(stripped.split(" {2,}", -1));
		if (!names.equals(layout.columns()) || stripped.startsWith(" ")) {
			throw new CliOutputException("litestream " + layout.command() + ": expected the Litestream 0.3.13 header '"
					+ layout.header() + "' but got " + quote(line) + hintForOtherVersion(stripped));
		}
		int[] cps = stripped.codePoints().toArray();
		int[] starts = new int[names.size()];
		int col = 0;
		for (int i = 0; i < cps.length && col < starts.length; i++) {
			if (cps[i] != ' ' && (i == 0 || cps[i - 1] == ' ')) {
				starts[col++] = i;
			}
		}
		return starts;
	}

	private static String hintForOtherVersion(String header) {
		List<String> names = List.of(header.split(" {2,}"));
		if (names.equals(List.of("path", "replica")) || names.contains("min_txid") || header.startsWith("database ")) {
			return " (this looks like Litestream 0.5 output)";
		}
		return "";
	}

	/**
	 * Cuts a row at the header's column starts. Each non-last cell must end in at least
	 * the two padding spaces tabwriter adds and the next cell must start exactly at its
	 * column; anything else means the row has more or fewer cells than the header.
	 */
	private static String[] split(String line, int[] starts, Layout<?> layout) {
		int[] cps = line.codePoints().toArray();
		int last = starts.length - 1;
		if (cps.length < starts[last] || cps[0] == ' ') {
			throw cellCount(line, layout);
		}
		String[] cells = new String[starts.length];
		for (int c = 0; c < starts.length; c++) {
			int from = starts[c];
			int to = c == last ? cps.length : starts[c + 1];
			if (c > 0 && (cps[from - 1] != ' ' || cps[from - 2] != ' ')) {
				throw cellCount(line, layout);
			}
			String cell = new String(cps, from, to - from).stripTrailing();
			boolean emptyAllowed = c == last && layout.lastMayBeEmpty();
			if (cell.isEmpty() && !emptyAllowed || cell.startsWith(" ")) {
				throw cellCount(line, layout);
			}
			if (c == last && !layout.lastMayBeEmpty() && cell.contains("  ")) {
				throw cellCount(line, layout);
			}
			cells[c] = cell;
		}
		return cells;
	}

	private static CliOutputException cellCount(String line, Layout<?> layout) {
		return new CliOutputException("litestream " + layout.command() + ": row " + quote(line) + " does not have the "
				+ layout.columns().size() + " cells of the header '" + layout.header() + "' at its column offsets");
	}

	static String quote(String line) {
		String oneLine = line.replace("\n", "\\n");
		return "'" + (oneLine.length() > MAX_QUOTE ? oneLine.substring(0, MAX_QUOTE) + "…" : oneLine) + "'";
	}

	/**
	 * Typed access to one row's cells; every failure names the column, the value and the
	 * line.
	 */
	private record Cells(Layout<?> layout, String line, String[] cells) {

		String text(int i) {
			return cells[i];
		}

		String generation(int i) {
			if (!GENERATION_ID.matcher(cells[i]).matches()) {
				throw bad(i, "a generation ID of 16 lowercase hex digits", null);
			}
			return cells[i];
		}

		long number(int i) {
			if (!DECIMAL.matcher(cells[i]).matches()) {
				throw bad(i, "a non-negative decimal integer", null);
			}
			try {
				return Long.parseLong(cells[i]);
			}
			catch (NumberFormatException ex) {
				throw bad(i, "a non-negative decimal integer", ex);
			}
		}

		Duration duration(int i) {
			try {
				return GoDuration.parse(cells[i]);
			}
			catch (IllegalArgumentException ex) {
				throw bad(i, "a Go duration such as 332ms, -1.3s or 26h0m0s", ex);
			}
		}

		Instant time(int i) {
			try {
				return Instant.parse(cells[i]);
			}
			catch (DateTimeParseException ex) {
				throw bad(i, "an RFC 3339 UTC time such as 2026-11-25T03:04:23Z", ex);
			}
		}

		/**
		 * Replica names joined by commas without spaces; names themselves may hold
		 * spaces.
		 */
		List<String> list(int i) {
			return cells[i].isEmpty() ? List.of() : List.of(cells[i].split(",", -1));
		}

		private CliOutputException bad(int i, String expected, Throwable cause) {
			return new CliOutputException("litestream " + layout.command() + ": bad " + layout.columns().get(i) + " "
					+ quote(cells[i]) + " (expected " + expected + ") in row " + quote(line), cause);
		}
	}

}
