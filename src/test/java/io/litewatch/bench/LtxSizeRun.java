package io.litewatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;

import io.litewatch.bench.BenchSettings.Size;

/**
 * One Litestream 0.5 replica of N LTX files: Litewatch's polls until its first complete
 * status and in steady state, then one {@code litestream ltx -level all} of the 0.5
 * binary on the same replica, all counted by the same proxy. No accessory runs, so
 * Litewatch reads the 0.5-only litestream.yml by its own keys; the layout it reports is
 * checked to be "0.5".
 */
final class LtxSizeRun {

	/**
	 * @param filesByLevel the files at the start, L0 to L3 then L9
	 * @param layout the layout /api/status gave the replica at the last poll seen
	 * @param findings the finding codes on the replica at the end, as a check of the
	 * synthesized layout (a gap or an overlap would show as WAL_GAP or SPLIT_BRAIN)
	 * @param failure what went wrong, or null
	 */
	record Result(Size size, S3Stage.Backend backend, List<Long> filesByLevel, AppRun.Outcome outcome,
			MemorySampler.Peak memory, String layout, List<String> findings, LitestreamLtx.Result ltxCommand,
			Duration synthesis, Duration appPhase, Duration total, String failure) {

		long files() {
			return filesByLevel.stream().mapToLong(Long::longValue).sum();
		}

	}

	private static final Configuration LENIENT = Configuration.defaultConfiguration()
		.addOptions(Option.SUPPRESS_EXCEPTIONS);

	private LtxSizeRun() {
	}

	static Result run(BenchSettings settings, Size size, PidFiles pids) throws Exception {
		long started = System.nanoTime();
		Path dir = settings.out().resolve("ltx-" + size.label() + "-" + size.backend().name().toLowerCase());
		Files.createDirectories(dir);
		SyntheticLtxReplica replica = SyntheticLtxReplica.of("ltx/app-" + size.label(), size.segments(), Instant.now(),
				true);
		List<Long> counts = replica.counts(replica.anchor());
		SizeRun.log("0.5 %s on %s: writing/serving %,d LTX files (L0-L3, L9: %s; %.1f days of history)", size.label(),
				size.backend().label, replica.fileCount(replica.anchor()), counts, replica.historySeconds() / 86_400.0);
		try (S3Stage stage = S3Stage.start(size.backend(), replica, dir, settings.keepData(), pids)) {
			SizeRun.log("0.5 %s: S3 ready in %d s; starting Litewatch", size.label(), stage.synthesis().toSeconds());
			Path config = dir.resolve("litestream.yml");
			Path db = LtxYaml.write(config, dir.resolve("db"), stage.endpoint(), replica);
			long appStarted = System.nanoTime();
			AppRun.Outcome outcome;
			MemorySampler.Peak memory;
			String status;
			try (AppRun run = AppRun.start(settings, dir, config, settings.pollInterval(),
					List.of("litewatch.inventory.enabled=false"), stage.proxy(), pids)) {
				outcome = run.observe(settings.steadyPolls());
				status = run.statusJson();
				Files.writeString(dir.resolve("status.json"), status);
				run.close();
				memory = run.memory();
			}
			Duration appPhase = Duration.ofNanos(System.nanoTime() - appStarted);
			AppStatus.Replica seen = lastReplica(outcome);
			String layout = seen == null ? null : seen.layout();
			String failure = outcome.failure() != null ? outcome.failure()
					: !"0.5".equals(layout) ? "Litewatch read the replica as layout " + layout + ", not 0.5" : null;
			SizeRun.log("0.5 %s: Litewatch done in %d s (%s, layout %s); running litestream ltx -level all",
					size.label(), appPhase.toSeconds(), failure == null ? "ok" : failure, layout);
			LitestreamLtx.Result ltx = LitestreamLtx.run(settings.litestream05(), config, db,
					replica.fileCount(Instant.now()), stage.proxy(), settings.litestreamTimeout(),
					dir.resolve("litestream-ltx.json"), pids);
			SizeRun.log("0.5 %s: litestream ltx: %d requests (%s) in %d s, %,d files listed%s", size.label(),
					ltx.requests().total(), ltx.requests().byApi(), ltx.took().toSeconds(), ltx.files(),
					ltx.error() == null ? "" : " (" + ltx.error() + ")");
			return new Result(size, size.backend(), counts, outcome, memory, layout, findings(status), ltx,
					stage.synthesis(), appPhase, Duration.ofNanos(System.nanoTime() - started), failure);
		}
	}

	private static List<String> findings(String status) {
		if (status.isEmpty()) {
			return List.of("(no status)");
		}
		List<String> codes = JsonPath.using(LENIENT).parse(status).read("$.databases[*].replicas[*].findings[*].code");
		return codes == null ? List.of() : codes.stream().distinct().toList();
	}

	private static AppStatus.Replica lastReplica(AppRun.Outcome outcome) {
		List<PollObserver.Poll> polls = outcome.steady().isEmpty() ? outcome.beforeComplete() : outcome.steady();
		if (polls.isEmpty() || polls.get(polls.size() - 1).status().replicas().isEmpty()) {
			return null;
		}
		return polls.get(polls.size() - 1).status().replicas().get(0);
	}

}
