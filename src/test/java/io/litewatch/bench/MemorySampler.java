package io.litewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a process's resident memory from {@code /proc/<pid>/status} every second: the
 * largest VmRSS seen, and the kernel's own high-water mark (VmHWM), which also catches a
 * peak between two samples.
 */
final class MemorySampler implements AutoCloseable {

	private final long pid;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "memory-sampler");
		thread.setDaemon(true);
		return thread;
	});

	private long peakRssKb;

	private long highWaterKb;

	private int samples;

	MemorySampler(long pid) {
		this.pid = pid;
		timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
	}

	/** Kibibytes, as /proc reports them. */
	record Peak(long sampledRssKb, long highWaterKb, int samples) {
	}

	synchronized Peak peak() {
		return new Peak(peakRssKb, highWaterKb, samples);
	}

	/** Takes a last sample (the high-water mark is final only at the end). */
	@Override
	public void close() throws InterruptedException {
		timer.shutdownNow();
		timer.awaitTermination(5, TimeUnit.SECONDS);
		sample();
	}

	private synchronized void sample() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					peakRssKb = Math.max(peakRssKb, kb(line));
					samples++;
				}
				else if (line.startsWith("VmHWM:")) {
					highWaterKb = Math.max(highWaterKb, kb(line));
				}
			}
		}
		catch (IOException ex) {
			// The process has exited: nothing more to sample.
		}
	}

	private static long kb(String line) {
		return Long.parseLong(line.replaceAll("[^0-9]", ""));
	}

}
