package io.litewatch.audit;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.system.FixedDelayTask;

/** The audit log in the history store, pruned with the history. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	AuditRepository auditRepository(JdbcClient jdbc) {
		return new AuditRepository(jdbc);
	}

	@Bean
	AuditLog auditLog(AuditRepository repository, Clock clock) {
		return new AuditLog(repository, clock);
	}

	@Bean
	AuditPruner auditPruner(AuditRepository repository, AuditProperties properties, Clock clock) {
		return new AuditPruner(repository, properties, clock);
	}

	@Bean
	FixedDelayTask auditPruneTask(AuditPruner pruner, TaskScheduler scheduler, LitewatchProperties properties) {
		return new FixedDelayTask("audit pruning", pruner::prune, scheduler, properties.history().pruneInterval());
	}

}
