package io.litewatch.history;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import io.litewatch.testsupport.TestClock;
import io.litewatch.system.StoreHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.litewatch.poll.PollCompletedEvent;

import static io.litewatch.history.HistoryFixtures.T0;
import static io.litewatch.history.HistoryFixtures.database;
import static io.litewatch.history.HistoryFixtures.poll;
import static io.litewatch.history.HistoryFixtures.replica;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

@ExtendWith(OutputCaptureExtension.class)
class HistoryRecorderTest {

	@TempDir
	Path dir;

	final TestClock clock = new TestClock(T0);

	static PollCompletedEvent event(long sequence, Instant at) {
		return new PollCompletedEvent(
				poll(sequence, at, database("production", List.of(), replica("s3", Duration.ofSeconds(-1)))));
	}

	@Test
	void recordsEachCompletedPoll() {
		HistoryRepository repository = HistoryFixtures
			.repository(HistoryFixtures.migratedSqlite(dir.resolve("litewatch.db")));
		HistoryRecorder recorder = new HistoryRecorder(repository, new StoreHealth(clock), clock);

		recorder.onPollCompleted(event(1, T0));
		recorder.onPollCompleted(event(2, T0.plusSeconds(15)));

		assertThat(repository.latestRuns(10)).extracting(PollRun::sequence).containsExactly(2L, 1L);
		assertThat(repository.replicaSamples("production", "s3", T0)).hasSize(2);
	}

	@Test
	void neverThrowsAndLogsFailuresAtMostOncePerMinute(CapturedOutput output) {
		// No migration yet: every insert fails, as with a broken or unreachable database.
		DataSource dataSource = HistoryFixtures.sqlite(dir.resolve("litewatch.db"));
		HistoryRepository repository = HistoryFixtures.repository(dataSource);
		StoreHealth store = new StoreHealth(clock);
		HistoryRecorder recorder = new HistoryRecorder(repository, store, clock);
		Instant firstFailure = clock.instant();

		for (int i = 1; i <= 4; i++) {
			int sequence = i;
			assertThatNoException().isThrownBy(() -> recorder.onPollCompleted(event(sequence, clock.instant())));
			clock.advance(Duration.ofSeconds(15));
		}
		assertThat(recorder.failures()).isEqualTo(4);
		// What the next poll shows as STORE_FAILED: since the first refusal, in the
		// driver's words.
		assertThat(store.failure()).hasValueSatisfying((f) -> {
			assertThat(f.what()).isEqualTo("history");
			assertThat(f.since()).isEqualTo(firstFailure);
			assertThat(f.reason()).contains("no such table: poll_run");
		});
		assertThat(output.getAll()).containsOnlyOnce("Could not record poll");
		assertThat(output.getAll()).contains("Could not record poll 1 in history: SQLiteException")
			.contains("no such table: poll_run");

		recorder.onPollCompleted(event(5, clock.instant()));
		assertThat(output.getAll()).contains("Could not record poll 5 in history (3 more failure(s) not logged)");

		Flyway.configure().dataSource(dataSource).load().migrate();
		clock.advance(Duration.ofSeconds(15));
		recorder.onPollCompleted(event(6, clock.instant()));
		assertThat(recorder.failures()).isZero();
		assertThat(store.failure()).isEmpty();
		assertThat(output.getAll()).contains("Recording history again after 5 failed poll(s)");
		assertThat(repository.latestRuns(10)).extracting(PollRun::sequence).containsExactly(6L);
	}

}
