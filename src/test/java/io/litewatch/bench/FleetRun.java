package io.litewatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.litewatch.bench.BenchSettings.Fleet;

/**
 * Many databases, each with one large replica, behind one endpoint and one
 * litestream.yml: how long Litewatch's polls take and how much memory it holds.
 */
final class FleetRun {

	record Result(Fleet fleet, AppRun.Outcome outcome, MemorySampler.Peak memory, String heapInfo, Duration synthesis,
			Duration total) {
	}

	private FleetRun() {
	}

	static Result run(BenchSettings settings, Fleet fleet, PidFiles pids) throws Exception {
		long started = System.nanoTime();
		Path dir = settings.out().resolve("fleet-" + fleet.databases() + "x" + BenchSettings.count(fleet.segments()));
		Files.createDirectories(dir);
		Instant now = Instant.now();
		List<SyntheticReplica> replicas = new ArrayList<>();
		for (int i = 0; i < fleet.databases(); i++) {
			replicas.add(SyntheticReplica.of(String.format("fleet/app-%03d.db", i), fleet.segments(), now, true));
		}
		SizeRun.log("%s on %s", fleet.label(), fleet.backend().label);
		try (S3Stage stage = S3Stage.start(fleet.backend(), replicas, dir, settings.keepData(), pids)) {
			Path config = dir.resolve("litestream.yml");
			LitestreamYaml.write(config, dir.resolve("db"), stage.endpoint(), replicas);
			AppRun.Outcome outcome;
			String heapInfo;
			MemorySampler.Peak memory;
			try (AppRun run = AppRun.start(settings, dir, config, settings.fleetPollInterval(),
					List.of("litewatch.inventory.enabled=true",
							"litewatch.inventory.requests-per-minute=" + settings.fleetInventoryRequestsPerMinute()),
					stage.proxy(), pids)) {
				outcome = run.observe(settings.fleetPolls());
				heapInfo = run.heapInfo();
				run.close();
				memory = run.memory();
			}
			SizeRun.log("%s: done (%s)", fleet.label(), outcome.failure() == null ? "ok" : outcome.failure());
			return new Result(fleet, outcome, memory, heapInfo, stage.synthesis(),
					Duration.ofNanos(System.nanoTime() - started));
		}
	}

}
