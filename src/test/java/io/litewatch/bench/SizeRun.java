package io.litewatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.litewatch.bench.BenchSettings.Size;

/**
 * One replica of N WAL segments: Litewatch's polls until its first complete status and in
 * steady state, then one {@code litestream generations} on the same replica, all counted
 * by the same proxy.
 */
final class SizeRun {

	/**
	 * @param failure what went wrong, or null
	 */
	record Result(Size size, S3Stage.Backend backend, AppRun.Outcome outcome, MemorySampler.Peak memory,
			LitestreamGenerations.Result generations, String inventory, Duration synthesis, Duration appPhase,
			Duration total, String failure) {
	}

	private SizeRun() {
	}

	static Result run(BenchSettings settings, Size size, PidFiles pids) throws Exception {
		long started = System.nanoTime();
		Path dir = settings.out().resolve("n-" + size.label() + "-" + size.backend().name().toLowerCase());
		Files.createDirectories(dir);
		SyntheticReplica replica = SyntheticReplica.of("size/app-" + size.label() + ".db", size.segments(),
				Instant.now(), true);
		log("%s on %s: writing/serving %,d segments", size.label(), size.backend().label, size.segments());
		try (S3Stage stage = S3Stage.start(size.backend(), List.of(replica), dir, settings.keepData(), pids)) {
			log("%s: S3 ready in %d s; starting Litewatch", size.label(), stage.synthesis().toSeconds());
			Path config = dir.resolve("litestream.yml");
			List<Path> dbs = LitestreamYaml.write(config, dir.resolve("db"), stage.endpoint(), List.of(replica));
			long appStarted = System.nanoTime();
			AppRun.Outcome outcome;
			MemorySampler.Peak memory;
			try (AppRun run = AppRun.start(settings, dir, config, settings.pollInterval(),
					List.of("litewatch.inventory.enabled=false"), stage.proxy(), pids)) {
				outcome = run.observe(settings.steadyPolls());
				run.close();
				memory = run.memory();
			}
			Duration appPhase = Duration.ofNanos(System.nanoTime() - appStarted);
			log("%s: Litewatch done in %d s (%s); measuring one inventory pass", size.label(), appPhase.toSeconds(),
					outcome.failure() == null ? "ok" : outcome.failure());
			String inventory = InventoryProbe.measure(settings, dir, config, settings.pollInterval(), stage.proxy(),
					pids);
			log("%s: running litestream generations", size.label());
			LitestreamGenerations.Result generations = LitestreamGenerations.run(settings.litestream(), config,
					dbs.get(0), replica.generation(), stage.proxy(), settings.litestreamTimeout(),
					dir.resolve("litestream-generations.log"), pids);
			log("%s: litestream generations: %d requests (%s) in %d s", size.label(), generations.requests().total(),
					generations.requests().byApi(), generations.took().toSeconds());
			return new Result(size, size.backend(), outcome, memory, generations, inventory, stage.synthesis(),
					appPhase, Duration.ofNanos(System.nanoTime() - started), outcome.failure());
		}
	}

	static void log(String format, Object... args) {
		System.out.printf("[benchmark %s] %s%n", Instant.now().toString().substring(11, 19),
				String.format(format, args));
	}

}
