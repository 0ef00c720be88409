package io.litewatch.demo;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import io.litewatch.testsupport.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer gets from {@code ./mvnw spring-boot:run}: within a minute, four live
 * databases replicated by the real Litestream binary to the embedded S3 server, the
 * misconfigured one with its finding and its alert firing; and nothing left running once
 * the app stops.
 */
class DemoIT {

	private static final Logger log = LoggerFactory.getLogger(DemoIT.class);

	/** Signed in as the demo's user, as the README tells a newcomer to. */
	private WebSession session;

	@Test
	void showsFourLiveDatabasesAndOneAlertWithinAMinute() throws Exception {
		Instant started = Instant.now();
		ConfigurableApplicationContext app = DemoApplication.run("--server.port=0");
		try {
			String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
			WebSession anonymous = new WebSession(base);
			assertThat(anonymous.get("/login").body()).contains("Demo: sign in as demo, password demo.");
			session = new WebSession(base).signedIn(Demo.USER, Demo.PASSWORD);
			DocumentContext status = awaitJson("/api/status", Duration.ofSeconds(60),
					(json) -> json.read("$.databases[*].replicas[*].generation", List.class)
						.stream()
						.filter((g) -> g != null)
						.count() == 4);
			log.info("MEASURED demo: start -> four databases with generations: {} ms",
					Duration.between(started, Instant.now()).toMillis());
			assertThat(status.read("$.databases[*].name", List.class)).containsExactly("production", "queue", "cache",
					"cable");
			assertThat(status.read("$.accessory.litestreamVersion", String.class)).isEqualTo("v0.3.13");
			// Through docker-java when an engine answers, as in production; else a local
			// process.
			if (io.litewatch.testsupport.LitestreamContainer.engineReachable()) {
				assertThat(status.read("$.accessory.apiVersion", String.class)).isNotBlank();
				assertThat(status.read("$.accessory.container", String.class)).startsWith("lw-it-litestream-");
			}
			else {
				assertThat(status.read("$.accessory.container", String.class)).contains("local");
			}
			log.info("demo accessory: {} ({})", status.read("$.accessory.container", String.class),
					status.read("$.accessory.engineVersion", String.class));
			assertThat(status.read("$.databases[3].findings[*].code", List.class)).contains("CONFIG_SUSPICIOUS");
			assertThat(status.read("$.databases[3].findings[0].message", String.class)).contains("sync_interval");

			awaitJson("/api/alerts", Duration.ofSeconds(60 - Duration.between(started, Instant.now()).toSeconds()),
					(json) -> json.read("$.active[?(@.state == 'firing')].database", List.class).contains("cable"));
			HttpResponse<String> page = session.get("/");
			assertThat(page.body()).contains("Demo", "production", "cable", "CONFIG_SUSPICIOUS", "demo · operator");
			log.info("MEASURED demo: start -> alert firing and complete page: {} ms",
					Duration.between(started, Instant.now()).toMillis());

			DocumentContext drilled = awaitJson("/api/status", Duration.ofSeconds(90),
					(json) -> json.read("$.databases[*].drills.last[*].outcome", List.class).size() == 4);
			log.info("MEASURED demo: start -> a drill of each database: {} ms",
					Duration.between(started, Instant.now()).toMillis());
			for (int i = 0; i < 4; i++) {
				String db = drilled.read("$.databases[" + i + "].name", String.class);
				String at = "$.databases[" + i + "].drills.last[0].";
				assertThat(drilled.read(at + "outcome", String.class))
					.as("drill of %s: %s", db, drilled.read(at + "message", String.class))
					.isEqualTo("PASSED");
				assertThat(drilled.read(at + "restoredBytes", Long.class)).isPositive();
				// The demo's writers are the tests' (events.created_at): a newcomer sees
				// the
				// data's own newest point.
				Instant drillStart = Instant.parse(drilled.read(at + "startedAt", String.class));
				Instant newestRow = Instant.parse(drilled.read(at + "newestRowAt", String.class));
				assertThat(newestRow).as("%s's newest restored row", db).isBeforeOrEqualTo(drillStart);
				log.info(
						"MEASURED demo drill of {}: restore {} ms, {} bytes, achieved RPO {} s, newest row {} s before the"
								+ " drill, point in time {}",
						db, drilled.read(at + "tookMs", Long.class), drilled.read(at + "restoredBytes", Long.class),
						drilled.read(at + "achievedRpoSeconds", Double.class),
						Duration.between(newestRow, drillStart).toMillis() / 1000.0,
						drilled.read(at + "pointInTime", Object.class));
			}
			assertThat(java.nio.file.Path.of("target/demo/litewatch/drills").toFile().list())
				.as("the drills' scratch directory")
				.isEmpty();
		}
		finally {
			app.close();
		}
		String demoConfig = java.nio.file.Path.of("target/demo/litestream.yml").toAbsolutePath().toString();
		String s3proxyJar = java.nio.file.Path.of("target/s3proxy/s3proxy.jar").toAbsolutePath().toString();
		assertThat(ProcessHandle.allProcesses()
			.map((p) -> String.join(" ", p.info().arguments().orElse(new String[0])))
			.filter((args) -> args.contains(demoConfig) || args.contains(s3proxyJar)))
			.as("demo processes still running after the app stopped")
			.isEmpty();
	}

	@Test
	void aRealLitestreamConfigStartsNoDemoPiece() {
		assertThat(
				DemoApplication.wantsDemo(new String[] { "--litewatch.litestream-config=/etc/litestream.yml" }, null))
			.isFalse();
		assertThat(DemoApplication.wantsDemo(new String[0], "/etc/litestream.yml")).isFalse();
		assertThat(DemoApplication.wantsDemo(new String[0], null)).isTrue();
	}

	private DocumentContext awaitJson(String path, Duration timeout, java.util.function.Predicate<DocumentContext> done)
			throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		String last = null;
		while (Instant.now().isBefore(deadline)) {
			last = session.get(path).body();
			DocumentContext json = JsonPath.parse(last);
			try {
				if (done.test(json)) {
					return json;
				}
			}
			catch (RuntimeException ex) {
				// not there yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("Timed out waiting on " + path + "; last answer: " + last);
	}

}
