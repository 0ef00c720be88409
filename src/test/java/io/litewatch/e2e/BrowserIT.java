package io.litewatch.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import io.litewatch.testsupport.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page as a person sees it, in Debian's chromium (headless, driven by playwright-core
 * from {@code frontend/tests/run.mjs}), on the real stack: a Litestream v0.3.13 container
 * replicating four SQLite files to s3proxy, and Litewatch in-process. Screenshots and
 * each scenario's log go to {@code target/browser/}; the MEASURED lines are in the test
 * log. The scenarios sign in as the configured operator. Fails, never skips, without
 * node, chromium or Docker.
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
				"--litewatch.s3.api-call-timeout=3s",
				// Only the drill the scenario asks for runs while the tests do.
				"--litewatch.drills.binary=" + PROJECT.resolve("target/litestream/package/litestream"),
				"--litewatch.drills.first-delay=1h");
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

	/**
	 * The login form, a wrong and a right password, sign out; every page under the
	 * Content-Security-Policy (every scenario fails on a violation the page reports).
	 */
	@Test
	@Order(5)
	void aPersonSignsInAndThePoliciesBlockNothingThePagesUse() throws Exception {
		try (BrowserRun run = start("login")) {
			assertThat(run.awaitExit(Duration.ofSeconds(60))).as("browser run 'login'\n%s", run.tail()).isZero();
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
	void theRestoreHelperPrintsTheRealCommandsAndCopiesThem() throws Exception {
		try (BrowserRun run = start("restore-helper")) {
			assertThat(run.awaitExit(Duration.ofSeconds(60))).as("browser run 'restore-helper'\n%s", run.tail())
				.isZero();
		}
	}

	@Test
	@Order(5)
	void anOperatorRunsADrillFromTheDatabasePageAndItsRowComesIn() throws Exception {
		try (BrowserRun run = start("restore-drill")) {
			assertThat(run.awaitExit(Duration.ofSeconds(120))).as("browser run 'restore-drill'\n%s", run.tail())
				.isZero();
		}
	}

	/**
	 * The docker command the helper prints for a time 10 s before the newest object, run
	 * as printed (by sh, with the S3 variables in the environment as its {@code -e NAME}
	 * expects), only with {@code -o} pointed at a scratch file next to the database: the
	 * test's Litestream image restores from s3proxy a whole database whose newest row is
	 * from just before that time.
	 */
	@Test
	@Order(6)
	void thePrintedDockerRestoreCommandRestoresTheChosenTime() throws Exception {
		// The window's start moves on whenever Litestream rewrites its only snapshot (the
		// WAL here stays at index 0, so every snapshot-interval of 20 s writes
		// 00000000.snapshot.lz4 again): the helper says when, as data-restorable-until.
		// Pick a time whose snapshot lasts well past the restore run below.
		String[] chosen = new String[2];
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.alias("a time inside the window whose snapshot lasts 8 s more")
			.until(() -> {
				String window = app.get("/databases/production/restore").body();
				Matcher span = Pattern.compile("data-from=\"([^\"]+)\" data-to=\"([^\"]+)\" data-current=\"true\"")
					.matcher(window);
				assertThat(span.find()).as("the current generation's span on the helper\n%s", window).isTrue();
				Instant from = LocalDateTime.parse(span.group(1)).toInstant(ZoneOffset.UTC);
				Instant to = LocalDateTime.parse(span.group(2)).toInstant(ZoneOffset.UTC);
				Instant pick = to.minusSeconds(10).isBefore(from) ? to : to.minusSeconds(10);
				String plan = app.get("/databases/production/restore?replica=s3&at=" + pick).body();
				Matcher until = Pattern.compile("data-restorable-until=\"([^\"]+)\"").matcher(plan);
				boolean lasts = !until.find() || LocalDateTime.parse(until.group(1))
					.toInstant(ZoneOffset.UTC)
					.isAfter(Instant.now().plusSeconds(8));
				chosen[0] = pick.toString();
				chosen[1] = plan;
				return plan.contains("data-verdict=\"INSIDE\"") && lasts;
			});
		Instant at = Instant.parse(chosen[0]);
		String html = chosen[1];
		assertThat(html).contains("data-verdict=\"INSIDE\"")
			.doesNotContain(ReplicationStack.SECRET)
			.doesNotContain(ReplicationStack.ACCESS_KEY + "=");
		String printed = PrintedCommands.command(html, "docker run --rm");
		String db = stack.data().resolve("production.sqlite3").toString();
		Path scratch = stack.data().resolve("restored-" + UUID.randomUUID() + ".sqlite3");
		assertThat(printed).contains("--network host")
			.contains(" -e LITESTREAM_ACCESS_KEY_ID ")
			.contains(" -e LITESTREAM_SECRET_ACCESS_KEY ")
			.contains(" restore -config /etc/litestream.yml -replica s3 -timestamp " + at + " -o " + db + " " + db)
			.doesNotContain(ReplicationStack.SECRET);
		String command = printed.replace("-o " + db + " " + db, "-o " + scratch + " " + db);
		Path log = OUT.resolve("restore-command.log");
		Files.createDirectories(OUT);
		Process sh = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			assertThat(sh.waitFor(120, TimeUnit.SECONDS)).as("the restore ran within 120 s: %s", command).isTrue();
			String output = Files.readString(log);
			assertThat(sh.exitValue()).as("%s\n%s", command, output).isZero();
			assertThat(output).containsAnyOf("renaming database from temporary location",
					"snapshot only, finalizing database");
			try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + scratch + "?mode=ro");
					Statement st = c.createStatement()) {
				try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
					assertThat(rs.next() ? rs.getString(1) : null).isEqualTo("ok");
				}
				try (ResultSet rs = st.executeQuery("SELECT max(created_at), count(*) FROM events")) {
					assertThat(rs.next()).isTrue();
					Instant newest = LocalDateTime.parse(rs.getString(1).replace(' ', 'T')).toInstant(ZoneOffset.UTC);
					// Litestream judges by upload time, whole seconds: nothing written
					// after
					// the chosen time, and the rows of the seconds before it.
					assertThat(newest).isBeforeOrEqualTo(at).isAfter(at.minusSeconds(30));
					assertThat(rs.getLong(2)).isPositive().isLessThan(stack.writer("production").rows());
				}
			}
		}
		finally {
			sh.destroyForcibly();
			for (String suffix : List.of("", "-wal", "-shm")) {
				Files.deleteIfExists(Path.of(scratch + suffix));
			}
		}
	}

	@Test
	@Order(7)
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
		return BrowserRun.scenario(PROJECT, app.uri("").toString(), TestAccounts.OPERATOR,
				TestAccounts.OPERATOR_PASSWORD, OUT, scenario);
	}

}
