package io.litewatch.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.litewatch.testsupport.BrowserRun;
import io.litewatch.testsupport.LitewatchApp;
import io.litewatch.testsupport.ReplicationStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page as a person sees it, in Debian's chromium (headless, driven by playwright-core
 * from {@code frontend/tests/run.mjs}), on the real stack: a Litestream v0.3.13 container
 * replicating four SQLite files to s3proxy, and Litewatch in-process. Screenshots and
 * each scenario's log go to {@code target/browser/}; the MEASURED lines are in the test
 * log. Fails, never skips, without node, chromium or Docker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

	private static final Duration POLL = Duration.ofSeconds(2);

	private static final Path PROJECT = Path.of("").toAbsolutePath();

	private static final Path OUT = PROJECT.resolve("target/browser");

	private ReplicationStack stack;

	private LitewatchApp app;

	@BeforeAll
	void startStack() throws Exception {
		stack = new ReplicationStack(List.of(new ReplicationStack.Db("production", Duration.ofMillis(250), """
				sync-interval: 1s
				snapshot-interval: 20s
				retention: 1h"""), new ReplicationStack.Db("queue", Duration.ofMillis(700), """
				sync-interval: 1s
				snapshot-interval: 30s
				retention: 72h"""), new ReplicationStack.Db("cache", Duration.ofSeconds(2), """
				sync-interval: 5s
				retention: 24h"""), new ReplicationStack.Db("cable", null, """
				sync-interval: 5s
				retention: 24h""")));
		app = new LitewatchApp("--litewatch.litestream-config=" + stack.config(),
				"--litewatch.data-dir=" + stack.work().resolve("litewatch-data"),
				"--litewatch.poll-interval=" + POLL.toSeconds() + "s",
				"--litewatch.docker.container=" + stack.litestream().name(), "--litewatch.docker.exec-timeout=5s",
				"--litewatch.s3.api-call-timeout=3s");
		app.awaitStatus(Duration.ofSeconds(90), "all four databases ok",
				(s) -> s.code() == 200 && s.json().read("$.databases.length()", Integer.class) == 4
						&& s.strings("$.databases[*].status").stream().allMatch("ok"::equals));
	}

	@AfterAll
	void stopStack() throws Exception {
		if (app != null) {
			app.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Order(0)
	void thePageReadersUnderstandTodaysMarkupAndTheHooks() throws Exception {
		// node's own test runner (node:test) over frontend/tests/*.test.mjs, in chromium
		try (BrowserRun run = BrowserRun.node(PROJECT, OUT, "node-test", "--test", "tests/")) {
			assertThat(run.awaitExit(Duration.ofSeconds(60))).as("node --test tests/\n%s", run.tail()).isZero();
		}
	}

	@Test
	@Order(1)
	void overviewShowsEveryDatabaseOnDesktopPhoneAndDark() throws Exception {
		try (BrowserRun run = start("overview")) {
			assertThat(run.awaitExit(Duration.ofSeconds(60))).as("browser run 'overview'\n%s", run.tail()).isZero();
		}
	}

	@Test
	@Order(2)
	void theOpenPageShowsAStoppedAccessoryAndItsReturnWithoutAReload() throws Exception {
		boolean stopped = false;
		try (BrowserRun run = start("in-place-update")) {
			run.awaitReady("fault", Duration.ofSeconds(40));
			stack.litestream().stop();
			stopped = true;
			run.done("fault", System.currentTimeMillis());
			run.awaitReady("restart", Duration.ofSeconds(40));
			stack.litestream().start();
			stopped = false;
			run.done("restart", System.currentTimeMillis());
			assertThat(run.awaitExit(Duration.ofSeconds(75))).as("browser run 'in-place-update'\n%s", run.tail())
				.isZero();
		}
		finally {
			if (stopped) {
				stack.litestream().start();
			}
		}
	}

	/**
	 * Litewatch's copy of litestream.yml points the last database at a bucket that does
	 * not exist (the Litestream container keeps the config it started with), then is
	 * repaired.
	 */
	@Test
	@Order(3)
	void aBrokenDatabaseMovesToTheTopAndBack() throws Exception {
		String valid = stack.validConfig();
		try (BrowserRun run = start("reorder")) {
			run.awaitReady("break", Duration.ofSeconds(40));
			stack.writeConfig(valid.replace("url: s3://backups/cable", "url: s3://no-such-bucket/cable"));
			run.done("break", System.currentTimeMillis());
			run.awaitReady("repair", Duration.ofSeconds(40));
			stack.writeConfig(valid);
			run.done("repair", System.currentTimeMillis());
			assertThat(run.awaitExit(Duration.ofSeconds(60))).as("browser run 'reorder'\n%s", run.tail()).isZero();
		}
		finally {
			stack.writeConfig(valid);
		}
	}

	@Test
	@Order(4)
	void eachDatabaseHasAPageWithItsHistory() throws Exception {
		try (BrowserRun run = start("database-page")) {
			assertThat(run.awaitExit(Duration.ofSeconds(60))).as("browser run 'database-page'\n%s", run.tail())
				.isZero();
		}
	}

	@Test
	@Order(5)
	void everyPageHasTheKeyboardAndScreenReaderBasics() throws Exception {
		try (BrowserRun run = start("accessibility")) {
			assertThat(run.awaitExit(Duration.ofSeconds(90))).as("browser run 'accessibility'\n%s", run.tail())
				.isZero();
		}
	}

	/** Last: it stops the app. */
	@Test
	@Order(9)
	void theOpenPageSaysDisconnectedWhenLitewatchGoesAway() throws Exception {
		try (BrowserRun run = start("disconnected")) {
			run.awaitReady("stop", Duration.ofSeconds(40));
			app.close();
			app = null;
			run.done("stop", System.currentTimeMillis());
			assertThat(run.awaitExit(Duration.ofSeconds(60))).as("browser run 'disconnected'\n%s", run.tail()).isZero();
		}
	}

	private BrowserRun start(String scenario) throws Exception {
		return BrowserRun.scenario(PROJECT, app.uri("").toString(), OUT, scenario);
	}

}
