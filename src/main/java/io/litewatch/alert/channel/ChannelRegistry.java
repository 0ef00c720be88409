package io.litewatch.alert.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The configured channels, built once at startup: one {@link WebhookChannel} per
 * {@code litewatch.alerts.webhooks[*]}, one {@link EmailChannel} per
 * {@code litewatch.alerts.emails[*]}, in that order. An email channel without
 * {@code spring.mail.host} stops the boot: silently dropping pages would be worse. The
 * SMTP sender gets its timeouts from {@link SmtpTimeouts}.
 */
@Component
@EnableConfigurationProperties(ChannelProperties.class)
@Import(SmtpTimeouts.class)
public class ChannelRegistry {

	private final ChannelProperties properties;

	private final List<NotificationChannel> channels;

	public ChannelRegistry(ChannelProperties properties, ObjectProvider<JavaMailSender> mailSender) {
		this.properties = properties;
		List<NotificationChannel> channels = new ArrayList<>();
		for (ChannelProperties.Webhook webhook : properties.webhooks()) {
			channels.add(new WebhookChannel(webhook, webhook.newClient()));
		}
		if (!properties.emails().isEmpty()) {
			JavaMailSender sender = mailSender.getIfAvailable();
			if (sender == null) {
				throw new IllegalStateException("Email alert channel '" + properties.emails().get(0).name()
						+ "' needs an SMTP server, but spring.mail.host is not set. Set spring.mail.host (and"
						+ " spring.mail.port, spring.mail.username, spring.mail.password) or remove"
						+ " litewatch.alerts.emails.");
			}
			MailRenderer renderer = new MailRenderer();
			for (ChannelProperties.Email email : properties.emails()) {
				channels.add(new EmailChannel(email, sender, renderer));
			}
		}
		this.channels = List.copyOf(channels);
	}

	public List<NotificationChannel> all() {
		return channels;
	}

	public Optional<NotificationChannel> byName(String name) {
		return channels.stream().filter(c -> c.name().equals(name)).findFirst();
	}

	/**
	 * The dashboard's base URL without trailing slash, or null; for whoever builds
	 * notification links.
	 */
	public String dashboardBaseUrl() {
		return properties.dashboardBaseUrl();
	}

}
