package io.litewatch.alert.channel;

import io.litewatch.alert.Notification;
import io.litewatch.health.Severity;

/** A place notifications go. Rendering is pure; sending is the only I/O. */
public interface NotificationChannel {

	/** Unique among channels, from the settings (e.g. {@code ops-slack}). */
	String name();

	/** {@code webhook} or {@code email}. */
	String type();

	/**
	 * Notifications whose severity is below this are not sent here (RESOLVED follows its
	 * FIRING).
	 */
	Severity minimumSeverity();

	/**
	 * Where it goes, for the page, with every secret masked (e.g.
	 * {@code https://hooks.slack.com/…}).
	 */
	String target();

	RenderedMessage render(Notification notification);

	void send(RenderedMessage message) throws DeliveryException;

}
