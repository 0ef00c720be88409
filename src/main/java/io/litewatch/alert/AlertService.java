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

import io.litewatch.alert.channel.ChannelRegistry;
import io.litewatch.alert.channel.NotificationChannel;
import io.litewatch.alert.outbox.OutboxMessage;
import io.litewatch.alert.outbox.PendingOutbox;
import io.litewatch.health.Severity;
import io.litewatch.poll.PollCompletedEvent;
import io.litewatch.poll.PollResult;
import io.litewatch.system.StoreHealth;

/**
 * After every poll: runs the state machine over the poll's findings, from the states it
 * keeps in memory, and hands the new states and one rendered outbox message per
 * notification and channel to {@link AlertWrites}. Nothing here waits on the store: the
 * store writer writes the decision in one transaction, and the dispatcher
 * ({@link io.litewatch.alert.outbox.OutboxDispatcher}) delivers it from memory until the
 * store holds it. So a channel that is down never loses the decision, a restart neither
 * repeats nor forgets it, and a store that refuses writes delays neither the poll nor the
 * notification.
 */
public class AlertService {

	private static final Logger log = LoggerFactory.getLogger(AlertService.class);

	private final AlertRepository alerts;

	private final AlertWrites writes;

	private final PendingOutbox pending;

	private final ChannelRegistry channels;

	private final AlertStateMachine machine;

	private final StoreHealth store;

	private final TestSendLimit testLimit;

	private final Clock clock;

	/** The machine's memory: read from the store once, then kept here. */
	private Map<String, AlertState> states;

	/** Only Litewatch changes silences, through this class: read once, then kept. */
	private volatile List<Silence> silences;

	/** Orders the silence changes (never the poll's monitor: they write to the store). */
	private final Object silenceLock = new Object();

	public AlertService(AlertRepository alerts, AlertWrites writes, PendingOutbox pending, ChannelRegistry channels,
			AlertStateMachine machine, StoreHealth store, TestSendLimit testLimit, Clock clock) {
		this.alerts = alerts;
		this.writes = writes;
		this.pending = pending;
		this.channels = channels;
		this.machine = machine;
		this.store = store;
		this.testLimit = testLimit;
		this.clock = clock;
	}

	@EventListener
	public void onPollCompleted(PollCompletedEvent event) {
		try {
			process(event.result());
		}
		catch (RuntimeException ex) {
			log.error("alert evaluation of poll {} failed: {}", event.result().sequence(), ex.toString());
		}
	}

	/**
	 * One step of the machine. Before the first step the states are read from the store;
	 * while that read fails, no step is taken (the next poll tries again), as alerts
	 * judged without their history would announce again what was announced before.
	 */
	public synchronized List<Notification> process(PollResult poll) {
		Instant now = poll.checkedAt();
		if (!loaded()) {
			return List.of();
		}
		List<ObservedFinding> findings = AlertFindings.of(poll);
		List<Silence> active = silences;
		AlertStateMachine.Step step = machine.step(states, findings,
				(f) -> active.stream().anyMatch((s) -> s.covers(f.database(), f.code(), now)),
				AlertFindings.frozen(poll), now);
		List<Notification> notifications = group(step.transitions(), now);
		List<OutboxMessage> messages = new ArrayList<>();
		for (Notification notification : notifications) {
			for (NotificationChannel channel : channels.all()) {
				if (notification.severity().compareTo(channel.minimumSeverity()) >= 0) {
					messages.add(message(notification, channel, now));
				}
			}
			log.info("{} {} for {}: {}", notification.event(), notification.severity(), notification.database(),
					notification.alerts().stream().map((a) -> a.code().name()).toList());
		}
		// Only once every message is rendered: a step that fails part-way is taken again
		// by the next poll. The messages before the states, which say they were
		// announced.
		states = step.states();
		pending.add(messages);
		writes.stepped(step.states(), step.resolved(), now);
		return notifications;
	}

	private boolean loaded() {
		if (states != null) {
			return true;
		}
		try {
			Map<String, AlertState> stored = alerts.states();
			synchronized (silenceLock) {
				silences = alerts.activeSilences(clock.instant());
			}
			states = stored;
			return true;
		}
		catch (RuntimeException ex) {
			// Under the writer's name: its next write clears it.
			store.failed(writes.what(), ex);
			log.warn("alert states could not be read; alerts are judged once they can: {}", ex.toString());
			return false;
		}
	}

	/** The states as the machine holds them now, which the store may not yet. */
	public Map<String, AlertState> states() {
		synchronized (this) {
			if (states != null) {
				return Map.copyOf(states);
			}
		}
		// Not under the lock: a page must not hold the poll's first step on the store.
		return alerts.states();
	}

	/** Stores a silence; the next poll judges by it. */
	public void addSilence(Silence silence) {
		synchronized (silenceLock) {
			alerts.addSilence(silence);
			Instant now = clock.instant();
			List<Silence> next = new ArrayList<>(silences != null ? silences : List.of());
			// Ended ones go: the list stays as short as the active silences.
			next.removeIf((s) -> !s.endsAt().isAfter(now));
			next.add(silence);
			silences = List.copyOf(next);
		}
	}

	/** Ends a silence now; returns false when there was no such active silence. */
	public boolean expireSilence(String id, Instant now) {
		synchronized (silenceLock) {
			boolean ended = alerts.expireSilence(id, now);
			if (ended && silences != null) {
				silences = silences.stream().filter((s) -> !s.id().equals(id)).toList();
			}
			return ended;
		}
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
		pending.add(List.of(message(test, found.get(), now)));
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

	private static OutboxMessage message(Notification notification, NotificationChannel channel, Instant now) {
		return new OutboxMessage(UUID.randomUUID().toString(), notification.id(), channel.name(), notification.event(),
				notification.database(), notification.severity(), channel.render(notification),
				OutboxMessage.Status.PENDING, 0, now, now, null, null, null);
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
