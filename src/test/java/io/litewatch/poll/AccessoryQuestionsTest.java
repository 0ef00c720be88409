package io.litewatch.poll;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.litewatch.config.LitestreamConfig;
import io.litewatch.config.LitestreamConfigParser;
import io.litewatch.config.LitestreamDialect;
import io.litewatch.docker.ContainerState;
import io.litewatch.health.AccessoryState;
import io.litewatch.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many execs a poll costs: a number that does not grow with the databases. The
 * accessory is scripted with Litestream's real output forms; the commands and their
 * parsers are the real ones.
 */
class AccessoryQuestionsTest {

	private static final List<String> DBS = List.of("/data/production.sqlite3", "/data/production_queue.sqlite3",
			"/data/production_cache.sqlite3");

	private static final Instant STARTED = Instant.parse("2026-12-07T08:00:00Z");

	final TestClock clock = new TestClock(Instant.parse("2026-12-07T12:00:00Z"));

	final ScriptedAccessory accessory = new ScriptedAccessory(DBS);

	final LitestreamCommands commands = accessory.commands(clock);

	final ExecutorService executor = Executors.newSingleThreadExecutor();

	final AccessoryQuestions questions = ScriptedAccessory.questions(commands, executor, clock);

	@Test
	void a05PollAsksOneStatusThatNamesEveryDatabaseWithItsTxid() {
		LitestreamConfig config = config(LitestreamDialect.V0_5, DBS.size() + 1);

		AccessoryAnswers first = questions.ask(config, running(STARTED), null);
		questions.ask(config, running(STARTED), null);

		assertThat(accessory.asked()).containsExactly(List.of("litestream", "status", "-json"),
				List.of("litestream", "status", "-json"));
		assertThat(first.databases().paths()).containsExactlyInAnyOrderElementsOf(DBS);
		assertThat(first.view05(DBS.get(1)).local().txid()).isEqualTo(7L);
		// In Litewatch's file but not in the accessory's.
		assertThat(first.view05("/data/extra3.sqlite3").execError())
			.isEqualTo("`litestream status` does not know /data/extra3.sqlite3: the accessory's litestream.yml "
					+ "names it differently");
	}

	@Test
	void aQuestionNotAnsweredWithinTheWaitGoesOnAndTheNextPollTakesItsAnswer() throws Exception {
		LitestreamConfig config = config(LitestreamDialect.V0_5, DBS.size());
		// Waits long enough for an answer that is not held, and not 10 s for a held one.
		AccessoryQuestions questions = new AccessoryQuestions(commands, Duration.ofMinutes(10), executor,
				Duration.ofSeconds(1), clock);
		AccessoryAnswers answered = questions.ask(config, running(STARTED), null);
		CountDownLatch hold = new CountDownLatch(1);
		accessory.holdStatus = hold;

		AccessoryAnswers late = questions.ask(config, running(STARTED), null);
		AccessoryAnswers stillLate = questions.ask(config, running(STARTED), null);
		hold.countDown();
		AccessoryAnswers taken = questions.ask(config, running(STARTED), null);

		assertThat(late.localError()).startsWith("`litestream status` in the accessory, asked ")
			.endsWith("has not answered yet (it is bounded by litewatch.docker.exec-timeout); the databases' own "
					+ "TXIDs are not known this poll.");
		// The databases as last named, so the late poll does not read as "not
		// replicated".
		assertThat(late.databases()).isEqualTo(answered.databases());
		assertThat(stillLate.localError()).isNotNull();
		assertThat(taken.localError()).isNull();
		assertThat(taken.view05(DBS.get(0)).local().txid()).isEqualTo(7L);
		// The held question was asked once, not once a poll.
		assertThat(accessory.asked()).hasSize(2);
	}

	@Test
	void a03PollChecksTheStorageOfOneDatabaseInTurnAndAsksDatabasesOnce() {
		LitestreamConfig config = config(LitestreamDialect.V0_3, DBS.size());
		List<String> checked = new ArrayList<>();

		for (int poll = 0; poll < 4; poll++) {
			checked.add(questions.ask(config, running(STARTED), null).storageCheck());
			clock.advance(Duration.ofSeconds(5));
		}

		assertThat(checked).containsExactly(DBS.get(0), DBS.get(1), DBS.get(2), DBS.get(0));
		assertThat(accessory.asked()).containsExactly(List.of("litestream", "databases"));
	}

	@Test
	void a03DatabasesIsAskedAgainWhenTheContainerRestartsTheFileChangesOrItsAnswerIsOld() {
		LitestreamConfig config = config(LitestreamDialect.V0_3, DBS.size());
		Instant modified = Instant.parse("2026-12-07T09:00:00Z");
		questions.ask(config, running(STARTED), modified);
		questions.ask(config, running(STARTED), modified);
		assertThat(accessory.asked()).hasSize(1);

		questions.ask(config, running(STARTED.plusSeconds(60)), modified);
		assertThat(accessory.asked()).hasSize(2);
		questions.ask(config, running(STARTED.plusSeconds(60)), modified.plusSeconds(1));
		assertThat(accessory.asked()).hasSize(3);
		clock.advance(Duration.ofMinutes(10));
		AccessoryAnswers answers = questions.ask(config, running(STARTED.plusSeconds(60)), modified.plusSeconds(1));

		assertThat(accessory.asked()).hasSize(4)
			.allMatch((command) -> command.equals(List.of("litestream", "databases")));
		assertThat(answers.databases().paths()).containsExactlyInAnyOrderElementsOf(DBS);
	}

	@Test
	void aDatabaseWithAReplicaLitewatchCannotListIsLeftOutOfTheTurns() {
		LitestreamConfig config = new LitestreamConfigParser(Map.of(), Path.of("/")).parse("""
				dbs:
				  - path: /data/files.sqlite3
				    replicas:
				      - type: file
				        path: /backups/files
				  - path: /data/s3.sqlite3
				    replicas:
				      - url: s3://backups/s3
				""", "litestream.yml", LitestreamDialect.V0_3, "Litestream 0.3.13 runs it");

		assertThat(questions.ask(config, running(STARTED), null).storageCheck()).isEqualTo("/data/s3.sqlite3");
		assertThat(questions.ask(config, running(STARTED), null).storageCheck()).isEqualTo("/data/s3.sqlite3");
	}

	@AfterEach
	void stopExecutor() {
		executor.shutdownNow();
	}

	/**
	 * {@code count} databases, the first ones those the accessory replicates, each with
	 * an s3 replica of that dialect.
	 */
	private static LitestreamConfig config(LitestreamDialect dialect, int count) {
		StringBuilder yaml = new StringBuilder("dbs:\n");
		for (int i = 0; i < count; i++) {
			String path = i < DBS.size() ? DBS.get(i) : "/data/extra" + i + ".sqlite3";
			yaml.append("  - path: ").append(path).append('\n');
			yaml.append(dialect == LitestreamDialect.V0_5 ? "    replica:\n      url: s3://backups/db" + i + "\n"
					: "    replicas:\n      - url: s3://backups/db" + i + "\n");
		}
		return new LitestreamConfigParser(Map.of(), Path.of("/")).parse(yaml.toString(), "litestream.yml", dialect,
				"Litestream " + dialect.label() + " runs it");
	}

	private static AccessoryState running(Instant startedAt) {
		return new AccessoryState("unix:///var/run/docker.sock", "litestream", null,
				new ContainerState("litestream", true, "running", true, false, 0, startedAt, null, null, null), null,
				null);
	}

}
