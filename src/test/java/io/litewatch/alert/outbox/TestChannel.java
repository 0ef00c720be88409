package io.litewatch.alert.outbox;

import java.util.ArrayList;
import java.util.List;

import io.litewatch.alert.Notification;
import io.litewatch.alert.channel.DeliveryException;
import io.litewatch.alert.channel.NotificationChannel;
import io.litewatch.alert.channel.RenderedMessage;
import io.litewatch.health.Severity;

/**
 * A channel whose sending the test decides; it records every message handed to it, in
 * order. The outbox around it is real.
 */
final class TestChannel implements NotificationChannel {

	interface Sender {

		void send(RenderedMessage message) throws DeliveryException;

	}

	private final String name;

	private final Sender sender;

	private final List<RenderedMessage> attempts = new ArrayList<>();

	TestChannel(String name, Sender sender) {
		this.name = name;
		this.sender = sender;
	}

	static TestChannel accepting(String name) {
		return new TestChannel(name, (m) -> {
		});
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public String type() {
		return "test";
	}

	@Override
	public Severity minimumSeverity() {
		return Severity.WARNING;
	}

	@Override
	public String target() {
		return "test:" + name;
	}

	@Override
	public RenderedMessage render(Notification notification) {
		return new RenderedMessage(notification.id(), notification.event().name(), "{}", null);
	}

	@Override
	public void send(RenderedMessage message) throws DeliveryException {
		synchronized (attempts) {
			attempts.add(message);
		}
		sender.send(message);
	}

	/** Every message send was called with, in order. */
	List<RenderedMessage> attempts() {
		synchronized (attempts) {
			return List.copyOf(attempts);
		}
	}

}
