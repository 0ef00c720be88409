package io.litewatch.health;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.litewatch.config.ConfigParseException;
import io.litewatch.config.DbConfig;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.docker.ContainerState;
import io.litewatch.docker.EngineInfo;
import io.litewatch.s3.GenerationListing;

import static io.litewatch.health.ReplicaEvaluatorTest.GEN_A;
import static io.litewatch.health.ReplicaEvaluatorTest.NOW;
import static io.litewatch.health.ReplicaEvaluatorTest.PRIMARY;
import static io.litewatch.health.ReplicaEvaluatorTest.generation;
import static io.litewatch.health.ReplicaEvaluatorTest.listing;
import static org.assertj.core.api.Assertions.assertThat;

/** The cause rules, from observations straight to findings: no Docker, no S3. */
class PollEvaluatorTest {

	static final Path FILE = Path.of("/etc/litestream.yml");

	static final DbConfig PRODUCTION = new DbConfig("/rails/storage/production.sqlite3", "production",
			"/rails/storage/.production.sqlite3-litestream", Duration.ofSeconds(1), Duration.ofMinutes(1),
			List.of(PRIMARY), 3);

	final PollEvaluator evaluator = new PollEvaluator(new ReplicaEvaluator(new LitewatchProperties.Health(3, 10,
			Duration.ofSeconds(10), 1, 2, Duration.ofMinutes(1), Duration.ofHours(1))));

	static ContainerState container(String status, boolean exists, boolean running, boolean restarting) {
		return new ContainerState("myapp-litestream", exists, status, running, restarting, restarting ? 4 : 0,
				NOW.minusSeconds(3600), running ? null : NOW.minusSeconds(60), running ? null : 1, "litestream");
	}

	static final AccessoryState RUNNING = accessory(container("running", true, true, false));

	static final AccessoryState STOPPED = accessory(container("exited", true, false, false));

	static final AccessoryState MISSING = accessory(container("missing", false, false, false));

	static final AccessoryState RESTARTING = accessory(container("restarting", true, true, true));

	static final AccessoryState NO_ENGINE = new AccessoryState("unix:///var/run/docker.sock", "myapp-litestream", null,
			null, null, "connection refused");

	static AccessoryState accessory(ContainerState state) {
		return new AccessoryState("unix:///var/run/docker.sock", "myapp-litestream",
				new EngineInfo("20.10.24", "1.41", "1.12", "1.41"), state, "v0.3.13", null);
	}

