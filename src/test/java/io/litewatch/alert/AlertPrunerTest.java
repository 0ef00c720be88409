package io.litewatch.alert;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.litewatch.alert.channel.RenderedMessage;
import io.litewatch.alert.outbox.OutboxMessage;
import io.litewatch.alert.outbox.OutboxRepository;
import io.litewatch.health.FindingCode;
import io.litewatch.health.Severity;
import io.litewatch.testsupport.MigratedSqlite;
import io.litewatch.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class AlertPrunerTest {

	static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

	@TempDir
	Path dir;

	AlertRepository alerts;

	OutboxRepository outbox;

	final TestClock clock = new TestClock(T0);

	@BeforeEach
	void aMonthOfAlerting() {
		DataSource dataSource = MigratedSqlite.create(dir.resolve("litewatch.db"), Duration.ofSeconds(5));
		alerts = new AlertRepository(JdbcClient.create(dataSource));
		outbox = new OutboxRepository(JdbcClient.create(dataSource));
		for (int day = 0; day < 30; day++) {
			Instant at = T0.plus(Duration.ofDays(day));
			alerts.recordResolved(state("production", at), at.plusSeconds(60));
			deliver("d" + day, at, OutboxMessage.Status.SENT);
		}
		deliver("stuck", T0, OutboxMessage.Status.PENDING);
		alerts.addSilence(new Silence("ended", "production", null, "done", T0, T0.plus(Duration.ofDays(29)), "tester"));
		alerts.addSilence(new Silence("ends-later", null, FindingCode.REPLICA_STALE, null, T0,
				T0.plus(Duration.ofDays(31)), "tester"));
		clock.set(T0.plus(Duration.ofDays(30)));
	}

	static AlertState state(String database, Instant at) {
		return new AlertState(database + "|s3|REPLICA_STALE", database, "/data/" + database + ".db", "s3",
				FindingCode.REPLICA_STALE, AlertState.Phase.FIRING, Severity.WARNING, "replica lags", 90.0, 3, at, at,
				at, at, Severity.WARNING);
	}

	void deliver(String id, Instant at, OutboxMessage.Status status) {
		outbox.enqueue(new OutboxMessage(id, "n-" + id, "ops", AlertEvent.FIRING, "production", Severity.WARNING,
				new RenderedMessage("n-" + id, "s", "{}", null), status, 1, at, at, at,
				status == OutboxMessage.Status.SENT ? at : null, null));
	}

	@Test
	void deletesResolvedAlertsAndFinishedDeliveriesOlderThanTheRetention() {
		int deleted = new AlertPruner(alerts, outbox, clock, Duration.ofDays(10)).prune();

		// 20 resolved alerts, 20 sent deliveries and the silence that ended.
		assertThat(deleted).isEqualTo(41);
		assertThat(alerts.resolved(100)).hasSize(10);
		assertThat(outbox.recent(100)).extracting(OutboxMessage::id).contains("stuck").hasSize(11);
		assertThat(alerts.activeSilences(T0)).extracting(Silence::id).containsExactly("ends-later");
	}

	@Test
	void zeroRetentionKeepsAllHistoryButStillDropsEndedSilences() {
		clock.set(T0.plus(Duration.ofDays(400)));

		int deleted = new AlertPruner(alerts, outbox, clock, Duration.ZERO).prune();

		assertThat(deleted).isEqualTo(2);
		assertThat(alerts.resolved(100)).hasSize(30);
		assertThat(outbox.recent(100)).hasSize(31);
		assertThat(alerts.activeSilences(T0)).isEmpty();
	}

	@Test
	void aSilenceEndedByHandIsPrunedNextTime() {
		assertThat(alerts.expireSilence("ends-later", clock.instant())).isTrue();
		assertThat(alerts.deleteSilencesEndedBefore(clock.instant())).isEqualTo(1);
		clock.advance(Duration.ofMillis(1));
		assertThat(alerts.deleteSilencesEndedBefore(clock.instant())).isEqualTo(1);
		assertThat(alerts.activeSilences(T0)).isEmpty();
	}

}
