package io.litewatch.history;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.litewatch.config.DbConfig;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.DbFileState;
import io.litewatch.health.Finding;
import io.litewatch.health.HealthStatus;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.testsupport.ReplicaStatuses;
import io.litewatch.health.AccessoryState;
import io.litewatch.poll.ConfigState;
import io.litewatch.poll.PollResult;

/** Real SQLite files and synthetic polls built from the real records. */
final class HistoryFixtures {

	static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

	static final String GENERATION = "00fbc4bd93036238";

	private HistoryFixtures() {
	}

	/**
	 * A SQLite file with the app's pragmas, migrated by Flyway's Java API like at
	 * startup.
	 */
	static DataSource migratedSqlite(Path file) {
		DataSource dataSource = sqlite(file);
		Flyway.configure().dataSource(dataSource).load().migrate();
		return dataSource;
	}

	static DataSource sqlite(Path file) {
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.enforceForeignKeys(true);
		config.setBusyTimeout(10_000);
		SQLiteDataSource dataSource = new SQLiteDataSource(config);
		dataSource.setUrl("jdbc:sqlite:" + file);
		return dataSource;
	}

	static HistoryRepository repository(DataSource dataSource) {
		return new HistoryRepository(JdbcClient.create(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
	}

	static ReplicaConfig replicaConfig(String name) {
		return new ReplicaConfig(name, "s3", "s3://backups/" + name, "backups", name, "http://127.0.0.1:9000",
				"us-east-1", true, false, null, Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(24),
				Duration.ofHours(1), Duration.ZERO, 5);
	}

	/** A replica with its figures; {@code lag} null means "unknown". */
	static ReplicaStatus replica(String name, Duration lag, Finding... findings) {
		Instant restoreFrom = T0.minus(Duration.ofHours(20));
		return ReplicaStatuses.replica(replicaConfig(name))
			.findings(findings)
			.lag(lag, "db-file")
			.lastSyncAt(T0.minusSeconds(2))
			.snapshots(T0.minusSeconds(1200), Duration.ofSeconds(1200), 2)
			.restore(restoreFrom, T0.minusSeconds(2), "snapshots")
			.s3Requests(3)
			.generation(GENERATION, 1, restoreFrom)
			.wal(7, 4152)
			.generationEnds(Map.of(GENERATION, T0.minusSeconds(2)))
			.generationFirstSeen(Map.of(GENERATION, restoreFrom))
			.build();
	}

	static DatabaseStatus database(String name, List<Finding> findings, ReplicaStatus... replicas) {
		List<ReplicaStatus> list = List.of(replicas);
		DbConfig config = new DbConfig("/data/" + name + ".db", name, "/data/." + name + ".db-litestream",
				Duration.ofSeconds(1), Duration.ofMinutes(1),
				Arrays.stream(replicas).map(ReplicaStatus::config).toList(), 3);
		return new DatabaseStatus(config, DatabaseStatus.worstOf(findings, list), findings,
				new DbFileState(true, 4096, T0.minusSeconds(3), null), LitestreamView.none("not asked"), list);
	}

	static PollResult poll(long sequence, Instant checkedAt, List<Finding> findings, DatabaseStatus... databases) {
		HealthStatus status = HealthStatus.of(findings);
		for (DatabaseStatus db : databases) {
			status = status.worse(db.status());
		}
		return new PollResult(sequence, checkedAt, Duration.ofMillis(850), status, findings,
				new ConfigState(Path.of("/etc/litestream.yml"), true, 0, null, T0.minus(Duration.ofDays(1)), false),
				new AccessoryState("unix:///var/run/docker.sock", "litestream", null, null, null, "not asked"),
				List.of(databases));
	}

	static PollResult poll(long sequence, Instant checkedAt, DatabaseStatus... databases) {
		return poll(sequence, checkedAt, List.of(), databases);
	}

}
