package io.litewatch.system;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

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

	private final ThreadPoolTaskScheduler own;

	private volatile ScheduledFuture<?> future;

	public FixedDelayTask(String name, Runnable task, TaskScheduler scheduler, Duration delay) {
		this(name, task, scheduler, delay, null);
	}

	private FixedDelayTask(String name, Runnable task, TaskScheduler scheduler, Duration delay,
			ThreadPoolTaskScheduler own) {
		this.name = name;
		this.task = task;
		this.scheduler = scheduler;
		this.delay = delay;
		this.own = own;
	}

	/**
	 * A task on a thread of its own: one that must run at its interval whatever the
	 * shared scheduler's threads wait for (the poll, while a locked store holds the
	 * pruners).
	 */
	public static FixedDelayTask onOwnThread(String name, Runnable task, Duration delay) {
		ThreadPoolTaskScheduler own = new ThreadPoolTaskScheduler();
		own.setPoolSize(1);
		own.setThreadNamePrefix(name + "-");
		own.setDaemon(true);
		// A stop lets the run under way finish (a poll hands its result to the store
		// writer, which stops after it) rather than interrupting it.
		own.setWaitForTasksToCompleteOnShutdown(true);
		own.setAwaitTerminationSeconds(30);
		own.initialize();
		return new FixedDelayTask(name, task, own, delay, own);
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
		if (own != null) {
			own.shutdown();
		}
	}

	@Override
	public boolean isRunning() {
		return future != null;
	}

}
