package io.litewatch.system;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs a task with a fixed delay from the moment the application is ready until it stops.
 * A TaskScheduler rather than {@code @Scheduled} so the delay is the bound, validated
 * property and its default is written once. An exception never stops the schedule.
 */
public class FixedDelayTask implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FixedDelayTask.class);

	private final String name;

	private final Runnable task;

	private final TaskScheduler scheduler;

	private final Duration delay;

	private volatile ScheduledFuture<?> future;

	public FixedDelayTask(String name, Runnable task, TaskScheduler scheduler, Duration delay) {
		this.name = name;
		this.task = task;
		this.scheduler = scheduler;
		this.delay = delay;
	}

	@Override
	public void start() {
		this.future = scheduler.scheduleWithFixedDelay(this::runQuietly, delay);
	}

	private void runQuietly() {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			log.error("{} failed; it runs again in {}", name, delay, ex);
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> current = future;
		if (current != null) {
			current.cancel(false);
		}
		future = null;
	}

	@Override
	public boolean isRunning() {
		return future != null;
	}

}
