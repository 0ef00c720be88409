package io.litewatch.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real dockerd and the FROM-scratch Litestream 0.3.13 image. No assumptions
 * and no skipping: when Docker is unreachable these tests fail, because that is what they
 * are for.
 */
class DockerAccessoryIT {

	private static final String IMAGE = "litewatch-test/litestream:0.3.13";

	private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");

	private static final Duration API_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(20);

	private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

	private static final String RUNNING = "lwt-docker-it-" + SUFFIX;

	private static final String STOPPED = "lwt-docker-it-" + SUFFIX + "-stopped";

	private static final String MISSING = "lwt-docker-it-" + SUFFIX + "-missing";

	private static Path dataDir;

	private static DockerClient docker;

	private static DockerAccessory running;

	private static DockerAccessory stopped;

	private static DockerAccessory missing;

	private static final List<String> created = new ArrayList<>();

	@BeforeAll
	static void startContainers() throws Exception {
		Path base = Files.createDirectories(Path.of("/tmp/lwt-docker"));
		dataDir = Files.createTempDirectory(base, "it-");
		Path etc = Files.createDirectories(dataDir.resolve("etc"));
		Path data = Files.createDirectories(dataDir.resolve("data"));
		createWalDb(data.resolve("it.sqlite3"));
		createWalDb(data.resolve("block.sqlite3"));
		Files.writeString(data.resolve("hello.txt"), "hello litewatch\n");
		Files.writeString(etc.resolve("litestream.yml"), """
				dbs:
				  - path: /data/it.sqlite3
				    replicas:
				      - name: local
				        type: file
				        path: /data/replica-it
				""");
		// A second db for the blocking exec: `replicate` on an existing db runs until
		// signalled.
		Files.writeString(etc.resolve("block.yml"), """
				dbs:
				  - path: /data/block.sqlite3
				    replicas:
				      - type: file
				        path: /data/replica-block
				""");

		running = new DockerAccessory(HOST, RUNNING, API_TIMEOUT);
		stopped = new DockerAccessory(HOST, STOPPED, API_TIMEOUT);
		missing = new DockerAccessory(HOST, MISSING, API_TIMEOUT);
		docker = testClient(running.engine().negotiatedApiVersion());

		HostConfig hostConfig = HostConfig.newHostConfig()
			.withNetworkMode("host")
			.withBinds(
					new Bind(data.toString(), new Volume("/data")), new Bind(etc.resolve("litestream.yml").toString(),
							new Volume("/etc/litestream.yml"), AccessMode.ro),
					new Bind(etc.toString(), new Volume("/etc/lwt"), AccessMode.ro));
		for (String name : List.of(RUNNING, STOPPED)) {
			docker.createContainerCmd(IMAGE).withName(name).withCmd("replicate").withHostConfig(hostConfig).exec();
			created.add(name);
			docker.startContainerCmd(name).exec();
		}
		docker.stopContainerCmd(STOPPED).withTimeout(10).exec();
	}

