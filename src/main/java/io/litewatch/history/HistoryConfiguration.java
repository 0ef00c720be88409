package io.litewatch.history;

import java.time.Clock;

import io.litewatch.system.StoreWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.system.FixedDelayTask;

/** Wires the history: recorded after every poll, pruned on a schedule. */
@Configuration(proxyBeanMethods = false)
public class HistoryConfiguration {

	@Bean
	HistoryRepository historyRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		return new HistoryRepository(jdbc, new TransactionTemplate(transactionManager));
	}

	@Bean
	HistorySeries historySeries(JdbcClient jdbc) {
		return new HistorySeries(jdbc);
	}

	@Bean
	HistoryRecorder historyRecorder(HistoryRepository repository, StoreWriter writer) {
		return writer.register(new HistoryRecorder(repository, writer));
	}

	@Bean
	HistoryPruner historyPruner(HistoryRepository repository, Clock clock, LitewatchProperties properties) {
		return new HistoryPruner(repository, clock, properties.history());
	}

	/**
	 * Prunes once at start (catching up on what expired while Litewatch was down), then
	 * with a fixed delay.
	 */
	@Bean
	FixedDelayTask historyPruneTask(HistoryPruner pruner, TaskScheduler scheduler, LitewatchProperties properties) {
		return new FixedDelayTask("history pruning", pruner::pruneQuietly, scheduler,
				properties.history().pruneInterval());
	}

}