	/**
	 * Old snapshot, stale replica: what a stopped accessory leaves behind after a while.
	 */
	static DatabaseObservation staleAndOverdue(String execError) {
		GenerationListing gen = generation(GEN_A, NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(5)),
				NOW.minusSeconds(600));
		return DatabaseObservation.collected(PRODUCTION, new DbFileState(true, 4096, NOW.minusSeconds(5), null),
				execError == null ? LitestreamView.none("the accessory is not running")
						: new LitestreamView(null, List.of(), null, List.of(), List.of(), execError),
				List.of(ReplicaObservation.listed(PRIMARY, listing(gen))));
	}

	static PollObservation observation(AccessoryState accessory, ConfigParseException configError,
			DatabaseObservation... databases) {
		return new PollObservation(new ConfigObservation(FILE, configError, true, NOW.minusSeconds(86400), List.of()),
				accessory, AccessoryDatabases.notAsked(), List.of(databases), null);
	}

	Diagnosis evaluate(PollObservation observation) {
		return evaluator.evaluate(observation, Map.of(), NOW);
	}

	static List<FindingCode> unheld(List<Finding> findings) {
		return findings.stream().filter((f) -> !f.held()).map(Finding::code).toList();
	}

	static List<FindingCode> heldBy(List<Finding> findings, FindingCode cause) {
		return findings.stream().filter((f) -> f.heldBy() == cause).map(Finding::code).toList();
	}

	@Test
	void aRunningAccessoryLetsEveryFindingCountOnItsOwn() {
		Diagnosis d = evaluate(observation(RUNNING, null, staleAndOverdue("`litestream snapshots` exited with 1")));
		DatabaseStatus db = d.databases().get(0);
		assertThat(unheld(db.findings())).containsExactly(FindingCode.EXEC_FAILED);
		assertThat(unheld(db.replicas().get(0).findings())).containsExactly(FindingCode.REPLICA_STALE,
				FindingCode.SNAPSHOT_OVERDUE);
		assertThat(db.heldBy()).isEmpty();
		assertThat(d.held()).isEmpty();
		assertThat(d.status()).isEqualTo(HealthStatus.CRITICAL);
	}

	@Test
	void aStoppedAccessoryHoldsStaleOverdueAndExecFailuresAndIsSaidOnce() {
		Diagnosis d = evaluate(observation(STOPPED, null, staleAndOverdue(null), staleAndOverdue(null)));
		assertThat(unheld(d.findings())).containsExactly(FindingCode.ACCESSORY_DOWN);
		for (DatabaseStatus db : d.databases()) {
			// Said once, at the top: no database repeats the cause's sentence.
			assertThat(db.findings()).extracting(Finding::code).doesNotContain(FindingCode.ACCESSORY_DOWN);
			assertThat(heldBy(db.replicas().get(0).findings(), FindingCode.ACCESSORY_DOWN))
				.containsExactly(FindingCode.REPLICA_STALE, FindingCode.SNAPSHOT_OVERDUE);
			assertThat(db.replicas().get(0).status()).isEqualTo(HealthStatus.OK);
			assertThat(db.heldBy()).containsExactly(FindingCode.ACCESSORY_DOWN);
			// Nothing replicates it: the database is not ok, whatever its replica's
			// figures say.
			assertThat(db.status()).isEqualTo(HealthStatus.CRITICAL);
		}
		assertThat(d.held()).containsEntry(FindingCode.REPLICA_STALE, FindingCode.ACCESSORY_DOWN)
			.containsEntry(FindingCode.SNAPSHOT_OVERDUE, FindingCode.ACCESSORY_DOWN)
			.containsEntry(FindingCode.EXEC_FAILED, FindingCode.ACCESSORY_DOWN)
			.containsEntry(FindingCode.DB_FILE_MISSING, FindingCode.ACCESSORY_DOWN)
			.doesNotContainKey(FindingCode.S3_UNREACHABLE);
	}

	@Test
	void aMissingOrRestartingContainerIsCriticalEvenWhenADatabaseTimedOut() {
		for (AccessoryState accessory : List.of(MISSING, RESTARTING)) {
			Diagnosis d = evaluate(observation(accessory, null,
					DatabaseObservation.timedOut(PRODUCTION, "Collecting production took longer than 5s")));
			assertThat(unheld(d.findings())).containsExactly(FindingCode.ACCESSORY_DOWN);
			assertThat(d.status()).isEqualTo(HealthStatus.CRITICAL);
			DatabaseStatus db = d.databases().get(0);
			assertThat(heldBy(db.findings(), FindingCode.ACCESSORY_DOWN))
				.containsExactly(FindingCode.COLLECTION_TIMED_OUT);
			assertThat(db.status()).isEqualTo(HealthStatus.CRITICAL);
		}
	}

	@Test
	void anUnreachableEngineHoldsTheAccessoryFindingsToo() {
		Diagnosis d = evaluate(observation(NO_ENGINE, null, staleAndOverdue(null)));
		assertThat(unheld(d.findings())).containsExactly(FindingCode.DOCKER_UNREACHABLE);
		assertThat(d.held()).containsEntry(FindingCode.ACCESSORY_DOWN, FindingCode.DOCKER_UNREACHABLE)
			.containsEntry(FindingCode.REPLICA_STALE, FindingCode.DOCKER_UNREACHABLE);
		assertThat(d.databases().get(0).heldBy()).containsExactly(FindingCode.DOCKER_UNREACHABLE);
	}

	@Test
	void anInvalidConfigHoldsTheCliFailuresThatComeFromTheSameFile() {
		ConfigParseException broken = new ConfigParseException(FILE.toString(), 1, "mapping values are not allowed");
		Diagnosis d = evaluate(observation(RUNNING, broken, staleAndOverdue("`litestream snapshots` exited with 1")));
		assertThat(unheld(d.findings())).containsExactly(FindingCode.CONFIG_INVALID);
		DatabaseStatus db = d.databases().get(0);
		assertThat(heldBy(db.findings(), FindingCode.CONFIG_INVALID)).containsExactly(FindingCode.EXEC_FAILED);
		// Only the CLI reads the file: S3's own figures still count.
		assertThat(unheld(db.replicas().get(0).findings())).containsExactly(FindingCode.REPLICA_STALE,
				FindingCode.SNAPSHOT_OVERDUE);
		assertThat(db.heldBy()).containsExactly(FindingCode.CONFIG_INVALID);
		assertThat(d.held()).containsOnlyKeys(FindingCode.EXEC_FAILED);
	}

	@Test
	void theAccessoryRunningAnotherConfigIsSuspiciousAndItsSilenceAnExecFailure() {
		DatabaseObservation db = staleAndOverdue(null);
		PollObservation other = new PollObservation(new ConfigObservation(FILE, null, true, NOW, List.of()), RUNNING,
				AccessoryDatabases.answered(Set.of("/rails/storage/other.sqlite3")), List.of(db), null);
		assertThat(unheld(evaluate(other).findings())).containsExactly(FindingCode.CONFIG_SUSPICIOUS);
		PollObservation failed = new PollObservation(new ConfigObservation(FILE, null, true, NOW, List.of()), STOPPED,
				AccessoryDatabases.failed("`litestream databases` could not run"), List.of(db), null);
		assertThat(evaluate(failed).findings()).extracting(Finding::code, Finding::heldBy)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(FindingCode.ACCESSORY_DOWN, null),
					org.assertj.core.groups.Tuple.tuple(FindingCode.EXEC_FAILED, FindingCode.ACCESSORY_DOWN));
	}

	@Test
	void aRefusedStoreWriteIsAWarningThatSaysWhatWaitsAndThatAlertsGoOn() {
		PollObservation o = new PollObservation(new ConfigObservation(FILE, null, true, NOW, List.of()), RUNNING,
				AccessoryDatabases.notAsked(), List.of(), new StoreFailure("history",
						"[SQLITE_BUSY] The database file is locked", NOW.minusSeconds(30), "12 poll(s)"));
		Diagnosis d = evaluate(o);
		assertThat(d.findings()).singleElement().satisfies((f) -> {
			assertThat(f.code()).isEqualTo(FindingCode.STORE_FAILED);
			assertThat(f.message()).contains("SQLITE_BUSY", "2026-11-25T11:59:30Z", "History is not being recorded",
					"notifications are delivered from memory", "waiting to be written: 12 poll(s)");
		});
		// The replicas are as safe as before: an uptime checker stays green.
		assertThat(d.status()).isEqualTo(HealthStatus.WARNING);
	}

	@Test
	void aFailingHeartbeatIsAWarningThatSaysTheSwitchWillPage() {
		PollObservation o = new PollObservation(new ConfigObservation(FILE, null, true, NOW, List.of()), RUNNING,
				AccessoryDatabases.notAsked(), List.of(), null, null, Map.of(),
				new HeartbeatFailure("https://hc-ping.com/…", "HTTP 500", NOW.minusSeconds(30)));
		Diagnosis d = evaluate(o);
		assertThat(d.findings()).singleElement().satisfies((f) -> {
			assertThat(f.code()).isEqualTo(FindingCode.HEARTBEAT_FAILED);
			assertThat(f.message()).contains("https://hc-ping.com/…", "HTTP 500", "2026-11-25T11:59:30Z",
					"will page as if Litewatch were down");
		});
		assertThat(d.status()).isEqualTo(HealthStatus.WARNING);
	}

	@Test
	void aTimedOutDatabaseKeepsItsLastKnownReplicas() {
		Diagnosis first = evaluate(observation(RUNNING, null, staleAndOverdue(null)));
		Diagnosis second = evaluator.evaluate(
				observation(RUNNING, null, DatabaseObservation.timedOut(PRODUCTION, "too slow")),
				Map.of(PRODUCTION.path(), first.databases().get(0)), NOW.plusSeconds(15));
		DatabaseStatus db = second.databases().get(0);
		assertThat(db.findings()).extracting(Finding::code).containsExactly(FindingCode.COLLECTION_TIMED_OUT);
		assertThat(db.replicas()).singleElement()
			.satisfies((r) -> assertThat(r.generations().current()).isEqualTo(GEN_A));
	}

	@Test
	void aLateReadingShowsTheLastKnownDatabaseWithAWarningAndKeepsItsCriticalFindings() {
		Diagnosis first = evaluate(observation(RUNNING, null, staleAndOverdue(null)));
		DatabaseStatus before = first.databases().get(0);
		Diagnosis second = evaluator.evaluate(
				observation(RUNNING, null, DatabaseObservation.late(PRODUCTION, "Reading production is late")),
				Map.of(PRODUCTION.path(), before), NOW.plusSeconds(15));
		DatabaseStatus db = second.databases().get(0);
		assertThat(db.findings()).extracting(Finding::code).containsExactly(FindingCode.READING_LATE);
		assertThat(db.findings().get(0).severity()).isEqualTo(Severity.WARNING);
		assertThat(db.file()).isEqualTo(before.file());
		assertThat(db.litestream()).isEqualTo(before.litestream());
		// A stale replica stays stale while its next reading is late: a slow source
		// hides nothing.
		assertThat(unheld(db.replicas().get(0).findings())).contains(FindingCode.REPLICA_STALE);
		assertThat(second.status()).isEqualTo(HealthStatus.CRITICAL);

		Diagnosis never = evaluate(observation(RUNNING, null, DatabaseObservation.late(PRODUCTION, "late")));
		assertThat(never.databases().get(0).replicas()).isEmpty();
		assertThat(never.databases().get(0).file().known()).isFalse();
	}

	@Test
	void aContainerCaughtRunningBetweenTwoCrashesIsStillDown() {
		AccessoryState before = accessory(new ContainerState("myapp-litestream", true, "running", true, false, 6,
				NOW.minusSeconds(20), NOW.minusSeconds(21), null, "litestream"));
		AccessoryState between = accessory(new ContainerState("myapp-litestream", true, "running", true, false, 8,
				NOW.minusMillis(300), NOW.minusSeconds(1), null, "litestream"));
		PollObservation o = new PollObservation(new ConfigObservation(FILE, null, true, NOW, List.of()), between,
				AccessoryDatabases.notAsked(), List.of(staleAndOverdue("`litestream snapshots` could not run")), null,
				before);
		Diagnosis d = evaluate(o);
		assertThat(d.findings()).singleElement().satisfies((f) -> {
			assertThat(f.code()).isEqualTo(FindingCode.ACCESSORY_DOWN);
			assertThat(f.message()).contains("restarted 2 times since the last poll", "restart count 8");
		});
		assertThat(heldBy(d.databases().get(0).findings(), FindingCode.ACCESSORY_DOWN))
			.containsExactly(FindingCode.EXEC_FAILED);
		assertThat(d.status()).isEqualTo(HealthStatus.CRITICAL);
		// Once it stays up, the same count is no crash any more.
		PollObservation stable = new PollObservation(new ConfigObservation(FILE, null, true, NOW, List.of()), between,
				AccessoryDatabases.notAsked(), List.of(), null, between);
		assertThat(evaluate(stable).findings()).isEmpty();
	}

	@Test
	void aRestartingContainerSaysItsExitCodeOnlyWhenKnown() {
		AccessoryState restarting = accessory(new ContainerState("myapp-litestream", true, "restarting", true, true, 7,
				NOW.minusSeconds(2), NOW.minusSeconds(1), null, "litestream"));
		assertThat(evaluate(observation(restarting, null)).findings()).singleElement()
			.satisfies((f) -> assertThat(f.message()).contains("restart count 7)").doesNotContain("null"));
	}

	@Test
	void aContainerBackFromRestartingIsDownUntilSeenToStayUp() {
		AccessoryState restarting = accessory(new ContainerState("myapp-litestream", true, "restarting", true, true, 8,
				NOW.minusSeconds(5), NOW.minusSeconds(2), 1, "litestream"));
		AccessoryState back = accessory(new ContainerState("myapp-litestream", true, "running", true, false, 8,
				NOW.minusMillis(200), NOW.minusSeconds(2), null, "litestream"));
		ConfigObservation config = new ConfigObservation(FILE, null, true, NOW, List.of());
		assertThat(
				evaluate(new PollObservation(config, back, AccessoryDatabases.notAsked(), List.of(), null, restarting))
					.findings())
			.singleElement()
			.satisfies((f) -> assertThat(f.message()).contains("was restarting at the last poll", "not yet seen"));
		assertThat(evaluate(new PollObservation(config, back, AccessoryDatabases.notAsked(), List.of(), null, back))
			.findings()).isEmpty();
	}

	@Test
	void storageThatCannotBeListedHoldsTheAccessoryCommandsOfThatDatabase() {
		DatabaseObservation hung = DatabaseObservation.collected(PRODUCTION,
				new DbFileState(true, 4096, NOW.minusSeconds(5), null),
				new LitestreamView(null, List.of(), null, List.of(), List.of(),
						"`litestream snapshots` did not answer within 5s"),
				List.of(ReplicaObservation.failed(PRIMARY, "Cannot list s3://backups/production: timed out")));
		Diagnosis d = evaluate(observation(RUNNING, null, hung));
		DatabaseStatus db = d.databases().get(0);
		assertThat(heldBy(db.findings(), FindingCode.S3_UNREACHABLE)).containsExactly(FindingCode.EXEC_FAILED);
		assertThat(unheld(db.replicas().get(0).findings())).containsExactly(FindingCode.S3_UNREACHABLE);
		// A cause inside the database is shown beside what it holds, not as the
		// database's.
		assertThat(db.heldBy()).isEmpty();
		assertThat(d.held()).isEmpty();
	}

}
