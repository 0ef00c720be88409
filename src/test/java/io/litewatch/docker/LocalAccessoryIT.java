package io.litewatch.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.litewatch.testsupport.HungServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalAccessory} with the real Litestream 0.3.13 binary (fetched by
 * {@code ./mvnw generate-test-resources}) and an S3 endpoint that accepts and never
 * answers.
 */
class LocalAccessoryIT {

	private static final Path BINARY = Path.of("target/litestream/package/litestream").toAbsolutePath();

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private Path dir;

	private HungServer s3;

	private Path hangConfig;

	private List<String> snapshots;

	@BeforeEach
	void hangingS3() throws IOException {
		assertThat(BINARY).as("run ./mvnw generate-test-resources").isExecutable();
		dir = Files.createTempDirectory("lwt-local-");
		s3 = new HungServer();
		hangConfig = dir.resolve("hang.yml");
		Files.writeString(hangConfig,
				"dbs:\n  - path: " + dir.resolve("hang.sqlite3") + "\n    replicas:\n"
						+ "      - type: s3\n        bucket: hang\n        path: db\n        endpoint: " + s3.url()
						+ "\n" + "        region: us-east-1\n        force-path-style: true\n"
						+ "        access-key-id: test\n        secret-access-key: test\n");
		snapshots = List.of("litestream", "snapshots", "-config", hangConfig.toString(),
				dir.resolve("hang.sqlite3").toString());
	}

	@AfterEach
	void cleanUp() throws IOException {
		s3.close();
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
	}

	@Test
	void aTimedOutRunIsKilledSoTheNextPollStartsAfresh() {
		try (LocalAccessory local = new LocalAccessory(BINARY.toString(), Map.of())) {
			ExecResult first = local.exec(snapshots, TIMEOUT);

			assertThat(first.timedOut()).isTrue();
			assertThat(first.exitCode()).isEqualTo(-1);
			assertThat(first.elapsed()).isGreaterThanOrEqualTo(TIMEOUT)
				.isLessThan(TIMEOUT.plus(LocalAccessory.KILL_GRACE).plusSeconds(2));
			assertThat(s3.accepted()).isEqualTo(1);
			assertThat(processesUsing(hangConfig)).as("no leftover litestream process").isZero();
			assertThat(local.trackedRuns()).isZero();

			ExecResult second = local.exec(snapshots, TIMEOUT);
			assertThat(second.timedOut()).as("not refused: the first run is gone").isTrue();
			assertThat(s3.accepted()).isEqualTo(2);
			assertThat(processesUsing(hangConfig)).isZero();
		}
	}

	@Test
	void theSameCommandDoesNotRunTwiceAtOnce() {
		try (LocalAccessory local = new LocalAccessory(BINARY.toString(), Map.of())) {
			CompletableFuture<ExecResult> first = CompletableFuture.supplyAsync(() -> local.exec(snapshots, TIMEOUT));
			await().atMost(Duration.ofSeconds(10)).until(() -> s3.accepted() == 1);

			assertThatThrownBy(() -> local.exec(snapshots, TIMEOUT)).isInstanceOf(ExecStillRunningException.class)
				.hasMessageMatching("the previous run of this command has been running as a local process for \\d+ s"
						+ " and has not finished; not starting another");
			assertThat(processesUsing(hangConfig)).isEqualTo(1);

			assertThat(first.join().timedOut()).isTrue();
			assertThat(processesUsing(hangConfig)).isZero();
			assertThat(s3.accepted()).isEqualTo(1);
		}
	}

	@Test
	void outputBeyondTheLimitIsDroppedAndFlagged() {
		try (LocalAccessory whole = new LocalAccessory(BINARY.toString(), Map.of());
				LocalAccessory capped = new LocalAccessory(BINARY.toString(), Map.of(), 16)) {
			ExecResult full = whole.exec(List.of("litestream", "help"), TIMEOUT);
			ExecResult cut = capped.exec(List.of("litestream", "help"), TIMEOUT);

			assertThat(full.truncated()).isFalse();
			assertThat(full.stdout().getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(100);
			assertThat(cut.exitCode()).isEqualTo(full.exitCode());
			assertThat(cut.stdoutTruncated()).isTrue();
			assertThat(cut.stderrTruncated()).isFalse();
			assertThat(cut.outputLimitBytes()).isEqualTo(16);
			assertThat(cut.stdout()).isEqualTo(full.stdout().substring(0, 16));
		}
	}

	@Test
	void outputBeyondTheLimitIsStillDrainedSoTheChildNeverBlocks() {
		// 3 MB is far beyond a pipe's buffer: without draining, head would block on write
		try (LocalAccessory capped = new LocalAccessory(BINARY.toString(), Map.of(), 1024)) {
			ExecResult result = capped.exec(List.of("head", "-c", "3000000", "/dev/zero"), Duration.ofSeconds(20));

			assertThat(result.timedOut()).isFalse();
			assertThat(result.exitCode()).isZero();
			assertThat(result.stdoutTruncated()).isTrue();
			assertThat(result.stdout()).hasSize(1024);
		}
	}

	/** Live processes whose argv mentions {@code config}. */
	private static long processesUsing(Path config) {
		return ProcessHandle.allProcesses()
			.filter(ProcessHandle::isAlive)
			.filter((p) -> p.info()
				.arguments()
				.map((args) -> Arrays.asList(args).contains(config.toString()))
				.orElse(false))
			.count();
	}

}
