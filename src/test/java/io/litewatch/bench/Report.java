package io.litewatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToLongFunction;

import io.litewatch.bench.PollObserver.Poll;

/**
 * The markdown written to target/benchmark/listing.md: one table per run kind, the
 * issue's goals checked against the figures, and how long each part took.
 */
final class Report {

	private static final double MB = 1_000_000.0;

	private final BenchSettings settings;

	private final String host;

	private final boolean dockerfileOptions;

	/**
	 * @param dockerfileOptions whether Litewatch's JVM options are the Dockerfile's
	 */
	Report(BenchSettings settings, String host, boolean dockerfileOptions) {
		this.settings = settings;
		this.host = host;
		this.dockerfileOptions = dockerfileOptions;
	}

	String render(List<SizeRun.Result> sizes, FleetRun.Result fleet, List<LtxSizeRun.Result> ltx, Duration total) {
		StringBuilder md = new StringBuilder("# S3 listing cost (issue 10)\n\n");
		md.append("Command: `").append(settings.command()).append("`  \n");
		md.append("Commit measured: ").append(settings.commit()).append("; host: ").append(host).append("  \n");
		md.append("Litewatch ran as its own JVM with `JAVA_TOOL_OPTIONS=\"")
			.append(settings.javaToolOptions())
			.append(dockerfileOptions ? "\"` (the Dockerfile's)" : "\"` (NOT the Dockerfile's)")
			.append(" and no other JVM flag; no Docker Engine reachable; ")
			.append("`litewatch.inventory.enabled=false` in the size runs (one inventory pass is then measured on its own). Requests are counted by an HTTP proxy in front of S3.\n\n");
		if (!sizes.isEmpty()) {
			sizeTable(md, sizes);
		}
		if (fleet != null) {
			fleetTable(md, fleet);
		}
		if (!ltx.isEmpty()) {
			LtxReport.table(md, settings, ltx);
		}
		if (!sizes.isEmpty() || fleet != null) {
			goals(md, sizes, fleet);
		}
		notes(md, sizes);
		timings(md, sizes, fleet, ltx, total);
		return md.toString();
	}

	private void sizeTable(StringBuilder md, List<SizeRun.Result> sizes) {
		md.append("## One replica of N WAL segments (poll interval ")
			.append(settings.pollInterval().toSeconds())
			.append(" s, ")
			.append(settings.steadyPolls())
			.append(" steady-state polls)\n\n");
		md.append("| N | S3 backend | polls to first complete status | requests to first complete status "
				+ "| requests per steady-state poll: proxy median (min–max) / app `s3Requests` "
				+ "| one `litestream generations`: requests (list API) | its time | generations ÷ steady poll "
				+ "| inventory: requests to complete one full pass | Litewatch peak RSS |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|\n");
		for (SizeRun.Result r : sizes) {
			Poll first = r.outcome().firstComplete();
			Stats steady = Stats.of(r.outcome().steady(), (p) -> p.proxy().total());
			Stats app = Stats.of(r.outcome().steady(), (p) -> p.status().s3Requests());
			boolean reported = r.outcome().steady().stream().allMatch((p) -> p.status().reportsS3Requests());
			LitestreamGenerations.Result g = r.generations();
			md.append("| ").append(r.size().label()).append(" | ").append(r.backend().label);
			md.append(" | ").append(first == null ? "not reached: " + r.failure() : first.sequence());
			md.append(" | ").append(first == null ? "—" : first.proxySinceStart().total());
			md.append(" | ").append(steady.text()).append(" / ").append(reported ? app.text() : "not reported");
			md.append(" | ")
				.append(g.requests().total())
				.append(" (")
				.append(g.requests().byApi())
				.append(g.error() == null ? "" : "; " + g.error())
				.append(")");
			md.append(" | ").append(seconds(g.took()));
			md.append(" | ")
				.append(steady.empty() ? "—" : String.format("%.0f×", g.requests().total() / steady.median()));
			md.append(" | ").append(r.inventory());
			md.append(" | ").append(memory(r.memory())).append(" |\n");
		}
		md.append("\nA complete status has a generation, a last sync and a last snapshot. Each replica grows by one "
				+ "segment a second while measured; snapshots are one every tenth of the history plus one 300 "
				+ "segments before the end. s3proxy's filesystem backend scans the whole folder for every LIST page, "
				+ "so it serves up to 100k here; above that the synthesized service answers the same LIST API "
				+ "(the 100k synthesized row checks that both give the same counts).\n\n");
	}

