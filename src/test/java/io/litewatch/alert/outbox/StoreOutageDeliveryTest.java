package io.litewatch.alert.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.litewatch.alert.AlertEvent;
import io.litewatch.alert.AlertRepository;
import io.litewatch.alert.AlertWrites;
import io.litewatch.alert.channel.DeliveryException;
import io.litewatch.alert.channel.RenderedMessage;
import io.litewatch.health.Severity;
import io.litewatch.system.StoreHealth;
import io.litewatch.system.StoreWriter;
import io.litewatch.testsupport.MigratedSqlite;
import io.litewatch.testsupport.MigratedSqlite.WriteLock;
import io.litewatch.testsupport.TestClock;

import static io.litewatch.alert.outbox.OutboxDispatcherTest.POLICY;
import static io.litewatch.alert.outbox.OutboxDispatcherTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications decided while Litewatch's store refuses writes: delivered from memory,
 * then recorded once, as they stand, so nothing goes out twice. The store and its lock
 * are real SQLite.
 */
class StoreOutageDeliveryTest {

	@TempDir
	Path dir;

	Path file;

	final TestClock clock = new TestClock(T0);

	OutboxRepository outbox;

	/** A second, independent view of the file: sees only what was committed. */
	OutboxRepository observer;

	StoreHealth health;

	StoreWriter writer;

	PendingOutbox pending;

