package io.litewatch.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.litewatch.testsupport.HungServer;
import io.litewatch.testsupport.LitestreamContainer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Output limit and single-flight exec against the real dockerd and the FROM-scratch
 * Litestream 0.3.13 image (no shell in it: the long-running command is Litestream itself,
 * waiting on an S3 endpoint that accepts and never answers). Each test has its own
 * container, so the execs counted in it are the test's own. Fails, never skips, without
 * Docker.
 */
class DockerExecLimitsIT {

	private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");

	private static final Duration API_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);

	private Path dir;

	private LitestreamContainer container;

	private DockerClient docker;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@BeforeEach
	void startContainer() throws Exception {
		dir = Files.createTempDirectory(Files.createDirectories(Path.of("/tmp/lwt-docker")), "limits-");
		createWalDb(dir.resolve("main.sqlite3"));
		Path config = dir.resolve("litestream.yml");
		Files.writeString(config, "dbs:\n  - path: " + dir.resolve("main.sqlite3") + "\n    replicas:\n"
				+ "      - type: file\n        path: " + dir.resolve("replica") + "\n");
		container = new LitestreamContainer(dir, config, Map.of());
		closeables.add(container);
		container.start();
		docker = DockerClientImpl.getInstance(
				DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(HOST).build(),
				new ApacheDockerHttpClient.Builder().dockerHost(URI.create(HOST))
					.connectionTimeout(Duration.ofSeconds(5))
					.responseTimeout(Duration.ofSeconds(60))
					.build());
		closeables.add(docker);
	}

	@AfterEach
	void cleanUp() throws IOException {
		Collections.reverse(closeables);
		for (AutoCloseable c : closeables) {
			try {
				c.close();
			}
			catch (Exception ex) {
				System.err.println("clean-up: " + ex.getMessage());
			}
		}
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
	}

	@Test
	void outputBeyondTheLimitIsDroppedAndFlagged() {
		DockerAccessory whole = accessory(ExecResult.DEFAULT_OUTPUT_LIMIT_BYTES);
		DockerAccessory capped = accessory(16);

		ExecResult full = whole.exec(List.of("litestream", "help"), API_TIMEOUT);
		ExecResult cut = capped.exec(List.of("litestream", "help"), API_TIMEOUT);

		assertThat(full.stdout().getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(100);
		assertThat(full.truncated()).isFalse();
		assertThat(full.outputLimitBytes()).isEqualTo(1024 * 1024);
		assertThat(cut.exitCode()).isEqualTo(full.exitCode());
		assertThat(cut.timedOut()).isFalse();
		assertThat(cut.stdoutTruncated()).isTrue();
		assertThat(cut.stderrTruncated()).isFalse();
		assertThat(cut.truncated()).isTrue();
		assertThat(cut.outputLimitBytes()).isEqualTo(16);
		assertThat(cut.stdout()).hasSize(16).isEqualTo(full.stdout().substring(0, 16));
		assertThat(capped.trackedExecs()).isZero();
	}

	@Test
	void aHungCommandIsNotStartedAgainWhileItsExecRunsAndRunsOnceItEnded() throws Exception {
		HungServer s3 = new HungServer();
		closeables.add(s3);
		Path hangConfig = dir.resolve("hang.yml");
		Files.writeString(hangConfig,
				"dbs:\n  - path: " + dir.resolve("hang.sqlite3") + "\n    replicas:\n"
						+ "      - type: s3\n        bucket: hang\n        path: db\n        endpoint: " + s3.url()
						+ "\n" + "        region: us-east-1\n        force-path-style: true\n"
						+ "        access-key-id: test\n        secret-access-key: test\n");
		List<String> snapshots = List.of("litestream", "snapshots", "-config", hangConfig.toString(),
				dir.resolve("hang.sqlite3").toString());
		DockerAccessory accessory = accessory(ExecResult.DEFAULT_OUTPUT_LIMIT_BYTES);

		ExecResult first = accessory.exec(snapshots, POLL_TIMEOUT);
		assertThat(first.timedOut()).isTrue();
		assertThat(s3.accepted()).as("litestream reached the hanging endpoint").isPositive();
		assertThat(runningExecsOf(hangConfig)).isEqualTo(1);

		int polls = 5;
		for (int poll = 2; poll <= polls; poll++) {
			long started = System.nanoTime();
			assertThatThrownBy(() -> accessory.exec(snapshots, POLL_TIMEOUT))
				.isInstanceOfSatisfying(ExecStillRunningException.class, (ex) -> {
					assertThat(ex.command()).isEqualTo(snapshots);
					assertThat(ex.runningFor()).isGreaterThanOrEqualTo(POLL_TIMEOUT);
				})
				.hasMessageMatching("the previous run of this command has been running in container " + container.name()
						+ " for \\d+ s and has not finished; not starting another");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused without waiting for the timeout")
				.isLessThan(POLL_TIMEOUT);
		}
		int running = runningExecsOf(hangConfig);
		int listed = execsOf(hangConfig);
		System.out.printf("after %d polls of a hung `litestream snapshots`: %d exec(s) listed, %d running%n", polls,
				listed, running);
		assertThat(listed).isEqualTo(1);
		assertThat(running).isEqualTo(1);
		assertThat(s3.accepted()).isEqualTo(1);

		ExecResult other = accessory.exec(List.of("litestream", "databases"), API_TIMEOUT);
		assertThat(other.exitCode()).as("other commands still run").isZero();

		long closed = System.nanoTime();
		s3.close();
		await("the abandoned exec ends once S3 resets its connection").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> runningExecsOf(hangConfig) == 0);
		System.out.printf("the abandoned exec ended %d ms after S3 closed its sockets%n",
				Duration.ofNanos(System.nanoTime() - closed).toMillis());

		ExecResult again = accessory.exec(snapshots, Duration.ofSeconds(30));
		assertThat(again.timedOut()).isFalse();
		assertThat(again.stdout() + again.stderr()).contains("cannot fetch generations").contains("connection refused");
		assertThat(accessory.trackedExecs()).isZero();
	}

	private DockerAccessory accessory(int outputLimitBytes) {
		DockerAccessory accessory = new DockerAccessory(HOST, container.name(), API_TIMEOUT, outputLimitBytes);
		closeables.add(accessory);
		return accessory;
	}

	/**
	 * Execs Docker lists for the container whose argv mentions {@code config}. Docker
	 * drops an exec from the container's list once it has ended.
	 */
	private int execsOf(Path config) {
		return execs(config).size();
	}

	private int runningExecsOf(Path config) {
		return (int) execs(config).stream().filter((e) -> Boolean.TRUE.equals(e.isRunning())).count();
	}

	private List<InspectExecResponse> execs(Path config) {
		List<String> ids = docker.inspectContainerCmd(container.name()).exec().getExecIds();
		if (ids == null) {
			return List.of();
		}
		return ids.stream()
			.map((id) -> docker.inspectExecCmd(id).exec())
			.filter((e) -> e.getProcessConfig().getArguments().contains(config.toString()))
			.toList();
	}

	private static void createWalDb(Path file) throws SQLException {
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
			s.execute("PRAGMA journal_mode=WAL");
			s.execute("CREATE TABLE t(x)");
		}
	}

}