	private void fleetTable(StringBuilder md, FleetRun.Result f) {
		Poll first = f.outcome().firstComplete();
		List<Poll> steady = f.outcome().steady();
		Stats duration = Stats.of(steady, (p) -> Objects.requireNonNullElse(p.status().pollDurationMs(), -1L));
		Stats requests = Stats.of(steady, (p) -> p.status().s3Requests());
		Stats all = Stats.of(steady, (p) -> p.proxy().total());
		long interval = settings.fleetPollInterval().toMillis();
		md.append("## ").append(f.fleet().label()).append(" (one endpoint, one litestream.yml)\n\n");
		md.append("| databases × segments | S3 backend | poll interval | polls to first complete status (requests) "
				+ "| polls measured after it | `pollDurationMs` median / max | every poll within the interval "
				+ "| poll requests per poll: median (per replica), app `s3Requests` "
				+ "| all requests between polls, inventory included (proxy) "
				+ "| Litewatch peak RSS: VmHWM (max sampled VmRSS) |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|\n");
		md.append("| ").append(f.fleet().label()).append(" | ").append(f.fleet().backend().label);
		md.append(" | ").append(settings.fleetPollInterval().toSeconds()).append(" s");
		md.append(" | ")
			.append(first == null ? "not reached: " + f.outcome().failure()
					: first.sequence() + " (" + first.proxySinceStart().total() + ")");
		md.append(" | ").append(steady.size());
		md.append(" | ").append(duration.empty() ? "—" : (long) duration.median() + " ms / " + duration.max() + " ms");
		md.append(" | ").append(duration.empty() ? "—" : duration.max() <= interval ? "yes" : "no");
		md.append(" | ")
			.append(requests.empty() ? "—"
					: String.format("%.0f (%.1f)", requests.median(), requests.median() / f.fleet().databases()));
		md.append(" | ").append(all.empty() ? "—" : String.format("%.0f", all.median()));
		md.append(" | ").append(memory(f.memory())).append(" |\n\n");
		md.append("The fleet runs as shipped: the inventory is on, with its default budget (")
			.append(settings.fleetInventoryRequestsPerMinute())
			.append(" requests a minute), so the proxy's count between polls includes its requests.\n\n");
		md.append("<details><summary>Litewatch heap at the end (jcmd GC.heap_info)</summary>\n\n```\n")
			.append(f.heapInfo())
			.append("\n```\n</details>\n\n");
	}

	private void goals(StringBuilder md, List<SizeRun.Result> sizes, FleetRun.Result fleet) {
		md.append("## Goals\n\n");
		Goals goals = new Goals(md);
		if (!sizes.isEmpty()) {
			sizeGoals(goals, sizes);
		}
		if (fleet != null) {
			Stats duration = Stats.of(fleet.outcome().steady(),
					(p) -> Objects.requireNonNullElse(p.status().pollDurationMs(), -1L));
			goals.check(!duration.empty() && duration.max() <= settings.fleetPollInterval().toMillis(),
					fleet.fleet().label() + ": every poll within the interval",
					duration.empty() ? "no poll measured" : "max " + duration.max() + " ms, interval "
							+ settings.fleetPollInterval().toMillis() + " ms");
			long peakKb = Math.max(fleet.memory().highWaterKb(), fleet.memory().sampledRssKb());
			goals.check(peakKb * 1024 <= 300 * MB, fleet.fleet().label() + ": RSS at most 300 MB",
					memory(fleet.memory()));
		}
		md.append('\n');
	}

	private static void sizeGoals(Goals goals, List<SizeRun.Result> sizes) {
		List<String> polls = new ArrayList<>();
		List<Double> steady = new ArrayList<>();
		boolean firstOk = true;
		for (SizeRun.Result r : sizes) {
			Poll first = r.outcome().firstComplete();
			polls.add(r.size().label() + ": " + (first == null ? "never" : first.sequence()));
			firstOk &= first != null && first.sequence() <= 2;
			Stats s = Stats.of(r.outcome().steady(), (p) -> p.proxy().total());
			if (!s.empty()) {
				steady.add(s.median());
			}
		}
		goals.check(firstOk, "first complete status within 2 polls at every N", String.join(", ", polls));
		double most = steady.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
		double least = steady.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
		goals.check(most <= 2, "steady-state poll at most 2 requests per replica", "median " + steady);
		goals.check(most <= least * 1.2, "steady-state poll flat (±20%) across N", "from " + least + " to " + most);
		sizes.stream().filter((r) -> r.size().segments() == 100_000).findFirst().ifPresent((r) -> {
			double ratio = r.generations().requests().total()
					/ Stats.of(r.outcome().steady(), (p) -> p.proxy().total()).median();
			goals.check(ratio >= 50, "at 100k at least 50× fewer requests than one `litestream generations`",
					String.format("%d ÷ steady poll = %.1f×", r.generations().requests().total(), ratio));
		});
	}

