package io.litewatch.web;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.litewatch.history.HistorySeries;
import io.litewatch.history.SyntheticHistory;
import io.litewatch.poll.PollResult;
import io.litewatch.testsupport.MigratedSqlite;
import io.litewatch.testsupport.TestClock;

import static io.litewatch.web.PollScenarios.NOW;
import static io.litewatch.web.PollScenarios.RUNNING;
import static io.litewatch.web.PollScenarios.healthy;
import static io.litewatch.web.PollScenarios.poll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sparklines are drawn once per poll from a real migrated SQLite file: the requests
 * of one poll read the same drawing, whatever the history gained meanwhile.
 */
class LagSparklinesTest {

	@TempDir
	Path dir;

	DataSource dataSource;

	TestClock clock = new TestClock(NOW);

	LagSparklines sparklines;

	@BeforeEach
	void history() {
		dataSource = MigratedSqlite.create(dir.resolve("litewatch.db"), Duration.ofSeconds(5));
		sparklines = new LagSparklines(new HistorySeries(JdbcClient.create(dataSource)), PollScenarios.PROPERTIES,
				clock);
		record(NOW.minus(Duration.ofHours(1)), NOW, 2.0);
	}

	void record(Instant from, Instant to, double lag) {
		SyntheticHistory.replicaSamples(dataSource, "production", "s3", SyntheticHistory.polls(from, to,
				Duration.ofSeconds(15), (i, at) -> new SyntheticHistory.Sample(at, lag, 60.0)));
	}

	@Test
	void theRequestsOfOnePollReadOneDrawing() {
		PollResult first = poll(RUNNING, healthy("production"));
		LagSparklines.Sparklines drawn = sparklines.of(first);
		assertThat(drawn.of("production", "s3").label()).isEqualTo("lag over 24 h: peak 2 s, 1 gap while not watched");

		// Later requests of the same poll: the history grew and time passed, yet nothing
		// is read or drawn again.
		record(NOW, NOW.plusSeconds(10), 30.0);
		clock.advance(Duration.ofSeconds(10));
		assertThat(sparklines.of(first)).isSameAs(drawn);

		// The next poll draws anew, from the history as it is then.
		LagSparklines.Sparklines next = sparklines.of(poll(RUNNING, healthy("production")));
		assertThat(next).isNotSameAs(drawn);
		assertThat(next.of("production", "s3").label())
			.isEqualTo("lag over 24 h: peak 30 s, above the limit of 13 s, 1 gap while not watched");
	}

	@Test
	void beforeTheFirstPollThereIsNone() {
		assertThat(sparklines.of(null)).isSameAs(LagSparklines.Sparklines.NONE);
		assertThat(sparklines.of(poll(RUNNING, healthy("production"))).of("queue", "s3")).isNull();
	}

}
