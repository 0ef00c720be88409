package io.litewatch.history;

import java.time.Clock;
import java.util.concurrent.ScheduledFuture;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.litewatch.config.LitewatchProperties;

/** Wires the history: recorded after every poll, pruned on a schedule. */
@Configuration(proxyBeanMethods = false)
public class HistoryConfiguration {

	@Bean
	HistoryRepository historyRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		return new HistoryRepository(jdbc, new TransactionTemplate(transactionManager));
	}

	@Bean
	HistoryRecorder historyRecorder(HistoryRepository repository, Clock clock) {
		return new HistoryRecorder(repository, clock);
	}

	@Bean
	HistoryPruner historyPruner(HistoryRepository repository, Clock clock, LitewatchProperties properties) {
		return new HistoryPruner(repository, clock, properties.history());
	}

	@Bean
	PruneScheduler historyPruneScheduler(HistoryPruner pruner, TaskScheduler scheduler,
			LitewatchProperties properties) {
		return new PruneScheduler(pruner, scheduler, properties);
	}

	/**
	 * Prunes once at start (catching up on whatever expired while Litewatch was down), then with a
	 * fixed delay. A TaskScheduler rather than {@code @Scheduled} so the interval is the bound,
	 * validated {@code litewatch.history.prune-interval} and its default is written once.
	 */
	static class PruneScheduler implements SmartLifecycle {

		private final HistoryPruner pruner;

		private final TaskScheduler scheduler;

		private final LitewatchProperties properties;

		private volatile ScheduledFuture<?> task;

		PruneScheduler(HistoryPruner pruner, TaskScheduler scheduler, LitewatchProperties properties) {
			this.pruner = pruner;
			this.scheduler = scheduler;
			this.properties = properties;
		}

		@Override
		public void start() {
			this.task = scheduler.scheduleWithFixedDelay(pruner::pruneQuietly, properties.history().pruneInterval());
		}

		@Override
		public void stop() {
			ScheduledFuture<?> current = task;
			if (current != null) {
				current.cancel(true);
			}
			task = null;
		}

		@Override
		public boolean isRunning() {
			return task != null;
		}

	}

}
