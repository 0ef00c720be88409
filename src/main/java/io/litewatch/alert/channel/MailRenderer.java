package io.litewatch.alert.channel;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import io.litewatch.alert.AlertEvent;
import io.litewatch.alert.AlertItem;
import io.litewatch.alert.Notification;
import io.litewatch.time.GoDuration;

/**
 * Renders the HTML part of notification emails from
 * {@code templates/mail/notification.html}. It has its own engine, not Boot's: Boot's
 * resolves {@code templates/} for the dashboard, and {@code spring.thymeleaf.*} must not
 * change what an email looks like. Templates only read {@link MailView}, which holds
 * ready-made strings, and print them with {@code th:text}, so every value is
 * HTML-escaped.
 */
public final class MailRenderer {

	private final SpringTemplateEngine engine;

	public MailRenderer() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailRenderer.class.getClassLoader());
		resolver.setPrefix("templates/mail/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		resolver.setCheckExistence(true);
		this.engine = new SpringTemplateEngine();
		this.engine.setTemplateResolver(resolver);
	}

	public String html(Notification notification) {
		Context context = new Context(Locale.ROOT);
		context.setVariable("m", MailView.of(notification));
		return engine.process("notification", context);
	}

	/**
	 * What the template sees.
	 *
	 * @param tone css-free word for the colour: critical, warning, resolved or test
	 */
	public record MailView(String id, String summary, String status, String tone, String database, String databasePath,
			String createdAt, String dashboardUrl, boolean resolved, boolean test, List<AlertView> alerts) {

		static MailView of(Notification n) {
			String tone = switch (n.event()) {
				case RESOLVED -> "resolved";
				case TEST -> "test";
				default ->
					NotificationText.lower(n.severity()) == null ? "warning" : NotificationText.lower(n.severity());
			};
			String path = n.databasePath() != null && !n.databasePath().equals(n.database()) ? n.databasePath() : null;
			// Only http(s) links: anything else in an href could be a javascript: URL.
			String link = n.dashboardUrl() != null && ChannelProperties.isHttpUrl(n.dashboardUrl()) ? n.dashboardUrl()
					: null;
			List<AlertView> alerts = n.alerts().stream().map(a -> AlertView.of(a, n)).toList();
			return new MailView(n.id(), NotificationText.summary(n), NotificationText.status(n), tone,
					NotificationText.database(n), path, NotificationText.time(n.createdAt()), link,
					n.event() == AlertEvent.RESOLVED, n.event() == AlertEvent.TEST, alerts);
		}

	}

	/**
	 * One row of the alert table; empty strings rather than nulls so the template stays
	 * simple.
	 */
	public record AlertView(String code, String severity, String replica, String message, String lag, String since,
			String resolvedAt, String duration) {

		static AlertView of(AlertItem a, Notification n) {
			Duration d = NotificationText.itemDuration(a, n.createdAt());
			// Whole seconds unless below one: S3 timestamps have no finer resolution
			// anyway.
			String lag = a.lagSeconds() == null ? ""
					: GoDuration
						.format(Math.abs(a.lagSeconds()) < 1 ? Duration.ofMillis(Math.round(a.lagSeconds() * 1000))
								: Duration.ofSeconds(Math.round(a.lagSeconds())));
			return new AlertView(String.valueOf(a.code()), a.severity() == null ? "" : a.severity().name(),
					a.replica() == null ? "" : a.replica(), a.message() == null ? "" : a.message(), lag,
					NotificationText.time(a.since()), NotificationText.time(a.resolvedAt()),
					d == null ? "" : NotificationText.duration(d));
		}

	}

}
