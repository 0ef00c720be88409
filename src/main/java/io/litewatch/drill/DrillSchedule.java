package io.litewatch.drill;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The drills' own thread: a restore can take minutes, and neither the poll nor the other
 * scheduled tasks wait for it. At start it removes what a drill interrupted by a crash
 * left in the scratch directory (only files a drill names, {@code <db>-<uuid>.sqlite3*}).
 */
class DrillSchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DrillSchedule.class);

	private final DrillRunner runner;

	private final Path scratch;

	private final Duration tick;

	private volatile ScheduledExecutorService executor;

	DrillSchedule(DrillRunner runner, Path scratch, Duration tick) {
		this.runner = runner;
		this.scratch = scratch;
		this.tick = tick;
	}

	@Override
	public void start() {
		removeLeftovers();
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread thread = new Thread(r, "litewatch-drill");
			thread.setDaemon(true);
			return thread;
		});
		started.scheduleWithFixedDelay(this::tickQuietly, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
		executor = started;
	}

	private void tickQuietly() {
		try {
			runner.tick();
		}
		catch (RuntimeException ex) {
			log.error("drill schedule failed; it goes on in {}", tick, ex);
		}
	}

	/**
	 * Only the names a drill gives ({@code <db>-<uuid>.sqlite3} and its -wal, -shm,
	 * -litestream): a scratch-dir pointed at a live directory loses nothing else.
	 */
	private static final java.util.regex.Pattern LEFTOVER = java.util.regex.Pattern
		.compile(".+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.sqlite3([-.].*)?");

	private void removeLeftovers() {
		if (!Files.isDirectory(scratch)) {
			return;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(scratch,
				(file) -> LEFTOVER.matcher(file.getFileName().toString()).matches())) {
			for (Path file : files) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			log.warn("could not clear the drill scratch directory {}: {}", scratch, ex.getMessage());
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService current = executor;
		if (current != null) {
			// A restore in progress is a child process: LocalAccessory stops it when
			// interrupted.
			current.shutdownNow();
		}
		executor = null;
	}

	@Override
	public boolean isRunning() {
		return executor != null;
	}

}
