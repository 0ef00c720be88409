package io.litewatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.litewatch.health.HealthStatus;
import io.litewatch.history.HistoryRepository;
import io.litewatch.history.HistorySeries;
import io.litewatch.history.SyntheticHistory;
import io.litewatch.testsupport.MigratedSqlite;

/**
 * What one refresh of a database's page reads from the history, before (every raw sample
 * of the range, bucketed in Java) and after (grouped in SQL), on 30 days of polls of one
 * database with one replica; and what the overview's sparklines read once per poll. Rows
 * are counted exactly; times are the median of several reads on this machine. Run by
 * scripts/benchmark-history.sh; a {@code main}, not a test, so no build runs it.
 *
 * <pre>
 * --postgres-url jdbc:postgresql://…   run on PostgreSQL (in a schema of its own, dropped after)
 * --poll 15s --days 30 --databases 4   the history to synthesize
 * </pre>
 */
public final class HistoryReadBenchmark {

	private static final int RUNS = 5;

	private HistoryReadBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<String> list = Arrays.asList(args);
		String postgres = option(list, "--postgres-url", null);
		Duration poll = Duration.ofSeconds(Long.parseLong(option(list, "--poll", "15s").replace("s", "")));
		int days = Integer.parseInt(option(list, "--days", "30"));
		int databases = Integer.parseInt(option(list, "--databases", "4"));
		Path out = Path.of(option(list, "--out", "target/benchmark"));
		Files.createDirectories(out);
		String schema = "litewatch_bench_" + System.currentTimeMillis();
		DataSource dataSource = postgres == null ? sqlite(out) : postgres(postgres, schema);
		try {
			run(dataSource, postgres == null ? "SQLite" : "PostgreSQL", poll, days, databases, out);
		}
		finally {
			if (postgres != null) {
				JdbcClient.create(dataSource).sql("DROP SCHEMA " + schema + " CASCADE").update();
			}
		}
	}

	private static void run(DataSource dataSource, String engine, Duration poll, int days, int databases, Path out)
			throws Exception {
		Instant now = Instant.parse("2026-11-25T12:00:00Z");
		Instant start = now.minus(Duration.ofDays(days));
		long filling = System.nanoTime();
		for (int d = 0; d < databases; d++) {
			String name = "db" + d;
			// A peak now and then, one poll in a thousand that could not tell.
			SyntheticHistory.replicaSamples(dataSource, name, "s3",
					SyntheticHistory.polls(start, now, poll,
							(i, at) -> new SyntheticHistory.Sample(at,
									i % 1000 == 7 ? null : (i % 5000 == 0 ? 300.0 : 1.5),
									600.0 + (i % 240) * poll.toSeconds())));
			SyntheticHistory.databaseSamples(dataSource, name, SyntheticHistory.polls(start, now, poll, (i,
					at) -> new SyntheticHistory.Status(at, i % 5000 < 20 ? HealthStatus.WARNING : HealthStatus.OK)));
		}
		if (engine.equals("PostgreSQL")) {
			// What autovacuum does after a bulk load; without statistics the planner
			// guesses.
			JdbcClient.create(dataSource).sql("ANALYZE").update();
		}
		long rowsPerSeries = Duration.ofDays(days).dividedBy(poll);
		String filled = String.format(Locale.ROOT, "%,d rows per replica and per database, %d databases, in %.1f s",
				rowsPerSeries, databases, (System.nanoTime() - filling) / 1e9);
		// One open connection, as the app's pool hands out: opening one is not part of
		// a read.
		SingleConnectionDataSource connection = new SingleConnectionDataSource(dataSource.getConnection(), true);
		HistoryRepository raw = new HistoryRepository(JdbcClient.create(connection),
				new TransactionTemplate(new DataSourceTransactionManager(connection)));
		HistorySeries grouped = new HistorySeries(JdbcClient.create(connection));
		Duration maxGap = poll.multipliedBy(3);
		List<String> lines = new ArrayList<>();
		lines.add("History reads on " + engine + " (" + filled + "), poll " + poll.toSeconds() + " s; median of " + RUNS
				+ " reads");
		lines.add("");
		lines.add("| database page, range | before: rows (queries) | before: time | after: rows (queries) | "
				+ "after: time |");
		lines.add("|---|---|---|---|---|");
		for (int rangeDays : new int[] { 1, 7, 30 }) {
			if (rangeDays > days) {
				continue;
			}
			Instant from = now.minus(Duration.ofDays(rangeDays));
			// As the page divides its range: 600 slots, now included.
			Duration slot = Duration.ofMillis(Duration.ofDays(rangeDays).toMillis() / 600 + 1);
			Measure before = measure(
					() -> raw.replicaSamples("db0", "s3", from).size() + raw.databaseSamples("db0", from).size());
			Measure after = measure(() -> grouped.replicaSlots("db0", "s3", from, now, slot).size()
					+ grouped.replicaGaps("db0", "s3", from, now, maxGap).size()
					+ grouped.statusChanges("db0", from, maxGap, 51).size());
			lines.add(String.format(Locale.ROOT, "| %s | %,d (2) | %s | %,d (3) | %s |",
					rangeDays == 1 ? "24h" : rangeDays + "d", before.rows(), ms(before.nanos()), after.rows(),
					ms(after.nanos())));
		}
		Instant day = now.minus(Duration.ofHours(24));
		Measure overview = measure(() -> grouped.allReplicaSlots(day, now, Duration.ofMinutes(15)).size()
				+ grouped.allReplicaGaps(day, now, maxGap).size());
		lines.add("");
		lines.add(String.format(Locale.ROOT,
				"overview sparklines, %d replicas, 24 h in 96 slots: %,d rows in 2 queries, %s, once per poll "
						+ "(0 queries per page refresh)",
				databases, overview.rows(), ms(overview.nanos())));
		connection.destroy();
		Files.write(out.resolve("history-" + engine.toLowerCase(Locale.ROOT) + ".md"), lines);
		lines.forEach(System.out::println);
	}

	private record Measure(int rows, long nanos) {
	}

	private static Measure measure(IntSupplier read) {
		int rows = read.getAsInt();
		long[] nanos = new long[RUNS];
		for (int i = 0; i < RUNS; i++) {
			long started = System.nanoTime();
			if (read.getAsInt() != rows) {
				throw new IllegalStateException("a read gave a different count");
			}
			nanos[i] = System.nanoTime() - started;
		}
		Arrays.sort(nanos);
		return new Measure(rows, nanos[RUNS / 2]);
	}

	private static String ms(long nanos) {
		return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
	}

	private static DataSource sqlite(Path out) throws Exception {
		Path file = out.resolve("history-bench.db");
		for (String suffix : List.of("", "-wal", "-shm")) {
			Files.deleteIfExists(Path.of(file + suffix));
		}
		return MigratedSqlite.create(file, Duration.ofSeconds(10));
	}

	private static DataSource postgres(String url, String schema) {
		DriverManagerDataSource admin = new DriverManagerDataSource(url);
		JdbcClient.create(admin).sql("CREATE SCHEMA " + schema).update();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
		Flyway.configure().dataSource(dataSource).schemas(schema).load().migrate();
		return dataSource;
	}

	private static String option(List<String> args, String name, String fallback) {
		int i = args.indexOf(name);
		return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
	}

}