	@AfterAll
	static void cleanUp() throws IOException {
		for (String name : created) {
			try {
				docker.removeContainerCmd(name).withForce(true).exec();
			}
			catch (RuntimeException ex) {
				System.err.println("could not remove " + name + ": " + ex.getMessage());
			}
		}
		for (AutoCloseable c : new AutoCloseable[] { running, stopped, missing, docker }) {
			try {
				if (c != null) {
					c.close();
				}
			}
			catch (Exception ignored) {
				// best effort
			}
		}
		if (dataDir != null) {
			try (Stream<Path> files = Files.walk(dataDir)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	@Test
	void engineVersionIsNegotiatedNotPinned() {
		EngineInfo engine = running.engine();

		assertThat(engine.engineVersion()).isNotBlank();
		assertThat(engine.engineApiVersion()).matches("\\d+\\.\\d+");
		assertThat(engine.minApiVersion()).matches("\\d+\\.\\d+");
		String expected = compare(engine.engineApiVersion(), "1.44") <= 0 ? engine.engineApiVersion() : "1.44";
		assertThat(engine.negotiatedApiVersion()).isEqualTo(expected);
		assertThat(running.engine()).isSameAs(engine);
	}

	@Test
	void execDatabasesParses() {
		ExecResult result = running.exec(List.of("litestream", "databases"), EXEC_TIMEOUT);

		assertThat(result.exitCode()).isZero();
		assertThat(result.timedOut()).isFalse();
		assertThat(result.stderr()).isEmpty();
		assertThat(LitestreamOutputParser.databases(result.stdout()).rows())
			.containsExactly(new DatabaseRow("/data/it.sqlite3", List.of("local")));

		long[] millis = new long[7];
		for (int i = 0; i < millis.length; i++) {
			millis[i] = running.exec(List.of("litestream", "databases"), EXEC_TIMEOUT).elapsed().toMillis();
		}
		java.util.Arrays.sort(millis);
		System.out.printf("exec `litestream databases` round trip: median %d ms, min %d ms, max %d ms%n",
				millis[millis.length / 2], millis[0], millis[millis.length - 1]);
	}

	@Test
	void execSeparatesStdoutStderrAndReportsExitCode() {
		ExecResult notInConfig = running.exec(List.of("litestream", "generations", "/data/nope.sqlite3"), EXEC_TIMEOUT);
		ExecResult noConfig = running.exec(
				List.of("litestream", "generations", "-config", "/etc/lwt/nope.yml", "/data/it.sqlite3"), EXEC_TIMEOUT);

		assertThat(notInConfig.exitCode()).isEqualTo(1);
		assertThat(LitestreamOutputParser.generations(notInConfig.stdout()).errors())
			.containsExactly("failed to run: database not found in config: /data/nope.sqlite3");
		assertThat(noConfig.exitCode()).isEqualTo(1);
		assertThat(noConfig.stdout()).isEmpty();
		assertThat(LitestreamOutputParser.generations(noConfig.stderr()).errors())
			.containsExactly("failed to run: config file not found: /etc/lwt/nope.yml");
	}

	@Test
	void execTimeoutIsHonouredAndTheNextExecStillWorks() {
		ExecResult blocked = running.exec(List.of("litestream", "replicate", "-config", "/etc/lwt/block.yml"),
				Duration.ofSeconds(2));

		assertThat(blocked.timedOut()).isTrue();
		assertThat(blocked.exitCode()).isEqualTo(-1);
		assertThat(blocked.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Duration.ofSeconds(5));

		ExecResult next = running.exec(List.of("litestream", "databases"), EXEC_TIMEOUT);
		assertThat(next.exitCode()).isZero();
		assertThat(next.timedOut()).isFalse();
	}

	@Test
	void statOfExistingAndMissingFiles() throws IOException {
		Path host = dataDir.resolve("data/hello.txt");
		running.stat("/data/hello.txt"); // warm-up, so the timing below is one round trip

		long started = System.nanoTime();
		FileStat hello = running.stat("/data/hello.txt");
		long statMillis = (System.nanoTime() - started) / 1_000_000;
		FileStat db = running.stat("/data/it.sqlite3");
		FileStat nope = running.stat("/data/does-not-exist.sqlite3");

		System.out.printf("stat round trip: %d ms%n", statMillis);
		assertThat(hello).isEqualTo(new FileStat("/data/hello.txt", true, 16, hello.modifiedAt()));
		assertThat(hello.modifiedAt()).isCloseTo(Files.getLastModifiedTime(host).toInstant(),
				org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.SECONDS));
		assertThat(db.exists()).isTrue();
		assertThat(db.size()).isPositive();
		assertThat(nope).isEqualTo(new FileStat("/data/does-not-exist.sqlite3", false, 0, null));
		assertThat(stopped.stat("/data/hello.txt").exists()).as("stat works on a stopped container").isTrue();
		assertThatThrownBy(() -> missing.stat("/data/hello.txt")).isInstanceOf(DockerAccessException.class)
			.hasMessageContaining("does not exist");
	}

	@Test
	void containerStateRunning() {
		ContainerState state = running.containerState();

		assertThat(state.container()).isEqualTo(RUNNING);
		assertThat(state.exists()).isTrue();
		assertThat(state.status()).isEqualTo("running");
		assertThat(state.running()).isTrue();
		assertThat(state.restarting()).isFalse();
		assertThat(state.restartCount()).isZero();
		assertThat(state.startedAt()).isBefore(Instant.now()).isAfter(Instant.now().minusSeconds(600));
		assertThat(state.finishedAt()).isNull();
		assertThat(state.exitCode()).isNull();
		assertThat(state.image()).isEqualTo(IMAGE);
	}

	@Test
	void containerStateStopped() {
		ContainerState state = stopped.containerState();

		assertThat(state.exists()).isTrue();
		assertThat(state.status()).isEqualTo("exited");
		assertThat(state.running()).isFalse();
		assertThat(state.finishedAt()).isNotNull().isAfterOrEqualTo(state.startedAt());
		assertThat(state.exitCode()).isNotNull();
	}

	@Test
	void containerStateMissing() {
		assertThat(missing.containerState()).isEqualTo(ContainerState.missing(MISSING));
	}

	@Test
	void execIntoStoppedOrMissingContainerFails() {
		assertThatThrownBy(() -> stopped.exec(List.of("litestream", "databases"), EXEC_TIMEOUT))
			.isInstanceOf(DockerAccessException.class)
			.hasMessage("container " + STOPPED + " is not running (exited)");
		assertThatThrownBy(() -> missing.exec(List.of("litestream", "databases"), EXEC_TIMEOUT))
			.isInstanceOf(DockerAccessException.class)
			.hasMessage("container " + MISSING + " does not exist");
	}

	@Test
	void unreachableEngineIsADockerAccessException() {
		try (DockerAccessory nowhere = new DockerAccessory("unix:///tmp/lwt-docker/no-such-docker.sock", RUNNING,
				Duration.ofSeconds(2))) {
			assertThatThrownBy(nowhere::engine).isInstanceOf(DockerAccessException.class)
				.hasMessageStartingWith("cannot reach the Docker engine at unix:///tmp/lwt-docker/no-such-docker.sock");
			// not cached: the next call tries again rather than replaying a stale failure
			assertThatThrownBy(nowhere::containerState).isInstanceOf(DockerAccessException.class);
		}
	}

	private static void createWalDb(Path file) throws SQLException {
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
			s.execute("PRAGMA journal_mode=WAL");
			s.execute("CREATE TABLE t(x)");
			s.execute("INSERT INTO t VALUES (randomblob(1000))");
		}
	}

	private static DockerClient testClient(String apiVersion) {
		DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
			.withDockerHost(HOST)
			.withDockerTlsVerify(false)
			.withApiVersion(apiVersion)
			.build();
		return DockerClientImpl.getInstance(config,
				new ApacheDockerHttpClient.Builder().dockerHost(URI.create(HOST))
					.responseTimeout(Duration.ofSeconds(60))
					.build());
	}

	private static int compare(String a, String b) {
		String[] x = a.split("\\.");
		String[] y = b.split("\\.");
		int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
		return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
	}

}
