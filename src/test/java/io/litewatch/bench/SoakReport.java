package io.litewatch.bench;

import java.util.List;
import java.util.Map;

/**
 * The soak's figures as Markdown: a row per window and the goals of issue 30 against the
 * windows after the first (the warm-up).
 */
final class SoakReport {

	private SoakReport() {
	}

	static String markdown(SoakSettings s, List<SoakWindow> windows, SoakWindow.Totals totals) {
		StringBuilder md = new StringBuilder("# Soak benchmark\n\n");
		md.append(String.format(
				"`%s` at %s: Litestream %s in one container, %d databases (%d written every %s), Litewatch polling "
						+ "every %s with `JAVA_TOOL_OPTIONS=%s`, %d min in windows of %d min.%n%n",
				s.command(), s.commit(), s.litestream().printed(), s.databases(), s.writers(), s.writeEvery(),
				s.pollInterval(), s.javaToolOptions(), s.run().toMinutes(), s.window().toMinutes()));
		md.append("| window | RSS MB | fds | threads | polls / expected | median poll ms | longest poll ms "
				+ "| execs (a poll) | S3 req. a poll: Litewatch | Litestream | notifications | store MB |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (SoakWindow w : windows) {
			md.append(String.format(
					"| %d | %.0f | %d | %d | %d / %d | %d | %d | %d (%.2f) | %.1f | %.1f | %d | %.2f |%n", w.index(),
					w.process().rssMb(), w.process().fds(), w.process().threads(), w.polls(), w.expected(),
					w.medianPollMs(), w.longestPollMs(), w.execs(), w.perPoll(w.execs()), w.perPoll(w.appRequests()),
					w.perPoll(w.accessoryRequests()), w.notifications(), w.storeBytes() / 1048576.0));
		}
		md.append("\nExecs by command over the run (as the Docker Engine reported them):\n\n");
		for (Map.Entry<String, Integer> e : totals.execsByCommand().entrySet()) {
			md.append("- `").append(e.getKey()).append("`: ").append(e.getValue()).append('\n');
		}
		if (windows.size() >= 2) {
			SoakWindow warm = windows.get(0);
			SoakWindow last = windows.get(windows.size() - 1);
			List<SoakWindow> steady = windows.subList(1, windows.size());
			double hours = steady.stream().mapToLong((w) -> w.length().toMillis()).sum() / 3_600_000.0;
			long polls = steady.stream().mapToLong(SoakWindow::polls).sum();
			long expected = steady.stream().mapToLong(SoakWindow::expected).sum();
			long execs = steady.stream().mapToLong(SoakWindow::execs).sum();
			md.append(String.format("%nAfter the warm-up (window 1):%n%n"));
			md.append(String.format("- RSS %.0f -> %.0f MB (%+.1f %%; goal <= 300 MB and <= 5 %%)%n",
					warm.process().rssMb(), last.process().rssMb(),
					100.0 * (last.process().rssKb() - warm.process().rssKb()) / warm.process().rssKb()));
			md.append(String.format("- fds %d -> %d, threads %d -> %d%n", warm.process().fds(), last.process().fds(),
					warm.process().threads(), last.process().threads()));
			md.append(String.format("- polls %d of %d expected; longest %d ms; median of the window medians %d ms%n",
					polls, expected, steady.stream().mapToLong(SoakWindow::longestPollMs).max().orElse(-1),
					steady.stream().mapToLong(SoakWindow::medianPollMs).sorted().toArray()[steady.size() / 2]));
			md.append(String.format("- execs %.2f a poll (goal <= 2)%n", polls == 0 ? 0 : (double) execs / polls));
			md.append(String.format("- store %.2f MB/h%n",
					hours == 0 ? 0 : (last.storeBytes() - warm.storeBytes()) / 1048576.0 / hours));
		}
		md.append(String.format("- notifications: %d%n", totals.notifications().size()));
		totals.notifications().stream().limit(5).forEach((n) -> md.append("  - `").append(n).append("`\n"));
		return md.toString();
	}

}
