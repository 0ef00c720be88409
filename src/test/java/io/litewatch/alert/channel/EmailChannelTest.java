package io.litewatch.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import io.litewatch.alert.channel.ChannelProperties.Email;
import io.litewatch.health.Severity;

class EmailChannelTest {

	private static final String PASSWORD = "mail-pa55word-xyz";

	// A port of its own: the fixed 3025 collides when two builds run on one machine.
	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("litewatch", PASSWORD));

	private final MailRenderer renderer = new MailRenderer();

	private static JavaMailSenderImpl sender(int port, String password) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		sender.setUsername("litewatch");
		sender.setPassword(password);
		Properties props = new Properties();
		props.setProperty("mail.smtp.auth", "true");
		props.setProperty("mail.smtp.connectiontimeout", "2000");
		props.setProperty("mail.smtp.timeout", "2000");
		sender.setJavaMailProperties(props);
		return sender;
	}

	private static int smtpPort() {
		return greenMail.getSmtp().getPort();
	}

	private EmailChannel channel(JavaMailSenderImpl sender) {
		Email settings = new Email("ops-mail", List.of("a@example.com", "b@example.org"), "litewatch@example.net", null,
				Severity.CRITICAL);
		return new EmailChannel(settings, sender, renderer);
	}

	@Test
	void subjectsSayWhatIsWrongAndWhere() {
		EmailChannel channel = channel(sender(smtpPort(), PASSWORD));
		assertThat(channel.render(Fixtures.firing()).subject())
			.isEqualTo("[Litewatch] CRITICAL production: ACCESSORY_DOWN, REPLICA_STALE");
		assertThat(channel.render(Fixtures.resolved()).subject())
			.isEqualTo("[Litewatch] RESOLVED production: ACCESSORY_DOWN after 3m12s");
		assertThat(channel.render(Fixtures.reminder()).subject())
			.isEqualTo("[Litewatch] STILL WARNING production: REPLICA_STALE for 1h0m0s");
		Email bare = new Email("bare", List.of("a@example.com"), null, "", null);
		assertThat(new EmailChannel(bare, new JavaMailSenderImpl(), renderer).render(Fixtures.test()).subject())
			.isEqualTo("TEST production: test notification");
	}

	@Test
	void describesItself() {
		EmailChannel channel = channel(sender(smtpPort(), PASSWORD));
		assertThat(channel.name()).isEqualTo("ops-mail");
		assertThat(channel.type()).isEqualTo("email");
		assertThat(channel.minimumSeverity()).isEqualTo(Severity.CRITICAL);
		assertThat(channel.target()).isEqualTo("smtp to a@example.com, b@example.org");
	}

	@Test
	void rendersEscapedHtmlAndPlainText() {
		RenderedMessage message = channel(sender(smtpPort(), PASSWORD)).render(Fixtures.hostile());
		assertThat(message.body()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;!channel&gt;")
			.contains("prod&lt;b&gt;")
			.doesNotContain("<script>")
			.doesNotContain("<b>")
			.contains("href=\"https://litewatch.example.com/\"");
		assertThat(message.text()).startsWith("CRITICAL prod<b>: EXEC_FAILED\n")
			.contains("- CRITICAL EXEC_FAILED on replica s3: <script>alert('x')</script> & <!channel> (for 10s)")
			.endsWith("Litewatch notification n-0005");
		RenderedMessage resolved = channel(sender(smtpPort(), PASSWORD)).render(Fixtures.resolved());
		assertThat(resolved.body()).contains("RESOLVED production: ACCESSORY_DOWN after 3m12s")
			.contains("Lasted")
			.contains("3m12s")
			.contains("/data/production.db")
			.doesNotContain("Open the Litewatch dashboard");
		assertThat(channel(sender(smtpPort(), PASSWORD)).render(Fixtures.firing()).body()).contains("Lag: 5m1s")
			.contains("href=\"https://litewatch.example.com/#production\"");
	}

	@Test
	void sendsMultipartAlternativeToEveryRecipient() throws Exception {
		EmailChannel channel = channel(sender(smtpPort(), PASSWORD));
		RenderedMessage rendered = channel.render(Fixtures.hostile());
		channel.send(rendered);
		MimeMessage[] received = greenMail.getReceivedMessages();
		// GreenMail stores one copy per recipient mailbox.
		assertThat(received).hasSize(2);
		MimeMessage mail = received[0];
		assertThat(mail.getSubject()).isEqualTo("[Litewatch] CRITICAL prod<b>: EXEC_FAILED");
		assertThat(mail.getHeader("X-Litewatch-Notification-Id")).containsExactly(rendered.notificationId());
		assertThat(Arrays.stream(mail.getFrom()).map(Address::toString)).containsExactly("litewatch@example.net");
		assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Address::toString))
			.containsExactly("a@example.com", "b@example.org");
		assertThat(Arrays.stream(received).flatMap(m -> recipients(m).stream())).contains("a@example.com",
				"b@example.org");
		assertThat(mail.getContentType()).startsWith("multipart/alternative");
		MimeMultipart parts = (MimeMultipart) mail.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").contains("UTF-8");
		assertThat(parts.getBodyPart(0).getContent().toString().replace("\r\n", "\n")).isEqualTo(rendered.text());
		assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
		String html = parts.getBodyPart(1).getContent().toString();
		assertThat(html).contains("&lt;script&gt;").doesNotContain("<script>");
	}

	private static List<String> recipients(MimeMessage message) {
		try {
			return Arrays.stream(message.getAllRecipients()).map(Address::toString).toList();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void smtpDownFailsWithoutThePassword() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		EmailChannel channel = channel(sender(port, PASSWORD));
		assertThatThrownBy(() -> channel.send(channel.render(Fixtures.firing()))).isInstanceOf(DeliveryException.class)
			.hasMessageStartingWith("SMTP delivery via 127.0.0.1:" + port + " to a@example.com, b@example.org failed: ")
			.hasMessageContaining("Connection refused")
			.satisfies(EmailChannelTest::assertNoPassword);
	}

	@Test
	void aLongRecipientListIsCutSoTheCauseStillShows() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> many = java.util.stream.IntStream.range(0, 200)
			.mapToObj((i) -> "ops" + i + "@example.com")
			.toList();
		EmailChannel channel = new EmailChannel(new Email("many", many, null, null, null), sender(port, PASSWORD),
				renderer);
		assertThatThrownBy(() -> channel.send(channel.render(Fixtures.firing()))).isInstanceOf(DeliveryException.class)
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(Redaction.MAX_ERROR_TEXT)
				.startsWith("SMTP delivery via 127.0.0.1:" + port + " to ops0@example.com, ")
				.contains("… failed: ")
				.endsWith("Connection refused"));
	}

	@Test
	void rejectedLoginFailsWithoutThePassword() {
		EmailChannel channel = channel(sender(smtpPort(), PASSWORD + "-wrong"));
		assertThatThrownBy(() -> channel.send(channel.render(Fixtures.firing()))).isInstanceOf(DeliveryException.class)
			.hasMessageContaining("535")
			.satisfies(EmailChannelTest::assertNoPassword);
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	private static void assertNoPassword(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
		}
	}

}
