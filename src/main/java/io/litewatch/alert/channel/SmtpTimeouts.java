package io.litewatch.alert.channel;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Bounds every SMTP connection of Spring Boot's {@link JavaMailSenderImpl}: connect, read
 * and write each time out after {@code litewatch.alerts.smtp-timeout} (10s). JavaMail's
 * own default is to wait forever, so a server that accepts the connection and never
 * answers held the email worker (and once the whole dispatcher) indefinitely. A value the
 * user set under {@code spring.mail.properties.*} wins. A sender whose session comes from
 * JNDI keeps that session's settings.
 */
public final class SmtpTimeouts implements BeanPostProcessor {

	/** JavaMail's names for connect, read and write timeouts (milliseconds). */
	static final List<String> KEYS = List.of("connectiontimeout", "timeout", "writetimeout");

	private final ObjectProvider<ChannelProperties> properties;

	public SmtpTimeouts(ObjectProvider<ChannelProperties> properties) {
		this.properties = properties;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof JavaMailSenderImpl sender) {
			ChannelProperties settings = properties.getIfAvailable();
			apply(sender, settings != null ? settings.smtpTimeout() : ChannelProperties.DEFAULT_SMTP_TIMEOUT);
		}
		return bean;
	}

	/**
	 * Sets each timeout the sender's properties lack, for both {@code smtp} and
	 * {@code smtps}. Changes the live properties (not a copy) so that a session set
	 * explicitly is left alone; the sender must not have sent anything yet.
	 */
	static void apply(JavaMailSenderImpl sender, Duration timeout) {
		Properties mail = sender.getJavaMailProperties();
		String millis = Long.toString(timeout.toMillis());
		for (String protocol : List.of("smtp", "smtps")) {
			for (String key : KEYS) {
				mail.putIfAbsent("mail." + protocol + "." + key, millis);
			}
		}
	}

}
