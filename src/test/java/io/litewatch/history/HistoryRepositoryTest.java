package io.litewatch.history;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.health.HealthStatus;
import io.litewatch.poll.PollResult;

import static io.litewatch.history.HistoryFixtures.T0;
import static io.litewatch.history.HistoryFixtures.database;
import static io.litewatch.history.HistoryFixtures.poll;
import static io.litewatch.history.HistoryFixtures.replica;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HistoryRepositoryTest {

	static final Finding STALE = Finding.critical(FindingCode.REPLICA_STALE, "stale");

	static final Finding OVERDUE = Finding.warning(FindingCode.SNAPSHOT_OVERDUE, "overdue");

	static final Finding S3_DOWN = Finding.critical(FindingCode.S3_UNREACHABLE, "s3 down");

	@TempDir
	Path dir;

	DataSource dataSource;

	HistoryRepository repository;

	@BeforeEach
	void migrate() {
		dataSource = HistoryFixtures.migratedSqlite(dir.resolve("litewatch.db"));
		repository = HistoryFixtures.repository(dataSource);
	}

	static DatabaseStatus healthy(String name) {
		return database(name, List.of(), replica("s3", Duration.ofSeconds(-1)));
	}

	@Test
	void recordsEveryReplicaWithItsFigures() {
		DatabaseStatus production = database("production", List.of(), replica("s3", Duration.ofMillis(-1500)),
				replica("backup", null, STALE, OVERDUE, Finding.critical(FindingCode.REPLICA_STALE, "again")));
		repository.record(poll(7, T0, production, healthy("cable")));

		List<ReplicaSample> primary = repository.replicaSamples("production", "s3", T0);
		assertThat(primary).singleElement().satisfies((sample) -> {
			assertThat(sample.checkedAt()).isEqualTo(T0);
			assertThat(sample.database()).isEqualTo("production");
			assertThat(sample.databasePath()).isEqualTo("/data/production.db");
			assertThat(sample.replica()).isEqualTo("s3");
			assertThat(sample.status()).isEqualTo(HealthStatus.OK);
			assertThat(sample.lag()).isEqualTo(Duration.ofMillis(-1500));
			assertThat(sample.snapshotAge()).isEqualTo(Duration.ofSeconds(1200));
			assertThat(sample.restoreWindow()).isEqualTo(Duration.ofHours(20).minusSeconds(2));
			assertThat(sample.snapshotCount()).isEqualTo(2);
			assertThat(sample.walSegmentCount()).isEqualTo(7);
			assertThat(sample.walBytes()).isEqualTo(4152);
			assertThat(sample.generation()).isEqualTo(HistoryFixtures.GENERATION);
			assertThat(sample.findingCodes()).isEmpty();
		});
		assertThat(repository.replicaSamples("production", "backup", T0)).singleElement().satisfies((sample) -> {
			assertThat(sample.status()).isEqualTo(HealthStatus.CRITICAL);
			assertThat(sample.lag()).isNull();
			// Distinct, in the order found.
			assertThat(sample.findingCodes()).containsExactly("REPLICA_STALE", "SNAPSHOT_OVERDUE");
		});
		assertThat(repository.replicaSamples("cable", "s3", T0)).hasSize(1);
		assertThat(repository.databaseSamples("production", T0)).singleElement().satisfies((sample) -> {
			assertThat(sample.status()).isEqualTo(HealthStatus.CRITICAL);
			assertThat(sample.replicaCount()).isEqualTo(2);
			assertThat(sample.findingCodes()).isEmpty();
		});
	}

	@Test
	void replicaSamplesAreThatReplicasSinceTheInstantOldestFirst() {
		for (int i = 0; i < 5; i++) {
			repository.record(poll(i + 1, T0.plusSeconds(15L * i),
					database("production", List.of(), replica("s3", Duration.ofSeconds(i)), replica("backup", null)),
					healthy("cable")));
		}

		List<ReplicaSample> samples = repository.replicaSamples("production", "s3", T0.plusSeconds(30));

		assertThat(samples).extracting(ReplicaSample::checkedAt)
			.containsExactly(T0.plusSeconds(30), T0.plusSeconds(45), T0.plusSeconds(60));
		assertThat(samples).extracting(ReplicaSample::lag)
			.containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4));
		assertThat(samples).extracting(ReplicaSample::replica).containsOnly("s3");
		assertThat(repository.replicaSamples("production", "nope", T0)).isEmpty();
	}

	@Test
	void uptimeIsTheShareOfPollsWithoutACriticalStatus() {
		// production: ok, warning (still up), critical (own finding), critical (a
		// replica's) → 2 of 4.
		repository.record(poll(1, T0, healthy("production"), healthy("cable")));
		repository.record(poll(2, T0.plusSeconds(15), database("production", List.of(), replica("s3", null, OVERDUE)),
				healthy("cable")));
		repository.record(poll(3, T0.plusSeconds(30), database("production", List.of(S3_DOWN), replica("s3", null)),
				healthy("cable")));
		repository.record(poll(4, T0.plusSeconds(45), database("production", List.of(), replica("s3", null, STALE))));

		assertThat(repository.uptime("production", T0)).hasValueSatisfying((uptime) -> {
			assertThat(uptime.polls()).isEqualTo(4);
			assertThat(uptime.upPolls()).isEqualTo(2);
			assertThat(uptime.percent()).isEqualTo(50.0);
		});
		// cable was not configured in poll 4: that poll does not count for it.
		assertThat(repository.uptime("cable", T0)).hasValue(new Uptime("cable", 3, 3));
		assertThat(repository.uptime("production", T0.plusSeconds(30))).hasValue(new Uptime("production", 2, 0));
		assertThat(repository.uptime("unknown", T0)).isEmpty();
		assertThat(repository.uptimes(T0.plusSeconds(15))).containsExactly(new Uptime("cable", 2, 2),
				new Uptime("production", 3, 1));
		assertThat(repository.databaseSamples("production", T0.plusSeconds(30)))
			.extracting(DatabaseSample::findingCodes)
			.containsExactly(List.of("S3_UNREACHABLE"), List.of());
	}

	@Test
	void latestRunsAreTheNewestFirst() {
		for (int i = 1; i <= 5; i++) {
			repository.record(poll(i, T0.plusSeconds(15L * i),
					List.of(Finding.warning(FindingCode.CONFIG_SUSPICIOUS, "odd")), healthy("production")));
		}
		repository.record(poll(6, T0.plusSeconds(90), List.of(), database("production", List.of(S3_DOWN))));

		List<PollRun> runs = repository.latestRuns(3);

		assertThat(runs).extracting(PollRun::sequence).containsExactly(6L, 5L, 4L);
		assertThat(runs.get(0))
			.isEqualTo(new PollRun(T0.plusSeconds(90), 6, HealthStatus.CRITICAL, Duration.ofMillis(850), 1, List.of()));
		assertThat(runs.get(1).status()).isEqualTo(HealthStatus.WARNING);
		assertThat(runs.get(1).findingCodes()).containsExactly("CONFIG_SUSPICIOUS");
		assertThat(repository.latestRuns(100)).hasSize(6);
	}

	@Test
	void aPollIsRecordedAllOrNothing() {
		// The second replica has no name: its insert fails after the poll and database
		// rows went in.
		PollResult broken = poll(1, T0, database("production", List.of(), replica("s3", null), replica(null, null)));

		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> repository.record(broken));

		JdbcClient jdbc = JdbcClient.create(dataSource);
		for (String table : List.of("poll_run", "database_sample", "replica_sample")) {
			assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()).as(table).isZero();
		}
	}

	@Test
	void historySurvivesClosingAndReopeningTheFile() {
		repository.record(poll(1, T0, healthy("production")));

		// A fresh data source on the same file, migrated again as at every start.
		DataSource reopened = HistoryFixtures.migratedSqlite(dir.resolve("litewatch.db"));
		HistoryRepository again = HistoryFixtures.repository(reopened);
		again.record(poll(1, T0.plusSeconds(15), healthy("production")));

		assertThat(again.replicaSamples("production", "s3", Instant.EPOCH)).hasSize(2);
		assertThat(again.latestRuns(10)).extracting(PollRun::checkedAt).containsExactly(T0.plusSeconds(15), T0);
	}

	@Test
	void deletesOnlyRowsOlderThanTheCutoffInBatches() {
		for (int i = 0; i < 6; i++) {
			repository.record(poll(i + 1, T0.plusSeconds(i), healthy("production"), healthy("cable")));
		}

		// 4 polls before the cutoff: 4 poll_run, 8 database_sample and 8 replica_sample
		// rows.
		Instant cutoff = T0.plusSeconds(4);
		int first = repository.deleteOlderThan(cutoff, 3);
		// 3 runs + at least 3 of each sample table (a boundary poll's rows go together: 4
		// each).
		assertThat(first).isEqualTo(3 + 4 + 4);
		assertThat(repository.deleteOlderThan(cutoff, 3)).isEqualTo(1 + 4 + 4);
		assertThat(repository.deleteOlderThan(cutoff, 3)).isZero();

		assertThat(repository.latestRuns(10)).extracting(PollRun::checkedAt)
			.containsExactly(T0.plusSeconds(5), T0.plusSeconds(4));
		assertThat(repository.replicaSamples("production", "s3", Instant.EPOCH)).extracting(ReplicaSample::checkedAt)
			.containsExactly(T0.plusSeconds(4), T0.plusSeconds(5));
		assertThat(repository.uptimes(Instant.EPOCH)).containsExactly(new Uptime("cable", 2, 2),
				new Uptime("production", 2, 2));
	}

}
