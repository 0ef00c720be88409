package io.litewatch.history;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.litewatch.testsupport.TestClock;
import io.litewatch.config.LitewatchProperties;

import static io.litewatch.history.HistoryFixtures.T0;
import static io.litewatch.history.HistoryFixtures.database;
import static io.litewatch.history.HistoryFixtures.poll;
import static io.litewatch.history.HistoryFixtures.replica;
import static org.assertj.core.api.Assertions.assertThat;

class HistoryPrunerTest {

	@TempDir
	Path dir;

	HistoryRepository repository;

	final TestClock clock = new TestClock(T0);

	@BeforeEach
	void recordADayOfHourlyPolls() {
		repository = HistoryFixtures.repository(HistoryFixtures.migratedSqlite(dir.resolve("litewatch.db")));
		for (int hour = 0; hour < 24; hour++) {
			repository.record(poll(hour + 1, T0.plus(Duration.ofHours(hour)),
					database("production", List.of(), replica("s3", Duration.ZERO), replica("backup", null))));
		}
	}

	HistoryPruner pruner(Duration retention, int batchSize) {
		return new HistoryPruner(repository, clock,
				new LitewatchProperties.History(retention, Duration.ofHours(1), batchSize), Duration.ZERO);
	}

	@Test
	void removesExactlyTheRowsOlderThanTheRetention() {
		clock.set(T0.plus(Duration.ofHours(30)));

		// Cutoff T0+20h: polls at 0h..19h go, 20h..23h stay. Batches of 5 take several
		// rounds.
		long deleted = pruner(Duration.ofHours(10), 5).prune();

		assertThat(deleted).isEqualTo(20 + 20 + 40);
		assertThat(repository.latestRuns(100)).extracting(PollRun::checkedAt)
			.containsExactly(T0.plus(Duration.ofHours(23)), T0.plus(Duration.ofHours(22)),
					T0.plus(Duration.ofHours(21)), T0.plus(Duration.ofHours(20)));
		assertThat(repository.replicaSamples("production", "backup", Instant.EPOCH)).hasSize(4)
			.first()
			.extracting(ReplicaSample::checkedAt)
			.isEqualTo(T0.plus(Duration.ofHours(20)));
		assertThat(repository.uptime("production", Instant.EPOCH)).hasValue(new Uptime("production", 4, 4));
	}

	@Test
	void followsTheClock() {
		HistoryPruner pruner = pruner(Duration.ofHours(24), 1000);
		clock.set(T0.plus(Duration.ofHours(24)));
		assertThat(pruner.prune()).isZero();

		clock.advance(Duration.ofMinutes(90));
		assertThat(pruner.prune()).isEqualTo(2 * (1 + 1 + 2));
		assertThat(repository.latestRuns(100)).hasSize(22);
	}

	@Test
	void zeroRetentionKeepsEverything() {
		clock.set(T0.plus(Duration.ofDays(400)));

		assertThat(pruner(Duration.ZERO, 10).prune()).isZero();
		assertThat(repository.latestRuns(100)).hasSize(24);
	}

}
