package io.litewatch.alert.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.litewatch.alert.AlertEvent;
import io.litewatch.alert.AlertProperties;
import io.litewatch.alert.channel.DeliveryException;
import io.litewatch.alert.channel.NotificationChannel;
import io.litewatch.alert.channel.Redaction;
import io.litewatch.alert.channel.RenderedMessage;
import io.litewatch.health.Severity;
import io.litewatch.testsupport.MigratedSqlite;
import io.litewatch.testsupport.MigratedSqlite.WriteLock;
import io.litewatch.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboxDispatcherTest {

	static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

	static final AlertProperties POLICY = new AlertProperties(2, Duration.ZERO, Duration.ofHours(4),
			Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(10), 3);

	@TempDir
	Path dir;

	Path file;

	OutboxRepository outbox;

	/** Nothing in memory unless a test puts it there. */
	PendingOutbox pending = new PendingOutbox(() -> {
	});

	/** A second, independent view of the file: sees only what was committed. */
	OutboxRepository observer;

	final TestClock clock = new TestClock(T0);

	@BeforeEach
	void database() {
		file = dir.resolve("litewatch.db");
		// A short busy timeout: a locked database fails the write quickly, like a real
		// timeout would.
		DataSource dataSource = MigratedSqlite.create(file, Duration.ofMillis(100));
		outbox = new OutboxRepository(JdbcClient.create(dataSource));
		observer = new OutboxRepository(JdbcClient.create(MigratedSqlite.dataSource(file, Duration.ofSeconds(5))));
	}

	OutboxMessage queue(String channel, String notificationId, Instant at) {
		OutboxMessage message = new OutboxMessage("row-" + notificationId, notificationId, channel, AlertEvent.FIRING,
				"production", Severity.CRITICAL,
				new RenderedMessage(notificationId, "subject " + notificationId, "{}", null),
				OutboxMessage.Status.PENDING, 0, at, at, null, null, null);
		outbox.enqueue(message);
		return message;
	}

	OutboxMessage row(String id) {
		return observer.recent(1000).stream().filter((m) -> m.id().equals(id)).findFirst().orElseThrow();
	}

	OutboxDispatcher dispatcher(NotificationChannel... channels) {
		return new OutboxDispatcher(outbox, pending, List.of(channels), POLICY, clock);
	}

	@Test
	void backoffDoublesFromTheInitialDelayUpToTheMaximum() {
		OutboxDispatcher dispatcher = dispatcher();
		List<Duration> delays = new ArrayList<>();
		for (int attempt = 1; attempt <= 8; attempt++) {
			delays.add(dispatcher.backoff(attempt));
		}
		assertThat(delays).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
				Duration.ofSeconds(80), Duration.ofSeconds(160), Duration.ofSeconds(320), Duration.ofMinutes(10),
				Duration.ofMinutes(10));
		assertThat(dispatcher.backoff(10_000)).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void theAttemptIsCommittedBeforeTheMessageIsSent() throws Exception {
		OutboxMessage queued = queue("ops", "n-1", T0);
		clock.set(T0.plusSeconds(1));
		AtomicReference<OutboxMessage> seenDuringSend = new AtomicReference<>();
		TestChannel channel = new TestChannel("ops", (m) -> seenDuringSend.set(row(queued.id())));

		assertThat(dispatcher(channel).deliverDue(channel)).isEqualTo(1);

		OutboxMessage during = seenDuringSend.get();
		assertThat(during.status()).isEqualTo(OutboxMessage.Status.PENDING);
		assertThat(during.attempts()).isEqualTo(1);
		assertThat(during.lastAttemptAt()).isEqualTo(T0.plusSeconds(1));
		assertThat(during.nextAttemptAt()).isEqualTo(T0.plusSeconds(11));
		OutboxMessage after = row(queued.id());
		assertThat(after.status()).isEqualTo(OutboxMessage.Status.SENT);
		assertThat(after.attempts()).isEqualTo(1);
		assertThat(after.sentAt()).isEqualTo(T0.plusSeconds(1));
	}

	@Test
	void aResultThatCannotBeRecordedIsResentOnlyAfterItsBackoff() throws Exception {
		queue("ops", "n-1", T0);
		List<WriteLock> locks = new ArrayList<>();
		// The database gets locked while the message is out, so "sent" cannot be
		// written.
		TestChannel channel = new TestChannel("ops", (m) -> {
			if (locks.isEmpty()) {
				try {
					locks.add(MigratedSqlite.lockWrites(file));
				}
				catch (java.sql.SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}
		});
		OutboxDispatcher dispatcher = dispatcher(channel);
		dispatcher.deliverDue(channel);
		locks.get(0).close();
		assertThat(row("row-n-1").status()).isEqualTo(OutboxMessage.Status.PENDING);

		for (int tick = 1; tick <= 4; tick++) {
			clock.set(T0.plusSeconds(2 * tick));
			dispatcher.deliverDue(channel);
		}
		assertThat(channel.attempts()).hasSize(1);

		clock.set(T0.plusSeconds(10));
		dispatcher.deliverDue(channel);
		assertThat(channel.attempts()).extracting(RenderedMessage::notificationId).containsExactly("n-1", "n-1");
		assertThat(row("row-n-1").status()).isEqualTo(OutboxMessage.Status.SENT);
		assertThat(row("row-n-1").attempts()).isEqualTo(2);
	}

	@Test
	void nothingIsSentWhenTheAttemptCannotBeRecorded() throws Exception {
		queue("ops", "n-1", T0);
		TestChannel channel = TestChannel.accepting("ops");
		OutboxDispatcher dispatcher = dispatcher(channel);
		try (WriteLock lock = MigratedSqlite.lockWrites(file)) {
			assertThat(dispatcher.deliverDue(channel)).isZero();
		}
		assertThat(channel.attempts()).isEmpty();
		assertThat(row("row-n-1").attempts()).isZero();

		assertThat(dispatcher.deliverDue(channel)).isEqualTo(1);
		assertThat(channel.attempts()).hasSize(1);
	}

	@Test
	void aFailureIsRecordedWithItsBackoffUntilTheLastAttempt() throws Exception {
		queue("ops", "n-1", T0);
		TestChannel channel = new TestChannel("ops", (m) -> {
			throw new DeliveryException("HTTP 500 from https://hooks.example.com/…: " + "x".repeat(5000));
		});
		OutboxDispatcher dispatcher = dispatcher(channel);

		dispatcher.deliverDue(channel);
		OutboxMessage first = row("row-n-1");
		assertThat(first.status()).isEqualTo(OutboxMessage.Status.PENDING);
		assertThat(first.attempts()).isEqualTo(1);
		assertThat(first.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));
		assertThat(first.lastError()).startsWith("HTTP 500 from").endsWith("…").hasSize(Redaction.MAX_ERROR_TEXT);

		clock.set(T0.plusSeconds(10));
		dispatcher.deliverDue(channel);
		assertThat(row("row-n-1").nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
		clock.set(T0.plusSeconds(30));
		dispatcher.deliverDue(channel);
		OutboxMessage dead = row("row-n-1");
		assertThat(dead.status()).isEqualTo(OutboxMessage.Status.DEAD);
		assertThat(dead.attempts()).isEqualTo(3);

		clock.set(T0.plus(Duration.ofDays(1)));
		dispatcher.deliverDue(channel);
		assertThat(channel.attempts()).hasSize(3);
	}

	@Test
	void aChannelSendsInQueueOrderAndStopsAtItsFirstFailure() throws Exception {
		queue("ops", "n-1", T0);
		queue("ops", "n-2", T0.plusMillis(1));
		queue("ops", "n-3", T0.plusMillis(2));
		queue("other", "n-4", T0);
		clock.set(T0.plusSeconds(1));
		TestChannel accepting = TestChannel.accepting("ops");
		assertThat(dispatcher(accepting).deliverDue(accepting)).isEqualTo(3);
		assertThat(accepting.attempts()).extracting(RenderedMessage::notificationId)
			.containsExactly("n-1", "n-2", "n-3");

		queue("ops", "n-5", T0.plusSeconds(1));
		queue("ops", "n-6", T0.plusSeconds(1));
		TestChannel failing = new TestChannel("ops", (m) -> {
			throw new DeliveryException("Connection refused");
		});
		assertThat(dispatcher(failing).deliverDue(failing)).isZero();
		assertThat(failing.attempts()).extracting(RenderedMessage::notificationId).containsExactly("n-5");
		assertThat(row("row-n-6").attempts()).isZero();
		assertThat(row("row-n-4").status()).isEqualTo(OutboxMessage.Status.PENDING);
	}

	@Test
	void anUnexpectedExceptionIsAFailureWithoutItsMessage() throws Exception {
		queue("ops", "n-1", T0);
		TestChannel channel = new TestChannel("ops", (m) -> {
			throw new IllegalStateException("token=SECRET");
		});
		dispatcher(channel).deliverDue(channel);
		assertThat(row("row-n-1").lastError()).isEqualTo("unexpected IllegalStateException while sending");
	}

	@Test
	void aLastAttemptThatNeverReportedBackIsGivenUpWithoutSending() throws Exception {
		OutboxMessage queued = queue("ops", "n-1", T0);
		for (int attempt = 0; attempt < POLICY.maxAttempts(); attempt++) {
			assertThat(outbox.recordAttempt(queued.id(), attempt, T0, T0)).isTrue();
		}
		TestChannel channel = TestChannel.accepting("ops");
		dispatcher(channel).deliverDue(channel);
		assertThat(channel.attempts()).isEmpty();
		assertThat(row(queued.id()).status()).isEqualTo(OutboxMessage.Status.DEAD);
		assertThat(row(queued.id()).lastError()).startsWith("gave up after 3 attempts");
	}

	@Test
	void anAttemptIsRecordedOnlyOnceForTheSameState() {
		OutboxMessage queued = queue("ops", "n-1", T0);
		assertThat(outbox.recordAttempt(queued.id(), 0, T0, T0.plusSeconds(10))).isTrue();
		assertThat(outbox.recordAttempt(queued.id(), 0, T0, T0.plusSeconds(10))).isFalse();
		outbox.markSent(queued.id(), T0);
		assertThat(outbox.recordAttempt(queued.id(), 1, T0, T0.plusSeconds(10))).isFalse();
	}

	@Test
	void errorTextsAreCappedWhenStoredAndWhenRead() {
		OutboxMessage queued = queue("ops", "n-1", T0);
		outbox.markFailed(queued.id(), T0, false, "e".repeat(50_000));
		assertThat(row(queued.id()).lastError()).hasSize(Redaction.MAX_ERROR_TEXT).endsWith("…");
		JdbcClient.create(MigratedSqlite.dataSource(file, Duration.ofSeconds(5)))
			.sql("UPDATE outbox SET last_error = ? WHERE id = ?")
			.params("old\n" + "o".repeat(20_000), queued.id())
			.update();
		assertThat(row(queued.id()).lastError()).startsWith("old o").hasSize(Redaction.MAX_ERROR_TEXT);
	}

	@Test
	void messagesOfARemovedChannelAreGivenUp() throws Exception {
		queue("gone", "n-1", T0);
		queue("ops", "n-2", T0);
		TestChannel ops = TestChannel.accepting("ops");
		try (OutboxDispatcher dispatcher = dispatcher(ops)) {
			dispatcher.dispatch();
			await().atMost(Duration.ofSeconds(10)).until(() -> row("row-n-2").status() == OutboxMessage.Status.SENT);
		}
		assertThat(row("row-n-1").status()).isEqualTo(OutboxMessage.Status.DEAD);
		assertThat(row("row-n-1").lastError()).isEqualTo("channel gone is no longer configured");
	}

	@Test
	void aBlockedChannelDelaysNoOtherChannelAndIsNotStartedTwice() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		TestChannel stuck = new TestChannel("stuck", (m) -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new DeliveryException("interrupted");
			}
		});
		TestChannel fine = TestChannel.accepting("fine");
		queue("stuck", "n-1", T0);
		queue("stuck", "n-2", T0);
		queue("fine", "n-3", T0);
		OutboxDispatcher dispatcher = dispatcher(stuck, fine);
		try {
			dispatcher.dispatch();
			await().atMost(Duration.ofSeconds(10)).until(() -> row("row-n-3").status() == OutboxMessage.Status.SENT);
			assertThat(dispatcher.busy("stuck")).isTrue();

			queue("fine", "n-4", T0);
			dispatcher.dispatch();
			await().atMost(Duration.ofSeconds(10)).until(() -> row("row-n-4").status() == OutboxMessage.Status.SENT);
			assertThat(stuck.attempts()).hasSize(1);
		}
		finally {
			dispatcher.close();
		}
		// Closing interrupted the stuck send: its thread is gone and its failure
		// recorded.
		assertThat(dispatcher.busy("stuck")).isFalse();
		assertThat(row("row-n-1").lastError()).isEqualTo("interrupted");
		assertThat(row("row-n-2").attempts()).isZero();
	}

}
