package io.litewatch.alert;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.litewatch.alert.channel.ChannelRegistry;
import io.litewatch.alert.outbox.OutboxRepository;
import io.litewatch.alert.outbox.PendingOutbox;
import io.litewatch.system.StoreHealth;
import io.litewatch.system.StoreWriter;

/**
 * The alert service as the application wires it, with one difference: what it decides is
 * written to the store at once, on the calling thread, so a test reads the store right
 * after a call.
 */
public record AlertStack(AlertService service, PendingOutbox pending, StoreWriter writer, StoreHealth health) {

	public static AlertStack writingAtOnce(AlertRepository alerts, OutboxRepository outbox, ChannelRegistry channels,
			AlertProperties policy, DataSource dataSource, TestSendLimit.Settings testSends, Clock clock) {
		StoreHealth health = new StoreHealth(clock);
		StoreWriter writer = new StoreWriter(health, clock);
		PendingOutbox pending = new PendingOutbox(writer::flush);
		AlertWrites writes = writer.register(new AlertWrites(alerts, outbox, pending,
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), writer::flush));
		AlertService service = new AlertService(alerts, writes, pending, channels, new AlertStateMachine(policy),
				health, new TestSendLimit(testSends, clock), clock);
		return new AlertStack(service, pending, writer, health);
	}

}
