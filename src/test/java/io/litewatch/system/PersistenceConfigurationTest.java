package io.litewatch.system;

import java.nio.file.Path;
import java.sql.Connection;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.litewatch.history.PollRun;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import io.litewatch.config.DbConfig;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.DbFileState;
import io.litewatch.health.HealthStatus;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.testsupport.ReplicaStatuses;
import io.litewatch.history.HistoryConfiguration;
import io.litewatch.history.HistoryRepository;
import io.litewatch.health.AccessoryState;
import io.litewatch.poll.ConfigState;
import io.litewatch.poll.PollCompletedEvent;
import io.litewatch.poll.PollResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The persistence wiring as the app gets it, minus the poll (which needs Docker). */
class PersistenceConfigurationTest {

	static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	@TempDir
	Path dir;

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class))
		.withUserConfiguration(Properties.class, PersistenceConfiguration.class, HistoryConfiguration.class,
				StoreHealth.class)
		.withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC))
		.withBean(ThreadPoolTaskScheduler.class, ThreadPoolTaskScheduler::new);

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LitewatchProperties.class)
	static class Properties {

	}

	@Test
	void createsTheDataDirectoryAndAMigratedSqliteDatabaseInIt() {
		Path data = dir.resolve("nested/dir");
		runner.withPropertyValues("litewatch.data-dir=" + data).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(data.resolve("litewatch.db")).isRegularFile();
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualTo("wal");
			assertThat(jdbc.sql("PRAGMA foreign_keys").query(Integer.class).single()).isEqualTo(1);
			assertThat(jdbc.sql("PRAGMA synchronous").query(Integer.class).single()).as("NORMAL").isEqualTo(1);
			assertThat(jdbc.sql("PRAGMA busy_timeout").query(Integer.class).single()).isEqualTo(10_000);
			assertThat(
					jdbc.sql("SELECT version FROM flyway_schema_history WHERE success = 1").query(String.class).list())
				.contains("1");
			assertThat(jdbc.sql("SELECT COUNT(*) FROM replica_sample").query(Long.class).single()).isZero();
			HikariDataSource hikari = context.getBean(HikariDataSource.class);
			assertThat(hikari.getMaximumPoolSize()).isEqualTo(PersistenceConfiguration.SQLITE_POOL_SIZE);
		});
	}

	@Test
	void recordsPublishedPollsAndKeepsThemAcrossRestarts() {
		Path data = dir.resolve("data");
		ApplicationContextRunner app = runner.withPropertyValues("litewatch.data-dir=" + data);
		app.run((context) -> {
			assertThat(context).hasNotFailed();
			context.publishEvent(new PollCompletedEvent(poll(1, NOW.minusSeconds(15))));
			context.publishEvent(new PollCompletedEvent(poll(2, NOW)));
		});
		app.run((context) -> {
			assertThat(context).hasNotFailed();
			HistoryRepository history = context.getBean(HistoryRepository.class);
			assertThat(history.latestRuns(10)).hasSize(2);
			assertThat(history.replicaSamples("production", "s3", Instant.EPOCH)).hasSize(2);
		});
	}

	/**
	 * The fault matrix's locked state database: once the lock is gone, every pooled
	 * connection begins real transactions again (sqlite-jdbc leaves a connection whose
	 * BEGIN failed without a transaction, yet marked as in one).
	 */
	@Test
	void aLockThatMadeTransactionsFailLeavesNoBrokenConnectionBehind() {
		Path file = dir.resolve("locked.db");
		runner.withPropertyValues("spring.datasource.url=jdbc:sqlite:" + file + "?busy_timeout=100").run((context) -> {
			TransactionTemplate transactions = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + file);
					Statement statement = lock.createStatement()) {
				statement.execute("BEGIN IMMEDIATE");
				for (int i = 0; i <= PersistenceConfiguration.SQLITE_POOL_SIZE; i++) {
					assertThatThrownBy(
							() -> transactions.executeWithoutResult((tx) -> jdbc.sql("DELETE FROM poll_run").update()))
						.isInstanceOf(CannotCreateTransactionException.class);
				}
				statement.execute("ROLLBACK");
			}
			for (int i = 0; i <= PersistenceConfiguration.SQLITE_POOL_SIZE; i++) {
				int sequence = i;
				// All or nothing: a failed transaction leaves no row behind ...
				assertThatThrownBy(() -> transactions.executeWithoutResult((tx) -> {
					history(context).record(poll(100 + sequence, NOW.plusSeconds(100 + sequence)));
					throw new IllegalStateException("fails after the write");
				})).isInstanceOf(IllegalStateException.class);
				// ... and one that succeeds commits.
				transactions
					.executeWithoutResult((tx) -> history(context).record(poll(sequence, NOW.plusSeconds(sequence))));
			}
			assertThat(history(context).latestRuns(100)).extracting(PollRun::sequence)
				.allSatisfy((sequence) -> assertThat(sequence).isLessThan(100L))
				.hasSize(PersistenceConfiguration.SQLITE_POOL_SIZE + 1);
		});
	}

	private static HistoryRepository history(org.springframework.context.ApplicationContext context) {
		return context.getBean(HistoryRepository.class);
	}

	@Test
	void aWriterWaitsForAnotherInsteadOfFailing() {
		runner.withPropertyValues("litewatch.data-dir=" + dir).run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			HistoryRepository history = context.getBean(HistoryRepository.class);
			try (Connection other = dataSource.getConnection()) {
				// Another writer holds the lock (like a prune batch) while a poll is
				// recorded.
				other.setAutoCommit(false);
				try (Statement statement = other.createStatement()) {
					statement.executeUpdate("DELETE FROM poll_run");
				}
				CompletableFuture<Void> recording = CompletableFuture.runAsync(() -> history.record(poll(1, NOW)));
				Thread.sleep(300);
				assertThat(recording).isNotDone();
				other.commit();
				// As Spring's transaction manager does: sqlite-jdbc begins the next
				// transaction right
				// after a commit, which in IMMEDIATE mode takes the lock again until
				// autocommit is back.
				other.setAutoCommit(true);
				recording.get(5, TimeUnit.SECONDS);
			}
			assertThat(history.latestRuns(1)).hasSize(1);
		});
	}

	@Test
	void theHikariSettingsOverrideTheSqliteDefaults() {
		runner
			.withPropertyValues("litewatch.data-dir=" + dir, "spring.datasource.hikari.maximum-pool-size=2",
					"spring.datasource.hikari.data-source-properties.busy_timeout=1234")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(2);
				JdbcClient jdbc = context.getBean(JdbcClient.class);
				assertThat(jdbc.sql("PRAGMA busy_timeout").query(Integer.class).single()).isEqualTo(1234);
				assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualTo("wal");
			});
	}

	@Test
	void anExplicitSqliteUrlGetsItsDirectoryAndTheSameSettings() {
		Path file = dir.resolve("elsewhere/history.sqlite");
		runner
			.withPropertyValues("litewatch.data-dir=" + dir.resolve("unused"),
					"spring.datasource.url=jdbc:sqlite:" + file + "?busy_timeout=2000")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(file).isRegularFile();
				assertThat(dir.resolve("unused")).doesNotExist();
				JdbcClient jdbc = context.getBean(JdbcClient.class);
				assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualTo("wal");
				// A parameter in the URL wins over the default.
				assertThat(jdbc.sql("PRAGMA busy_timeout").query(Integer.class).single()).isEqualTo(2000);
			});
	}

	@Test
	void aPostgresqlUrlGetsNothingSqliteSpecific() {
		// Flyway off: nothing listens on that port, and the pool connects lazily.
		runner
			.withPropertyValues("litewatch.data-dir=" + dir.resolve("unused"),
					"spring.datasource.url=jdbc:postgresql://127.0.0.1:1/litewatch", "spring.datasource.username=lw",
					"spring.datasource.password=secret", "spring.flyway.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				HikariDataSource hikari = context.getBean(HikariDataSource.class);
				assertThat(hikari.getJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:1/litewatch");
				assertThat(hikari.getUsername()).isEqualTo("lw");
				assertThat(hikari.getDriverClassName()).isEqualTo("org.postgresql.Driver");
				assertThat(hikari.getDataSourceProperties()).isEmpty();
				assertThat(hikari.getMaximumPoolSize()).isEqualTo(10);
				assertThat(dir.resolve("unused")).doesNotExist();
				assertThat(context.getBeansOfType(DataSource.class)).hasSize(1);
			});
	}

	static PollResult poll(long sequence, Instant at) {
		ReplicaConfig replicaConfig = new ReplicaConfig("s3", "s3", "s3://backups/production", "backups", "production",
				null, "us-east-1", false, false, null, Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(24),
				Duration.ofHours(1), Duration.ZERO, 4);
		ReplicaStatus replica = ReplicaStatuses.replica(replicaConfig)
			.lag(Duration.ofSeconds(-1), "db-file")
			.lastSyncAt(at)
			.snapshots(at.minusSeconds(60), Duration.ofSeconds(60), 1)
			.restore(at.minusSeconds(3600), at, null)
			.s3Requests(2)
			.generation("00fbc4bd93036238", 1, at.minusSeconds(3600))
			.wal(3, 1024)
			.build();
		DbConfig db = new DbConfig("/data/production.db", "production", "/data/.production.db-litestream",
				Duration.ofSeconds(1), Duration.ofMinutes(1), List.of(replicaConfig), 2);
		DatabaseStatus database = new DatabaseStatus(db, HealthStatus.OK, List.of(),
				new DbFileState(true, 4096, at, null), LitestreamView.none("not asked"), List.of(replica));
		return new PollResult(sequence, at, Duration.ofMillis(300), HealthStatus.OK, List.of(),
				new ConfigState(Path.of("/etc/litestream.yml"), true, 0, null, at, false),
				new AccessoryState("unix:///var/run/docker.sock", "litestream", null, null, null, "not asked"),
				List.of(database));
	}

}