	/** Which list APIs each client used, and why s3proxy stops at its size. */
	private void notes(StringBuilder md, List<SizeRun.Result> sizes) {
		if (sizes.isEmpty()) {
			return;
		}
		md.append("## Notes\n\n");
		CountingProxy.Counts polls = new CountingProxy.Counts(0, 0, 0);
		CountingProxy.Counts litestream = new CountingProxy.Counts(0, 0, 0);
		for (SizeRun.Result r : sizes) {
			for (Poll p : r.outcome().steady()) {
				polls = plus(polls, p.proxy());
			}
			litestream = plus(litestream, r.generations().requests());
		}
		md.append("- List APIs through the proxy: Litewatch's steady-state polls ")
			.append(polls.byApi())
			.append("; `litestream generations` ")
			.append(litestream.byApi())
			.append(".\n");
		sizes.stream()
			.filter((r) -> r.backend() == S3Stage.Backend.S3PROXY && r.generations().requests().total() > 0)
			.reduce((a, b) -> b.size().segments() >= a.size().segments() ? b : a)
			.ifPresent((r) -> {
				double perPage = r.generations().took().toMillis() / 1000.0 / r.generations().requests().total();
				// Per page s3proxy scans the whole folder: at 1M both the pages and each
				// page's cost grow by 1M / N.
				double factor = 1_000_000.0 / r.size().segments();
				md.append(String.format(
						"- On s3proxy at %s, `litestream generations` took %.2f s per LIST page (%s for %d requests). "
								+ "Each page scans the whole folder, so at 1M each page would cost about %.0f× as much "
								+ "(~%.0f s; Litewatch's default S3 call timeout is 10 s) and there would be %.0f× the "
								+ "pages: about %.1f h for one `litestream generations`. Hence the synthesized "
								+ "service above %s.\n",
						r.size().label(), perPage, seconds(r.generations().took()), r.generations().requests().total(),
						factor, perPage * factor, factor,
						perPage * r.generations().requests().total() * factor * factor / 3600, r.size().label()));
			});
		md.append('\n');
	}

	private static CountingProxy.Counts plus(CountingProxy.Counts a, CountingProxy.Counts b) {
		return new CountingProxy.Counts(a.listV2() + b.listV2(), a.listV1() + b.listV1(), a.other() + b.other());
	}

	private void timings(StringBuilder md, List<SizeRun.Result> sizes, FleetRun.Result fleet,
			List<LtxSizeRun.Result> ltx, Duration total) {
		md.append("## How long each part took\n\n| run | S3 set-up (write files / start service) "
				+ "| Litewatch phase | `litestream generations` | run total |\n|---|---|---|---|---|\n");
		for (SizeRun.Result r : sizes) {
			md.append("| ").append(r.size().label()).append(" on ").append(r.backend().label);
			md.append(" | ").append(seconds(r.synthesis())).append(" | ").append(seconds(r.appPhase()));
			md.append(" | ").append(seconds(r.generations().took())).append(" | ").append(seconds(r.total()));
			md.append(" |\n");
		}
		if (fleet != null) {
			md.append("| ").append(fleet.fleet().label()).append(" on ").append(fleet.fleet().backend().label);
			md.append(" | ").append(seconds(fleet.synthesis())).append(" | ").append(seconds(fleet.outcome().took()));
			md.append(" | — | ").append(seconds(fleet.total())).append(" |\n");
		}
		LtxReport.timingRows(md, ltx);
		md.append("| **everything** | | | | ").append(seconds(total)).append(" |\n");
	}

	static String memory(MemorySampler.Peak peak) {
		return String.format("%.0f MB (%.0f MB)", peak.highWaterKb() * 1024 / MB, peak.sampledRssKb() * 1024 / MB);
	}

	static String seconds(Duration d) {
		long s = d.toSeconds();
		return s >= 120 ? String.format("%d min %02d s", s / 60, s % 60)
				: String.format("%.1f s", d.toMillis() / 1000.0);
	}

	/** Median, min and max of one figure over polls. */
	record Stats(List<Long> values) {

		static Stats of(List<Poll> polls, ToLongFunction<Poll> figure) {
			// A poll observed late covers several; only single polls are comparable.
			return new Stats(
					polls.stream().filter((p) -> p.advanced() == 1).map(figure::applyAsLong).sorted().toList());
		}

		boolean empty() {
			return values.isEmpty();
		}

		double median() {
			int n = values.size();
			return n == 0 ? Double.NaN
					: n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
		}

		long max() {
			return values.get(values.size() - 1);
		}

		String text() {
			return values.isEmpty() ? "—" : String.format("%s (%d–%d)", trim(median()), values.get(0), max());
		}

		private static String trim(double d) {
			return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
		}

	}

	/** A goal per line: met or not, and the figures it was judged on. */
	private record Goals(StringBuilder md) {

		void check(boolean met, String goal, String figures) {
			md.append("- ")
				.append(met ? "✅ met" : "❌ not met")
				.append(": ")
				.append(goal)
				.append(" — ")
				.append(figures)
				.append('\n');
		}

	}

}