	@BeforeEach
	void store() {
		file = dir.resolve("litewatch.db");
		// A short busy timeout: a locked database refuses the write quickly.
		DataSource dataSource = MigratedSqlite.create(file, Duration.ofMillis(100));
		outbox = new OutboxRepository(JdbcClient.create(dataSource));
		observer = new OutboxRepository(JdbcClient.create(MigratedSqlite.dataSource(file, Duration.ofSeconds(5))));
		health = new StoreHealth(clock);
		writer = new StoreWriter(health, clock);
		// The writer is flushed by the test, never by a thread of its own.
		pending = new PendingOutbox(() -> {
		});
		writer.register(new AlertWrites(new AlertRepository(JdbcClient.create(dataSource)), outbox, pending,
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), () -> {
				}));
	}

	static OutboxMessage decided(String notificationId, Instant at) {
		return new OutboxMessage("row-" + notificationId, notificationId, "ops", AlertEvent.FIRING, "production",
				Severity.CRITICAL, new RenderedMessage(notificationId, "subject " + notificationId, "{}", null),
				OutboxMessage.Status.PENDING, 0, at, at, null, null, null);
	}

	OutboxDispatcher dispatcher(TestChannel channel) {
		return new OutboxDispatcher(outbox, pending, java.util.List.of(channel), POLICY, clock);
	}

	OutboxMessage row(String id) {
		return observer.recent(1000).stream().filter((m) -> m.id().equals(id)).findFirst().orElseThrow();
	}

	@Test
	void aNotificationDecidedWhileTheStoreIsLockedGoesOutAndIsRecordedOnceAsSent() throws Exception {
		TestChannel channel = TestChannel.accepting("ops");
		OutboxDispatcher dispatcher = dispatcher(channel);
		try (WriteLock lock = MigratedSqlite.lockWrites(file)) {
			pending.add(java.util.List.of(decided("n-1", T0)));
			assertThat(writer.flush()).isFalse();
			assertThat(health.failure()).hasValueSatisfying((f) -> {
				assertThat(f.what()).isEqualTo("alert state");
				assertThat(f.waiting()).contains("1 notification(s) (delivered from memory meanwhile)");
			});

			clock.set(T0.plusSeconds(1));
			assertThat(dispatcher.deliverDue(channel)).isEqualTo(1);
			assertThat(writer.flush()).isFalse();
		}
		assertThat(observer.recent(10)).isEmpty();

		assertThat(writer.flush()).isTrue();
		OutboxMessage recorded = row("row-n-1");
		assertThat(recorded.status()).isEqualTo(OutboxMessage.Status.SENT);
		assertThat(recorded.attempts()).isEqualTo(1);
		assertThat(recorded.sentAt()).isEqualTo(T0.plusSeconds(1));
		assertThat(pending.size()).isZero();
		assertThat(health.failure()).isEmpty();

		clock.set(T0.plus(Duration.ofHours(1)));
		assertThat(dispatcher.deliverDue(channel)).isZero();
		assertThat(channel.attempts()).hasSize(1);
	}

	@Test
	void aNotificationRecordedWhileItIsBeingSentIsNotSentAgain() throws Exception {
		AtomicReference<OutboxMessage> storedDuringSend = new AtomicReference<>();
		// The writer gets to the store while the message is out.
		TestChannel channel = new TestChannel("ops", (m) -> {
			writer.flush();
			storedDuringSend.set(row("row-n-1"));
		});
		OutboxDispatcher dispatcher = dispatcher(channel);
		pending.add(java.util.List.of(decided("n-1", T0)));
		clock.set(T0.plusSeconds(1));

		assertThat(dispatcher.deliverDue(channel)).isEqualTo(1);
		// Stored with the attempt and its backoff, as the store path would have: a crash
		// now sends it again only after that.
		assertThat(storedDuringSend.get().status()).isEqualTo(OutboxMessage.Status.PENDING);
		assertThat(storedDuringSend.get().attempts()).isEqualTo(1);
		assertThat(storedDuringSend.get().nextAttemptAt()).isEqualTo(T0.plusSeconds(11));

		// The backoff has passed but the outcome is not written yet: the store's copy is
		// behind, so the store path leaves it alone.
		clock.set(T0.plusSeconds(20));
		assertThat(dispatcher.deliverDue(channel)).isZero();
		assertThat(writer.flush()).isTrue();
		assertThat(row("row-n-1").status()).isEqualTo(OutboxMessage.Status.SENT);
		assertThat(pending.size()).isZero();
		assertThat(dispatcher.deliverDue(channel)).isZero();
		assertThat(channel.attempts()).hasSize(1);
	}

	@Test
	void aFailedAttemptFromMemoryIsRecordedAndRetriedFromTheStoreAfterItsBackoff() throws Exception {
		int[] calls = { 0 };
		TestChannel channel = new TestChannel("ops", (m) -> {
			if (calls[0]++ == 0) {
				throw new DeliveryException("HTTP 502");
			}
		});
		OutboxDispatcher dispatcher = dispatcher(channel);
		try (WriteLock lock = MigratedSqlite.lockWrites(file)) {
			pending.add(java.util.List.of(decided("n-1", T0)));
			assertThat(dispatcher.deliverDue(channel)).isZero();
			// Due again only after its backoff, in memory as in the store.
			clock.set(T0.plusSeconds(5));
			assertThat(dispatcher.deliverDue(channel)).isZero();
			assertThat(channel.attempts()).hasSize(1);
		}
		assertThat(writer.flush()).isTrue();
		OutboxMessage failed = row("row-n-1");
		assertThat(failed.status()).isEqualTo(OutboxMessage.Status.PENDING);
		assertThat(failed.attempts()).isEqualTo(1);
		assertThat(failed.lastError()).isEqualTo("HTTP 502");
		assertThat(failed.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));
		assertThat(pending.size()).isZero();

		clock.set(T0.plusSeconds(10));
		assertThat(dispatcher.deliverDue(channel)).isEqualTo(1);
		assertThat(row("row-n-1").status()).isEqualTo(OutboxMessage.Status.SENT);
		assertThat(row("row-n-1").attempts()).isEqualTo(2);
		assertThat(channel.attempts()).hasSize(2);
	}

	@Test
	void aMessageStoredMidSendWhoseSendFailsIsRetriedFromMemoryWhileTheStoreIsLocked() throws Exception {
		MigratedSqlite.WriteLock[] lock = { null };
		int[] calls = { 0 };
		// The writer stores it while it is out; then the store locks and the send fails.
		TestChannel channel = new TestChannel("ops", (m) -> {
			if (calls[0]++ == 0) {
				writer.flush();
				try {
					lock[0] = MigratedSqlite.lockWrites(file);
				}
				catch (java.sql.SQLException ex) {
					throw new IllegalStateException(ex);
				}
				throw new DeliveryException("HTTP 502");
			}
		});
		OutboxDispatcher dispatcher = dispatcher(channel);
		pending.add(java.util.List.of(decided("n-1", T0)));
		try {
			assertThat(dispatcher.deliverDue(channel)).isZero();
			assertThat(writer.flush()).isFalse();
			clock.set(T0.plusSeconds(10));
			assertThat(dispatcher.deliverDue(channel)).isEqualTo(1);
		}
		finally {
			lock[0].close();
		}
		assertThat(writer.flush()).isTrue();
		assertThat(row("row-n-1").status()).isEqualTo(OutboxMessage.Status.SENT);
		assertThat(row("row-n-1").attempts()).isEqualTo(2);
		assertThat(channel.attempts()).hasSize(2);
	}

	@Test
	void beyondItsCapacityOnlyWhatWasNeverTriedIsDropped() {
		PendingOutbox small = new PendingOutbox(() -> {
		}, 1);
		small.add(java.util.List.of(decided("n-1", T0)));
		assertThat(small.claimNext("ops", T0, (attempt) -> Duration.ofSeconds(10))).isPresent();
		small.failed("row-n-1", T0.plusSeconds(10), false, "HTTP 502");
		// n-1 was tried: a drop could let the store path send it again, so the others go.
		small.add(java.util.List.of(decided("n-2", T0), decided("n-3", T0)));
		assertThat(small.unrecorded()).extracting(OutboxMessage::notificationId).containsExactly("n-1");
	}

}
