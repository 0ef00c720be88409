package io.litewatch.history;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import io.litewatch.testsupport.TestClock;
import io.litewatch.health.StoreFailure;
import io.litewatch.system.StoreHealth;
import io.litewatch.system.StoreWriter;
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
	void keepsEachCompletedPollUntilTheWriterStoresIt() {
		HistoryRepository repository = HistoryFixtures
			.repository(HistoryFixtures.migratedSqlite(dir.resolve("litewatch.db")));
		StoreWriter writer = new StoreWriter(new StoreHealth(clock), clock);
		HistoryRecorder recorder = writer.register(new HistoryRecorder(repository, writer));

		recorder.onPollCompleted(event(1, T0));
		recorder.onPollCompleted(event(2, T0.plusSeconds(15)));
		assertThat(repository.latestRuns(10)).isEmpty();
		assertThat(recorder.pending()).isEqualTo(2);

		assertThat(writer.flush()).isTrue();
		assertThat(repository.latestRuns(10)).extracting(PollRun::sequence).containsExactly(2L, 1L);
		assertThat(repository.replicaSamples("production", "s3", T0)).hasSize(2);
		assertThat(recorder.hasWork()).isFalse();
	}

	@Test
	void pollsWaitWhileTheStoreRefusesAndAreWrittenLateOnceItTakesWrites(CapturedOutput output) {
		// No migration yet: every insert fails, as with a broken or unreachable database.
		DataSource dataSource = HistoryFixtures.sqlite(dir.resolve("litewatch.db"));
		HistoryRepository repository = HistoryFixtures.repository(dataSource);
		StoreHealth store = new StoreHealth(clock);
		StoreWriter writer = new StoreWriter(store, clock);
		HistoryRecorder recorder = writer.register(new HistoryRecorder(repository, writer));
		Instant firstFailure = clock.instant();

		for (int i = 1; i <= 4; i++) {
			int sequence = i;
			assertThatNoException().isThrownBy(() -> recorder.onPollCompleted(event(sequence, clock.instant())));
			assertThat(writer.flush()).isFalse();
			clock.advance(Duration.ofSeconds(15));
		}
		// What the next poll shows as STORE_FAILED: since the first refusal, in the
		// driver's words, with what waits.
		assertThat(store.failure()).hasValueSatisfying((f) -> {
			assertThat(f.what()).isEqualTo("history");
			assertThat(f.since()).isEqualTo(firstFailure);
			assertThat(f.reason()).contains("no such table: poll_run");
			assertThat(f.waiting()).isEqualTo("4 poll(s)");
		});
		assertThat(output.getAll()).containsOnlyOnce("Could not write history");
		assertThat(output.getAll()).contains("Could not write history to Litewatch's database: SQLiteException")
			.contains("no such table: poll_run");

		clock.advance(Duration.ofMinutes(1));
		recorder.onPollCompleted(event(5, clock.instant()));
		writer.flush();
		assertThat(output.getAll()).contains("(3 more refusal(s) not logged)");

		Flyway.configure().dataSource(dataSource).load().migrate();
		clock.advance(Duration.ofSeconds(15));
		recorder.onPollCompleted(event(6, clock.instant()));
		assertThat(writer.flush()).isTrue();
		assertThat(store.failure()).isEmpty();
		assertThat(store.failure()).isEmpty();
		assertThat(output.getAll()).contains("Writing history again after 5 refused attempt(s)");
		assertThat(repository.latestRuns(10)).extracting(PollRun::sequence).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
	}

	@Test
	void beyondItsCapacityTheOldestPollsAreDroppedAndSaidSo() {
		DataSource dataSource = HistoryFixtures.sqlite(dir.resolve("litewatch.db"));
		HistoryRepository repository = HistoryFixtures.repository(dataSource);
		StoreHealth store = new StoreHealth(clock);
		StoreWriter writer = new StoreWriter(store, clock);
		HistoryRecorder recorder = writer.register(new HistoryRecorder(repository, writer, 3));

		for (int i = 1; i <= 5; i++) {
			recorder.onPollCompleted(event(i, clock.instant()));
			clock.advance(Duration.ofSeconds(15));
		}
		writer.flush();
		assertThat(store.failure()).map(StoreFailure::waiting)
			.hasValue("3 poll(s) (2 older one(s) dropped: at most 3 wait, so the history has a gap)");

		Flyway.configure().dataSource(dataSource).load().migrate();
		assertThat(writer.flush()).isTrue();
		assertThat(repository.latestRuns(10)).extracting(PollRun::sequence).containsExactly(5L, 4L, 3L);
	}

	@Test
	void aPollTheStoreRefusesForGoodIsDroppedNotTriedForever(CapturedOutput output) {
		HistoryRepository repository = HistoryFixtures
			.repository(HistoryFixtures.migratedSqlite(dir.resolve("litewatch.db")));
		StoreHealth store = new StoreHealth(clock);
		StoreWriter writer = new StoreWriter(store, clock);
		HistoryRecorder recorder = writer.register(new HistoryRecorder(repository, writer));

		recorder.onPollCompleted(event(1, T0));
		// The same time as poll 1: the primary key refuses it, now and on every retry.
		recorder.onPollCompleted(event(2, T0));
		recorder.onPollCompleted(event(3, T0.plusSeconds(15)));

		assertThat(writer.flush()).isTrue();
		assertThat(repository.latestRuns(10)).extracting(PollRun::sequence).containsExactly(3L, 1L);
		assertThat(recorder.hasWork()).isFalse();
		assertThat(output.getAll()).contains("Poll 2 is not recorded in the history: the store refuses it");
	}

}
