package io.litewatch.drill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.litewatch.config.DbConfig;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.docker.LocalAccessory;
import io.litewatch.drill.DrillResult.Outcome;
import io.litewatch.metrics.SyntheticPolls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Where a drill writes, and what a stop in the middle of one leaves. */
class RestoreDrillTest {

	static final UUID ID = UUID.fromString("0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");

	@TempDir
	Path dir;

	@Test
	void aRestoreIsWrittenDirectlyInTheScratchDirectoryWhateverTheDatabaseIsCalled() {
		Path scratch = dir.resolve("drills");
		// Display names of databases told apart by their directories, and odd ones.
		for (String name : List.of("production", "data/app", "/srv/a/data/app.db", "../../etc/app", "app[1]{x}*", "..",
				"")) {
			Path file = RestoreDrill.scratchFile(scratch, name, ID);
			assertThat(file.getParent()).as(name).isEqualTo(scratch);
			assertThat(file.getFileName().toString()).as(name)
				.endsWith("-" + ID + ".sqlite3")
				.doesNotStartWith(".")
				.matches("[A-Za-z0-9._-]+");
		}
		assertThat(RestoreDrill.scratchFile(scratch, "production", ID).getFileName())
			.hasToString("production-" + ID + ".sqlite3");
		assertThat(RestoreDrill.scratchFile(scratch, "/srv/a/data/app.db", ID).getFileName())
			.hasToString("srv_a_data_app.db-" + ID + ".sqlite3");
	}

	@Test
	void aDrillStoppedByAShutdownIsNotARefusalAndLeavesNothing() throws Exception {
		// Stands in for a restore that takes long: it writes what Litestream writes (the
		// -o file and its .tmp), then waits, and is interrupted while it runs.
		Path slow = dir.resolve("slow-litestream");
		Files.writeString(slow,
				"#!/bin/sh\n[ \"$1\" = version ] && { echo v0.3.13; exit 0; }\ntouch \"$7\" \"$7.tmp\"\nexec sleep 30\n");
		Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwx------"));
		Path scratch = dir.resolve("drills");
		RestoreDrill drill = new RestoreDrill(new LocalAccessory(slow.toString(), Map.of()), dir.resolve("l.yml"),
				scratch, Duration.ofSeconds(20), Clock.systemUTC());
		ReplicaConfig replica = SyntheticPolls.replicaConfig("s3");
		DbConfig db = new DbConfig("/data/production.db", "production", "/data/.production.db-litestream",
				Duration.ofSeconds(1), Duration.ofMinutes(1), List.of(replica), 3);

		RestoreDrill missing = new RestoreDrill(new LocalAccessory(dir.resolve("none").toString(), Map.of()),
				dir.resolve("l.yml"), scratch, Duration.ofSeconds(20), Clock.systemUTC());
		assertThat(missing.run(db, replica, 0).outcome()).as("baseline: no binary to run is a refusal")
			.isEqualTo(Outcome.REFUSED);

		AtomicReference<Throwable> thrown = new AtomicReference<>();
		Thread shutdown = new Thread(() -> {
			try {
				drill.run(db, replica, 0);
			}
			catch (RuntimeException ex) {
				thrown.set(ex);
			}
		});
		shutdown.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> files(scratch).size() == 2);
		shutdown.interrupt();
		shutdown.join(10_000);

		assertThat(thrown.get()).isInstanceOf(RestoreDrill.Interrupted.class).hasMessageContaining("production");
		assertThat(files(scratch)).as("the restore's files").isEmpty();
	}

	private static List<Path> files(Path dir) throws java.io.IOException {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> list = Files.list(dir)) {
			return list.toList();
		}
	}

}
