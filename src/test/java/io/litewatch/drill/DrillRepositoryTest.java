package io.litewatch.drill;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import io.litewatch.drill.DrillRecord.PointInTime;
import io.litewatch.drill.DrillRecord.Trigger;
import io.litewatch.drill.DrillResult.Outcome;
import io.litewatch.testsupport.MigratedSqlite;

import static org.assertj.core.api.Assertions.assertThat;

/** On the migrated schema (V5, V6) in a real SQLite file. */
class DrillRepositoryTest {

	static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

	@TempDir
	Path dir;

	DrillRepository repository;

	@BeforeEach
	void migrate() {
		repository = new DrillRepository(
				JdbcClient.create(MigratedSqlite.create(dir.resolve("litewatch.db"), Duration.ofSeconds(5))),
				JsonMapper.builder().build());
	}

	static DrillRecord record(String db, String replica, Instant at, Outcome outcome, PointInTime pit) {
		DrillResult result = new DrillResult(db, replica, at, Duration.ofMillis(181), outcome,
				outcome == Outcome.PASSED ? 45056 : 0, outcome == Outcome.PASSED ? "ok" : null,
				outcome == Outcome.PASSED ? Map.of("events", 20L, "_litestream_seq", 1L) : Map.of(),
				outcome == Outcome.PASSED ? null : "The restore failed (exit 1): no snapshots available",
				outcome == Outcome.PASSED ? null : "level=ERROR …", "8f3a1c2b9d4e5f60", outcome == Outcome.PASSED
						? new DrillResult.NewestRow("events.created_at", at.minusMillis(1500)) : null);
		return new DrillRecord(db + replica + at.toEpochMilli(), Trigger.SCHEDULED, result,
				outcome == Outcome.PASSED ? at.minusSeconds(1) : null,
				outcome == Outcome.PASSED ? Duration.ofMillis(1500) : null, pit);
	}

	@Test
	void aDrillReadsBackWhole() {
		PointInTime pit = new PointInTime(T.minusSeconds(3600), Outcome.PASSED, Duration.ofMillis(90), null);
		DrillRecord stored = record("production", "s3", T, Outcome.PASSED, pit);
		repository.insert(stored);

		assertThat(repository.find(stored.id())).contains(stored);
		assertThat(repository.find(stored.id()).orElseThrow().latest().rowCounts().keySet()).as("table order kept")
			.containsExactlyElementsOf(stored.latest().rowCounts().keySet());
	}

	@Test
	void theNewestPerReplicaTheLastPassAndAPeriod() {
		repository.insert(record("production", "s3", T, Outcome.PASSED, null));
		repository.insert(record("production", "s3", T.plusSeconds(60), Outcome.FAILED, null));
		repository.insert(record("production", "backup", T.plusSeconds(30), Outcome.PASSED, null));
		repository.insert(record("cache", "s3", T.plusSeconds(10), Outcome.PASSED,
				new PointInTime(T, Outcome.FAILED, Duration.ofMillis(50), "no snapshots available")));

		assertThat(repository.newestPerReplica())
			.extracting((d) -> d.database() + "/" + d.replica() + "@" + d.latest().outcome())
			.containsExactlyInAnyOrder("production/s3@FAILED", "production/backup@PASSED", "cache/s3@PASSED");
		assertThat(repository.lastPassedPerReplica())
			.containsExactlyEntriesOf(Map.of("production", Map.of("backup", T.plusSeconds(30), "s3", T)));
		assertThat(repository.between("production", T, T.plusSeconds(60), 10)).extracting(DrillRecord::replica)
			.containsExactly("s3", "backup");
		assertThat(repository.deleteBefore(T.plusSeconds(30))).isEqualTo(2);
		assertThat(repository.recent("production", 10)).hasSize(2);
	}

}
