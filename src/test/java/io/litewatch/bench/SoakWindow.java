package io.litewatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.litewatch.testsupport.WebhookReceiver;

/**
 * One window of the soak: Litewatch's process at its end, and what happened in it.
 *
 * @param polls polls completed (by the status's sequence), {@code expected} those the
 * interval allows
 * @param execs execs the engine started in the accessory
 * @param appRequests S3 requests of Litewatch; {@code accessoryRequests} those of
 * Litestream
 * @param storeBytes Litewatch's data directory at the window's end
 */
record SoakWindow(int index, Duration length, ProcFigures process, long polls, long expected, long medianPollMs,
		long longestPollMs, int execs, long appRequests, long accessoryRequests, int notifications, long storeBytes) {

	String line() {
		return String.format(
				"window %d: RSS %.0f MB, %d fds, %d threads, %d/%d polls (median %d ms, longest %d ms), "
						+ "%d execs (%.2f a poll), S3 requests a poll: Litewatch %.1f, Litestream %.1f; "
						+ "%d notifications; store %.2f MB",
				index, process.rssMb(), process.fds(), process.threads(), polls, expected, medianPollMs, longestPollMs,
				execs, perPoll(execs), perPoll(appRequests), perPoll(accessoryRequests), notifications,
				storeBytes / 1048576.0);
	}

	double perPoll(long count) {
		return polls == 0 ? 0 : (double) count / polls;
	}

	/** What the whole run saw. */
	record Totals(Map<String, Integer> execsByCommand, List<String> notifications) {
	}

	/** Measures window after window; each {@link #close()} ends one. */
	static final class Meter {

		private final long pid;

		private final Path store;

		private final PollWatch polls;

		private final ExecEvents execs;

		private final CountingProxy appProxy;

		private final CountingProxy accessoryProxy;

		private final WebhookReceiver webhook;

		private final Duration pollInterval;

		private final long firstMillis;

		private long startMillis;

		private long lastSequence;

		private CountingProxy.Counts appStart;

		private CountingProxy.Counts accessoryStart;

		private int notificationsStart;

		private int index;

		Meter(long pid, Path store, PollWatch polls, ExecEvents execs, CountingProxy appProxy,
				CountingProxy accessoryProxy, WebhookReceiver webhook, Duration pollInterval) {
			this.pid = pid;
			this.store = store;
			this.polls = polls;
			this.execs = execs;
			this.appProxy = appProxy;
			this.accessoryProxy = accessoryProxy;
			this.webhook = webhook;
			this.pollInterval = pollInterval;
			this.firstMillis = System.currentTimeMillis();
			this.startMillis = firstMillis;
			this.appStart = appProxy.counts();
			this.accessoryStart = accessoryProxy.counts();
		}

		SoakWindow close() {
			long end = System.currentTimeMillis();
			List<PollWatch.Seen> seen = polls.between(startMillis, end);
			long sequence = seen.isEmpty() ? lastSequence : seen.get(seen.size() - 1).sequence();
			long[] durations = seen.stream().mapToLong(PollWatch.Seen::durationMs).sorted().toArray();
			CountingProxy.Counts app = appProxy.counts();
			CountingProxy.Counts accessory = accessoryProxy.counts();
			int notifications = webhook.requests().size();
			Duration length = Duration.ofMillis(end - startMillis);
			SoakWindow window = new SoakWindow(++index, length, ProcFigures.of(pid), sequence - lastSequence,
					length.toMillis() / pollInterval.toMillis(),
					durations.length == 0 ? -1 : durations[durations.length / 2],
					durations.length == 0 ? -1 : durations[durations.length - 1],
					execs.between(startMillis, end).size(), app.minus(appStart).total(),
					accessory.minus(accessoryStart).total(), notifications - notificationsStart, bytes(store));
			startMillis = end;
			lastSequence = sequence;
			appStart = app;
			accessoryStart = accessory;
			notificationsStart = notifications;
			return window;
		}

		Totals totals() {
			Map<String, Integer> byCommand = new TreeMap<>();
			for (ExecEvents.Exec exec : execs.between(firstMillis, Long.MAX_VALUE)) {
				// One line per command whatever the database it names.
				String command = exec.command().replaceAll("\\S*/[^ ]*\\.sqlite3", "<db>");
				byCommand.merge(command, 1, Integer::sum);
			}
			List<String> texts = webhook.requests()
				.stream()
				.map((r) -> r.body().length() > 300 ? r.body().substring(0, 300) + "…" : r.body())
				.toList();
			return new Totals(byCommand, texts);
		}

		private static long bytes(Path dir) {
			if (!Files.isDirectory(dir)) {
				return 0;
			}
			try (Stream<Path> files = Files.walk(dir)) {
				return files.filter(Files::isRegularFile).mapToLong((f) -> {
					try {
						return Files.size(f);
					}
					catch (IOException ex) {
						return 0;
					}
				}).sum();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
