package io.litewatch.alert;

import java.time.Clock;

import io.litewatch.system.StoreHealth;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.litewatch.alert.channel.ChannelRegistry;
import io.litewatch.alert.outbox.OutboxDispatcher;
import io.litewatch.alert.outbox.OutboxRepository;
import io.litewatch.alert.outbox.PendingOutbox;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.system.FixedDelayTask;
import io.litewatch.system.StoreWriter;

/** Wires alerting: state machine after each poll, outbox delivered on a schedule. */
@Configuration(proxyBeanMethods = false)
class AlertConfiguration {

	@Bean
	AlertRepository alertRepository(JdbcClient jdbc) {
		return new AlertRepository(jdbc);
	}

	@Bean
	OutboxRepository outboxRepository(JdbcClient jdbc) {
		return new OutboxRepository(jdbc);
	}

	@Bean
	PendingOutbox pendingOutbox(StoreWriter writer) {
		return new PendingOutbox(writer::wake);
	}

	@Bean
	AlertWrites alertWrites(AlertRepository alerts, OutboxRepository outbox, PendingOutbox pending,
			PlatformTransactionManager transactionManager, StoreWriter writer) {
		return writer.register(
				new AlertWrites(alerts, outbox, pending, new TransactionTemplate(transactionManager), writer::wake));
	}

	@Bean
	AlertService alertService(AlertRepository alerts, AlertWrites writes, PendingOutbox pending,
			ChannelRegistry channels, AlertProperties properties, TestSendLimit.Settings testSends, StoreHealth store,
			Clock clock) {
		return new AlertService(alerts, writes, pending, channels, new AlertStateMachine(properties), store,
				new TestSendLimit(testSends, clock), clock);
	}

	@Bean
	OutboxDispatcher outboxDispatcher(OutboxRepository outbox, PendingOutbox pending, ChannelRegistry channels,
			AlertProperties properties, Clock clock) {
		return new OutboxDispatcher(outbox, pending, channels.all(), properties, clock);
	}

	/**
	 * Resolved alerts and finished deliveries are history too: kept as long as the poll
	 * history ({@code 0} keeps everything); ended silences go at once.
	 */
	@Bean
	AlertPruner alertPruner(AlertRepository alerts, OutboxRepository outbox, Clock clock,
			LitewatchProperties properties) {
		return new AlertPruner(alerts, outbox, clock, properties.history().retention());
	}

	@Bean
	FixedDelayTask alertHistoryPruneTask(AlertPruner pruner, LitewatchProperties properties, TaskScheduler scheduler) {
		return new FixedDelayTask("alert history pruning", pruner::prune, scheduler,
				properties.history().pruneInterval());
	}

	@Bean
	FixedDelayTask outboxDispatchTask(OutboxDispatcher dispatcher, TaskScheduler scheduler,
			AlertProperties properties) {
		return new FixedDelayTask("outbox delivery", dispatcher::dispatch, scheduler, properties.dispatchInterval());
	}

}
