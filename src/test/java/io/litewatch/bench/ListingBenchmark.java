package io.litewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.litewatch.bench.BenchSettings.Size;

/**
 * The listing benchmark of issue 10: what Litewatch's polls cost in S3 requests at 10
 * thousand to a million WAL segments, against one {@code litestream generations}, and how
 * a fleet of large replicas weighs on poll time and memory; and for Litestream 0.5
 * replicas of LTX files, the same against one {@code litestream ltx -level all}. Run by
 * scripts/benchmark-listing.sh; a {@code main}, not a test, so no build runs it. It
 * reaches Litewatch only through its HTTP API and its configuration properties.
 */
public final class ListingBenchmark {

	private ListingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		BenchSettings settings = BenchSettings.parse(args);
		Files.createDirectories(settings.out());
		PidFiles pids = new PidFiles(settings.out().resolve("pids"));
		Runtime.getRuntime().addShutdownHook(new Thread(pids::destroyAll, "stop-children"));
		long started = System.nanoTime();
		List<SizeRun.Result> sizes = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		for (Size size : settings.sizes()) {
			try {
				sizes.add(SizeRun.run(settings, size, pids));
			}
			catch (Exception ex) {
				failures.add(size.label() + " on " + size.backend().label + ": " + ex);
				ex.printStackTrace();
			}
		}
		List<LtxSizeRun.Result> ltx = new ArrayList<>();
		for (Size size : settings.ltxSizes()) {
			try {
				LtxSizeRun.Result result = LtxSizeRun.run(settings, size, pids);
				ltx.add(result);
				if (result.failure() != null) {
					failures.add("0.5 " + size.label() + " on " + size.backend().label + ": " + result.failure());
				}
			}
			catch (Exception ex) {
				failures.add("0.5 " + size.label() + " on " + size.backend().label + ": " + ex);
				ex.printStackTrace();
			}
		}
		FleetRun.Result fleet = null;
		if (settings.fleet() != null) {
			try {
				fleet = FleetRun.run(settings, settings.fleet(), pids);
			}
			catch (Exception ex) {
				failures.add(settings.fleet().label() + ": " + ex);
				ex.printStackTrace();
			}
		}
		StringBuilder md = new StringBuilder(new Report(settings, host(), dockerfileOptions(settings)).render(sizes,
				fleet, ltx, Duration.ofNanos(System.nanoTime() - started)));
		if (!failures.isEmpty()) {
			md.append("\n## Runs that failed\n\n");
			failures.forEach((f) -> md.append("- ").append(f).append('\n'));
		}
		Path report = settings.out().resolve("listing.md");
		Files.writeString(report, md);
		System.out.println(md);
		System.exit(failures.isEmpty() ? 0 : 1);
	}

	/**
	 * Whether Litewatch ran with the JVM options the image sets (Dockerfile in the
	 * working directory).
	 */
	private static boolean dockerfileOptions(BenchSettings settings) throws IOException {
		Path dockerfile = Path.of("Dockerfile");
		return Files.isRegularFile(dockerfile)
				&& Files.readString(dockerfile).contains("JAVA_TOOL_OPTIONS=\"" + settings.javaToolOptions() + "\"");
	}

	private static String host() throws IOException {
		String memTotal = Files.readAllLines(Path.of("/proc/meminfo"))
			.stream()
			.filter((l) -> l.startsWith("MemTotal:"))
			.map((l) -> String.format("%.1f GiB RAM", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
			.findFirst()
			.orElse("RAM unknown");
		return Runtime.getRuntime().availableProcessors() + " CPUs, " + memTotal + ", Java "
				+ System.getProperty("java.version");
	}

}
