package io.litewatch.drill;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import io.litewatch.config.DbConfig;
import io.litewatch.docker.LocalAccessory;
import io.litewatch.docker.SnapshotRow;
import io.litewatch.drill.DrillResult.Outcome;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.DbFileState;
import io.litewatch.health.DrillObservation;
import io.litewatch.health.DrillObservation.ReplicaDrill;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.metrics.SyntheticPolls;
import io.litewatch.poll.LatestPoll;
import io.litewatch.testsupport.MigratedSqlite;
import io.litewatch.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** What the runner hands the judge, from records in a real migrated SQLite file. */
class DrillRunnerTest {

	@TempDir
	Path dir;

	DrillRepository repository;

	LatestPoll latest = new LatestPoll();

	TestClock clock = new TestClock(SyntheticPolls.T0);

	DrillRunner runner;

	@BeforeEach
	void setUp() {
		repository = new DrillRepository(
				JdbcClient.create(MigratedSqlite.create(dir.resolve("litewatch.db"), Duration.ofSeconds(5))),
				JsonMapper.builder().build());
		runner = runner();
	}

	/** A new runner on the same records: what a restart sees. */
	DrillRunner runner() {
		DrillProperties properties = new DrillProperties(true, Duration.ofHours(24), Duration.ofMinutes(10),
				Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(15), dir.resolve("drills"), null,
				Duration.ofDays(400), Map.of());
		RestoreDrill drill = new RestoreDrill(new LocalAccessory(dir.resolve("none").toString(), Map.of()),
				dir.resolve("l.yml"), dir.resolve("drills"), Duration.ofSeconds(5), clock);
		return new DrillRunner(latest, drill, repository, new DrillPlanner(properties, new Random(1)), properties,
				clock);
	}

	/** The database production as configured, with these replicas. */
	static List<DbConfig> production(String... replicas) {
		return List.of(
				SyntheticPolls
					.database("production",
							java.util.Arrays.stream(replicas)
								.map((r) -> SyntheticPolls.replica(r, Duration.ofSeconds(1)))
								.toArray(ReplicaStatus[]::new))
					.config());
	}

	@Test
	void aDatabaseHasPassedSinceTheOldestOfItsReplicasLastPassesTheSameAfterARestart() {
		Instant t = SyntheticPolls.T0;
		repository
			.insert(DrillRepositoryTest.record("production", "offsite", t.minusSeconds(7200), Outcome.PASSED, null));
		repository.insert(DrillRepositoryTest.record("production", "s3", t.minusSeconds(600), Outcome.PASSED, null));
		assertThat(runner.observe(production("s3", "offsite")).get("production").lastPassed()).as("baseline")
			.isEqualTo(t.minusSeconds(7200));

		// offsite fails from now on; s3 keeps passing.
		repository
			.insert(DrillRepositoryTest.record("production", "offsite", t.minusSeconds(300), Outcome.FAILED, null));
		DrillRunner restarted = runner();
		assertThat(restarted.observe(production("s3", "offsite")).get("production").lastPassed()).as("after a restart")
			.isEqualTo(t.minusSeconds(7200));
		assertThat(restarted.observe(production("s3")).get("production").lastPassed()).as("offsite taken out")
			.isEqualTo(t.minusSeconds(600));
	}

	@Test
	void aReplicaNoLongerInTheConfigurationKeepsItsHistoryButIsNotJudgedFromTheFirstPollOn() {
		Instant at = SyntheticPolls.T0.minusSeconds(600);
		repository.insert(DrillRepositoryTest.record("production", "s3", at, Outcome.PASSED, null));
		repository.insert(DrillRepositoryTest.record("production", "offsite", at, Outcome.FAILED, null));
		assertThat(replicas(runner().observe(production("s3", "offsite")).get("production")))
			.as("baseline: both configured")
			.containsExactly("offsite", "s3");

		// offsite was fixed by replacing it: it is gone from litestream.yml. No poll has
		// been published yet: the first one after a start judges it right too.
		assertThat(latest.get()).isEmpty();
		DrillObservation observed = runner.observe(production("s3")).get("production");
		assertThat(replicas(observed)).containsExactly("s3");
		assertThat(observed.newest()).noneMatch(ReplicaDrill::failed);
		assertThat(repository.newestPerReplica()).as("the evidence keeps it").hasSize(2);
	}

	@Test
	void aReplicaAddedLaterIsGivenItsTimeFromWhenItAppeared() {
		Instant t = SyntheticPolls.T0;
		repository.insert(DrillRepositoryTest.record("production", "s3", t.minusSeconds(600), Outcome.PASSED, null));
		DrillObservation before = runner.observe(production("s3")).get("production");
		assertThat(before.since()).isEqualTo(t);
		assertThat(before.lastPassed()).isEqualTo(t.minusSeconds(600));

		clock.advance(Duration.ofDays(3));
		DrillObservation added = runner.observe(production("s3", "offsite")).get("production");
		assertThat(added.lastPassed()).as("offsite has not passed yet").isNull();
		assertThat(added.since()).as("offsite's time to be overdue runs from now")
			.isEqualTo(t.plus(Duration.ofDays(3)));
		assertThat(runner.observe(List.of()).get("production")).as("not watched, not judged").isNull();
	}

	@Test
	void aDeletedLiveFileStillNeedsRoomForTheBackupsNewestSnapshot() {
		ReplicaStatus s3 = SyntheticPolls.replica("s3", Duration.ofSeconds(1));
		DatabaseStatus db = SyntheticPolls.database("production", s3);
		LitestreamView snapshots = new LitestreamView(SyntheticPolls.T0, List.of(
				new SnapshotRow("s3", SyntheticPolls.GENERATION, 0, 70_000, SyntheticPolls.T0.minusSeconds(7200)),
				new SnapshotRow("s3", SyntheticPolls.GENERATION, 4, 90_000, SyntheticPolls.T0.minusSeconds(3600)),
				new SnapshotRow("offsite", SyntheticPolls.GENERATION, 4, 500_000, SyntheticPolls.T0)), null, List.of(),
				List.of(), null);

		assertThat(DrillSpace
			.expectedBytes(with(db, new DbFileState(true, 120_000, SyntheticPolls.T0, null), snapshots), s3))
			.as("the live file, when larger")
			.isEqualTo(120_000);
		assertThat(DrillSpace.expectedBytes(with(db, new DbFileState(false, 0, null, null), snapshots), s3))
			.as("deleted: s3's newest snapshot")
			.isEqualTo(90_000);
		assertThat(
				DrillSpace.expectedBytes(with(db, new DbFileState(true, 4096, SyntheticPolls.T0, null), snapshots), s3))
			.as("emptied")
			.isEqualTo(90_000);
		assertThat(DrillSpace.expectedBytes(with(db, DbFileState.unknown("no exec"), snapshots), s3)).isEqualTo(90_000);
	}

	private static DatabaseStatus with(DatabaseStatus db, DbFileState file, LitestreamView litestream) {
		return new DatabaseStatus(db.config(), db.status(), db.findings(), file, litestream, db.replicas());
	}

	private static List<String> replicas(DrillObservation observed) {
		return observed.newest().stream().map(ReplicaDrill::replica).toList();
	}

}
