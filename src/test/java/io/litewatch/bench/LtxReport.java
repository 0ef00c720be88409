package io.litewatch.bench;

import java.util.List;
import java.util.stream.Collectors;

import io.litewatch.bench.PollObserver.Poll;
import io.litewatch.bench.Report.Stats;

/**
 * The Litestream 0.5 part of listing.md: one row per LTX size run, what Litewatch's polls
 * cost against one {@code litestream ltx -level all}, and the checks on them.
 */
final class LtxReport {

	private LtxReport() {
	}

	static void table(StringBuilder md, BenchSettings settings, List<LtxSizeRun.Result> runs) {
		md.append("## One Litestream 0.5 replica of N LTX files (poll interval ")
			.append(settings.pollInterval().toSeconds())
			.append(" s, ")
			.append(settings.steadyPolls())
			.append(" steady-state polls)\n\n");
		md.append("| N (L0 / L1 / L2 / L3 / L9) | S3 backend | `layout` in /api/status "
				+ "| polls to first complete status | requests to first complete status "
				+ "| requests per steady-state poll: proxy median (min–max) / app `s3Requests` "
				+ "| one `litestream ltx -level all -json`: requests (list API), files listed | its time "
				+ "| ltx ÷ steady poll | findings on the replica at the end | Litewatch peak RSS |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (LtxSizeRun.Result r : runs) {
			Poll first = r.outcome().firstComplete();
			Stats steady = Stats.of(r.outcome().steady(), (p) -> p.proxy().total());
			Stats app = Stats.of(r.outcome().steady(), (p) -> p.status().s3Requests());
			boolean reported = r.outcome().steady().stream().allMatch((p) -> p.status().reportsS3Requests());
			LitestreamLtx.Result ltx = r.ltxCommand();
			md.append("| ")
				.append(String.format("%,d", r.files()))
				.append(" (")
				.append(r.filesByLevel().stream().map(String::valueOf).collect(Collectors.joining(" / ")))
				.append(")");
			md.append(" | ").append(r.backend().label);
			md.append(" | ").append(r.layout() == null ? "—" : r.layout());
			md.append(" | ").append(first == null ? "not reached: " + r.failure() : first.sequence());
			md.append(" | ").append(first == null ? "—" : first.proxySinceStart().total());
			md.append(" | ").append(steady.text()).append(" / ").append(reported ? app.text() : "not reported");
			md.append(" | ")
				.append(ltx.requests().total())
				.append(" (")
				.append(ltx.requests().byApi())
				.append("), ")
				.append(String.format("%,d", ltx.files()))
				.append(ltx.error() == null ? "" : "; " + ltx.error());
			md.append(" | ").append(Report.seconds(ltx.took()));
			md.append(" | ")
				.append(steady.empty() ? "—" : String.format("%.0f×", ltx.requests().total() / steady.median()));
			md.append(" | ").append(r.findings().isEmpty() ? "none" : String.join(", ", r.findings()));
			md.append(" | ").append(Report.memory(r.memory())).append(" |\n");
		}
		md.append("\nThe replica has Litestream 0.5's default levels (L1 every 30 s, L2 5 min, L3 1 h, a snapshot a "
				+ "day) and as long a history as N needs, all levels kept back to the oldest snapshot as 0.5's "
				+ "retention does; L0 holds its 5 min of l0-retention plus what L1 has not reached. One L0 file a "
				+ "second (and L1/L2/L3 files at their intervals) is added while measured. The litestream.yml has a "
				+ "`replica:` with `url:` and no accessory runs, so Litewatch reads it as 0.5 by its keys. "
				+ "`litestream ltx` is Litestream 0.5.17's, run once after Litewatch's polls on the same replica; "
				+ "it lists each level folder 0 to 9 whole, one LIST page per 1000 files, and reads no object.\n\n");
		checks(md, runs);
	}

	private static void checks(StringBuilder md, List<LtxSizeRun.Result> runs) {
		for (LtxSizeRun.Result r : runs) {
			Poll first = r.outcome().firstComplete();
			Stats steady = Stats.of(r.outcome().steady(), (p) -> p.proxy().total());
			String label = String.format("0.5 %s on %s", BenchSettings.count(r.size().segments()), r.backend().label);
			check(md, "0.5".equals(r.layout()), label + ": read as layout 0.5 without an accessory",
					"layout " + r.layout());
			check(md, first != null && first.sequence() <= 2, label + ": first complete status within 2 polls",
					first == null ? "never" : "poll " + first.sequence());
			check(md, !steady.empty() && steady.max() <= 2, label + ": steady-state poll at most 2 requests",
					steady.text());
			check(md, r.ltxCommand().error() == null, label + ": `litestream ltx` listed every file",
					String.format("%,d listed, %,d at the start", r.ltxCommand().files(), r.files()));
		}
		md.append('\n');
	}

	private static void check(StringBuilder md, boolean met, String what, String figures) {
		md.append("- ").append(met ? "✅ met" : "❌ not met").append(": ").append(what).append(" — ").append(figures);
		md.append('\n');
	}

	static void timingRows(StringBuilder md, List<LtxSizeRun.Result> runs) {
		for (LtxSizeRun.Result r : runs) {
			md.append("| 0.5 ").append(r.size().label()).append(" on ").append(r.backend().label);
			md.append(" | ").append(Report.seconds(r.synthesis())).append(" | ").append(Report.seconds(r.appPhase()));
			md.append(" | ").append(Report.seconds(r.ltxCommand().took()));
			md.append(" (`litestream ltx`) | ").append(Report.seconds(r.total())).append(" |\n");
		}
	}

}
