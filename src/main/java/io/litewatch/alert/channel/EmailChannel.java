package io.litewatch.alert.channel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import io.litewatch.alert.Notification;
import io.litewatch.health.Severity;

/**
 * Sends notifications as multipart/alternative email (plain text first, HTML preferred)
 * through Spring Boot's {@link JavaMailSender}, i.e. the SMTP server of
 * {@code spring.mail.*}.
 */
public final class EmailChannel implements NotificationChannel {

	private static final int MAX_RECIPIENTS_TEXT = 200;

	private final ChannelProperties.Email settings;

	private final JavaMailSender mailSender;

	private final MailRenderer renderer;

	private final String target;

	private final List<String> secrets;

	private final String server;

	public EmailChannel(ChannelProperties.Email settings, JavaMailSender mailSender, MailRenderer renderer) {
		this.settings = settings;
		this.mailSender = mailSender;
		this.renderer = renderer;
		this.target = "smtp to " + String.join(", ", settings.to());
		List<String> secrets = new ArrayList<>();
		String server = "the SMTP server";
		// The channel never needs the password, but knows it to scrub it from JavaMail's
		// error texts.
		if (mailSender instanceof JavaMailSenderImpl impl) {
			secrets.add(impl.getPassword());
			server = impl.getHost() + (impl.getPort() > 0 ? ":" + impl.getPort() : "");
		}
		this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
		this.server = server;
	}

	@Override
	public String name() {
		return settings.name();
	}

	@Override
	public String type() {
		return "email";
	}

	@Override
	public Severity minimumSeverity() {
		return settings.minSeverity();
	}

	@Override
	public String target() {
		return target;
	}

	/**
	 * Subject = prefix + summary, e.g.
	 * {@code [Litewatch] RESOLVED production: ACCESSORY_DOWN after 3m12s}.
	 */
	@Override
	public RenderedMessage render(Notification notification) {
		String summary = NotificationText.summary(notification);
		String subject = settings.subjectPrefix().isEmpty() ? summary : settings.subjectPrefix() + " " + summary;
		String text = NotificationText.plainText(notification) + "\n\n-- \nLitewatch notification "
				+ Redaction.oneLine(notification.id(), 200);
		return new RenderedMessage(notification.id(), subject, renderer.html(notification), text);
	}

	@Override
	public void send(RenderedMessage message) throws DeliveryException {
		try {
			MimeMessage mime = mailSender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
			helper.setFrom(settings.from());
			helper.setTo(settings.to().toArray(String[]::new));
			helper.setSubject(message.subject());
			helper.setSentDate(new Date());
			if (message.notificationId() != null) {
				mime.setHeader(WebhookChannel.ID_HEADER, message.notificationId());
			}
			// Built by hand: MimeMessageHelper's multipart modes wrap the alternative in
			// mixed/related,
			// which we do not need without attachments or inline images.
			MimeMultipart alternative = new MimeMultipart("alternative");
			MimeBodyPart plain = new MimeBodyPart();
			plain.setText(message.text() == null ? "" : message.text(), StandardCharsets.UTF_8.name(), "plain");
			MimeBodyPart html = new MimeBodyPart();
			html.setText(message.body(), StandardCharsets.UTF_8.name(), "html");
			alternative.addBodyPart(plain);
			alternative.addBodyPart(html);
			mime.setContent(alternative);
			mailSender.send(mime);
		}
		catch (MailException | MessagingException ex) {
			// A long recipient list is cut so that the cause, which matters more, still
			// fits.
			String text = "SMTP delivery via " + server + " to "
					+ Redaction.oneLine(String.join(", ", settings.to()), MAX_RECIPIENTS_TEXT) + " failed: "
					+ Redaction.describe(ex, secrets);
			throw Redaction.leaks(ex, secrets) ? new DeliveryException(text) : new DeliveryException(text, ex);
		}
	}

	@Override
	public String toString() {
		return "email " + name() + " -> " + target;
	}

}
