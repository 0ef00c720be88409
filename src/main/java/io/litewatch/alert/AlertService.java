package io.litewatch.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionOperations;

import io.litewatch.alert.channel.ChannelRegistry;
import io.litewatch.alert.channel.NotificationChannel;
import io.litewatch.alert.outbox.OutboxMessage;
import io.litewatch.alert.outbox.OutboxRepository;
import io.litewatch.health.Severity;
import io.litewatch.poll.PollCompletedEvent;
import io.litewatch.poll.PollResult;
import io.litewatch.system.StoreHealth;

/**
 * After every poll: runs the state machine over the poll's findings and, in one
 * transaction, stores the new states and queues one rendered outbox row per notification
 * and channel. Delivery happens later
 * ({@link io.litewatch.alert.outbox.OutboxDispatcher}), so a channel that is down never
 * loses the decision, and a restart neither repeats nor forgets it.
 */
public class AlertService {

	private static final Logger log = LoggerFactory.getLogger(AlertService.class);

	private static final String STORE_WRITER = "alert state";

	private final AlertRepository alerts;

	private final OutboxRepository outbox;

	private final ChannelRegistry channels;

	private final AlertStateMachine machine;

	private final TransactionOperations transactions;

	private final StoreHealth store;

	private final TestSendLimit testLimit;

	private final Clock clock;

	public AlertService(AlertRepository alerts, OutboxRepository outbox, ChannelRegistry channels,
			AlertStateMachine machine, TransactionOperations transactions, StoreHealth store, TestSendLimit testLimit,
			Clock clock) {
		this.testLimit = testLimit;
		this.store = store;
		this.alerts = alerts;
		this.outbox = outbox;
		this.channels = channels;
		this.machine = machine;
		this.transactions = transactions;
		this.clock = clock;
	}

	@EventListener
	public void onPollCompleted(PollCompletedEvent event) {
		try {
			process(event.result());
			store.succeeded(STORE_WRITER);
		}
		catch (RuntimeException ex) {
			store.failed(STORE_WRITER, ex);
			// The next poll tries again from the stored state; nothing was half-written.
			log.error("alert evaluation of poll {} failed: {}", event.result().sequence(), ex.toString());
		}
	}

	public synchronized List<Notification> process(PollResult poll) {
		List<ObservedFinding> findings = AlertFindings.of(poll);
		Instant now = poll.checkedAt();
		return transactions.execute((status) -> {
			List<Silence> silences = alerts.activeSilences(now);
			AlertStateMachine.Step step = machine.step(alerts.states(), findings,
					(f) -> silences.stream().anyMatch((s) -> s.covers(f.database(), f.code(), now)),
					AlertFindings.frozen(poll), now);
			alerts.replaceStates(step.states());
			for (AlertState resolved : step.resolved()) {
				alerts.recordResolved(resolved, now);
			}
			List<Notification> notifications = group(step.transitions(), now);
			for (Notification notification : notifications) {
				for (NotificationChannel channel : channels.all()) {
					if (notification.severity().compareTo(channel.minimumSeverity()) >= 0) {
						enqueue(notification, channel, now);
					}
				}
				log.info("{} {} for {}: {}", notification.event(), notification.severity(), notification.database(),
						notification.alerts().stream().map((a) -> a.code().name()).toList());
			}
			return notifications;
		});
	}

	/**
	 * Queues a TEST notification for one channel, whatever its minimum severity, unless
	 * the channel had one too recently ({@link TestSendLimit}).
	 */
	public TestSend sendTest(String channelName) {
		Optional<NotificationChannel> found = channels.byName(channelName);
		if (found.isEmpty()) {
			return new TestSend(TestSend.Outcome.UNKNOWN_CHANNEL, null);
		}
		Optional<TestSendLimit.Refusal> refusal = testLimit.take(channelName);
		if (refusal.isPresent()) {
			log.info("test notification for channel {} refused: {}", channelName, refusal.get().reason());
			return new TestSend(TestSend.Outcome.REFUSED, refusal.get());
		}
		Instant now = clock.instant();
		Notification test = new Notification(UUID.randomUUID().toString(), AlertEvent.TEST,
				ObservedFinding.INSTALLATION, "", Severity.WARNING, List.of(), now, dashboardUrl());
		transactions.executeWithoutResult((status) -> enqueue(test, found.get(), now));
		log.info("test notification queued for channel {}", channelName);
		return new TestSend(TestSend.Outcome.QUEUED, null);
	}

	/**
	 * What became of a test notification.
	 *
	 * @param refusal why it was not queued, when {@code outcome} is {@code REFUSED}
	 */
	public record TestSend(Outcome outcome, TestSendLimit.Refusal refusal) {

		public enum Outcome {

			QUEUED, UNKNOWN_CHANNEL, REFUSED

		}

	}

	private void enqueue(Notification notification, NotificationChannel channel, Instant now) {
		outbox.enqueue(new OutboxMessage(UUID.randomUUID().toString(), notification.id(), channel.name(),
				notification.event(), notification.database(), notification.severity(), channel.render(notification),
				OutboxMessage.Status.PENDING, 0, now, now, null, null, null));
	}

	/**
	 * One notification per database and event: what fired together in a poll is sent
	 * together.
	 */
	private List<Notification> group(List<AlertStateMachine.Transition> transitions, Instant now) {
		Map<String, List<AlertStateMachine.Transition>> groups = new LinkedHashMap<>();
		for (AlertStateMachine.Transition t : transitions) {
			groups.computeIfAbsent(t.state().database() + "\n" + t.event(), (k) -> new ArrayList<>()).add(t);
		}
		List<Notification> notifications = new ArrayList<>();
		for (List<AlertStateMachine.Transition> group : groups.values()) {
			AlertStateMachine.Transition first = group.get(0);
			Severity severity = Severity.WARNING;
			List<AlertItem> items = new ArrayList<>();
			for (AlertStateMachine.Transition t : group) {
				severity = t.state().severity().compareTo(severity) > 0 ? t.state().severity() : severity;
				items.add(t.state().item(t.event() == AlertEvent.RESOLVED ? now : null));
			}
			String database = first.state().database();
			notifications.add(new Notification(UUID.randomUUID().toString(), first.event(), database,
					first.state().databasePath(), severity, items, now, dashboardUrl()));
		}
		return notifications;
	}

	private String dashboardUrl() {
		String base = channels.dashboardBaseUrl();
		if (base == null || base.isBlank()) {
			return null;
		}
		return base + "/";
	}

}
