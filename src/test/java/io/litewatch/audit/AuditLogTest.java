package io.litewatch.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.litewatch.testsupport.MigratedSqlite;
import io.litewatch.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log on a real, migrated SQLite file: order, bounds, pruning. */
class AuditLogTest {

	static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

	@TempDir
	Path dir;

	TestClock clock = new TestClock(T0);

	AuditRepository repository;

	AuditLog audit;

	@BeforeEach
	void store() {
		DataSource dataSource = MigratedSqlite.create(dir.resolve("litewatch.db"), Duration.ofSeconds(5));
		repository = new AuditRepository(JdbcClient.create(dataSource));
		audit = new AuditLog(repository, clock);
	}

	@Test
	void entriesOfOneMillisecondComeBackNewestFirstInTheOrderTheyWereRecorded() {
		IntStream.range(0, 30)
			.forEach((i) -> audit.record("alice", AuditAction.TEST_NOTIFICATION_SENT, "channel-" + i, null, null));

		assertThat(audit.recent(3)).extracting(AuditEntry::target)
			.containsExactly("channel-29", "channel-28", "channel-27");
	}

	@Test
	void textsAreClippedToOneLineAndABoundedLength() {
		audit.record("mallory\nforged line", AuditAction.SIGN_IN_FAILED, "t".repeat(1000), "d".repeat(5000), null);

		AuditEntry entry = audit.recent(1).get(0);
		assertThat(entry.actor()).isEqualTo("mallory forged line");
		assertThat(entry.target()).hasSize(AuditEntry.MAX_NAME).endsWith("…");
		assertThat(entry.detail()).hasSize(AuditEntry.MAX_DETAIL);
		assertThat(audit.recent(100_000)).hasSize(1);
	}

	@Test
	void pruningDropsWhatIsPastTheRetentionAndKeepsOnlyTheNewestCount() {
		audit.record("alice", AuditAction.SIGN_IN, null, null, null);
		clock.advance(Duration.ofDays(399));
		for (int i = 0; i < 150; i++) {
			clock.advance(Duration.ofSeconds(1));
			audit.record("bob", AuditAction.SILENCE_CREATED, "s" + i, null, null);
		}
		AuditPruner pruner = new AuditPruner(repository, new AuditProperties(Duration.ofDays(399), 100), clock);

		assertThat(pruner.prune()).isEqualTo(51);
		assertThat(repository.count()).isEqualTo(100);
		assertThat(audit.recent(1)).extracting(AuditEntry::target).containsExactly("s149");
		assertThat(audit.recent(500)).extracting(AuditEntry::actor).containsOnly("bob");
		assertThat(pruner.prune()).isZero();
	}

	@Test
	void aStoreWithoutTheTableCostsTheEntryNotTheCaller() {
		AuditLog unmigrated = new AuditLog(
				new AuditRepository(
						JdbcClient.create(MigratedSqlite.dataSource(dir.resolve("empty.db"), Duration.ofSeconds(1)))),
				clock);

		unmigrated.record("alice", AuditAction.SIGN_IN, null, null, null);

		assertThat(unmigrated.recent(10)).isEmpty();
	}

}
