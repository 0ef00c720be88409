package io.litewatch.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import io.litewatch.alert.channel.ChannelProperties.Format;
import io.litewatch.health.Severity;

class ChannelRegistryTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
		.withUserConfiguration(ChannelRegistry.class);

	@Test
	void noChannelsByDefault() {
		runner.run(context -> {
			assertThat(context).hasNotFailed();
			ChannelRegistry registry = context.getBean(ChannelRegistry.class);
			assertThat(registry.all()).isEmpty();
			assertThat(registry.dashboardBaseUrl()).isNull();
		});
	}

	@Test
	void eachEntryYieldsExactlyOneChannel() {
		runner
			.withPropertyValues("litewatch.alerts.base-url=https://litewatch.example.com/",
					"litewatch.alerts.repeat-interval=4h", // belongs to the alert
															// engine's record: ignored
															// here
					"litewatch.alerts.webhooks[0].name=ops-slack",
					"litewatch.alerts.webhooks[0].url=https://hooks.slack.com/services/T0/B0/SECRETSECRET",
					"litewatch.alerts.webhooks[0].format=slack", "litewatch.alerts.webhooks[0].min-severity=critical",
					"litewatch.alerts.webhooks[1].name=pager",
					"litewatch.alerts.webhooks[1].url=https://hooks.example.com/in",
					"litewatch.alerts.webhooks[1].headers.Authorization=Bearer tok",
					"litewatch.alerts.webhooks[1].headers.X-Team=db", "litewatch.alerts.webhooks[1].timeout=3s",
					"spring.mail.host=smtp.example.com", "litewatch.alerts.emails[0].name=ops-mail",
					"litewatch.alerts.emails[0].to=a@example.com,b@example.org")
			.run(context -> {
				assertThat(context).hasNotFailed();
				ChannelRegistry registry = context.getBean(ChannelRegistry.class);
				assertThat(registry.all()).extracting(NotificationChannel::name)
					.containsExactly("ops-slack", "pager", "ops-mail");
				assertThat(registry.all()).extracting(NotificationChannel::type)
					.containsExactly("webhook", "webhook", "email");
				assertThat(registry.all()).extracting(NotificationChannel::target)
					.containsExactly("https://hooks.slack.com/services/…", "https://hooks.example.com/…",
							"smtp to a@example.com, b@example.org");
				assertThat(registry.all()).extracting(NotificationChannel::minimumSeverity)
					.containsExactly(Severity.CRITICAL, Severity.WARNING, Severity.WARNING);
				assertThat(registry.byName("pager")).containsSame(registry.all().get(1));
				assertThat(registry.byName("nope")).isEmpty();
				assertThat(registry.dashboardBaseUrl()).isEqualTo("https://litewatch.example.com");

				ChannelProperties properties = context.getBean(ChannelProperties.class);
				ChannelProperties.Webhook slack = properties.webhooks().get(0);
				assertThat(slack.format()).isEqualTo(Format.SLACK);
				assertThat(slack.timeout()).isEqualTo(Duration.ofSeconds(10));
				ChannelProperties.Webhook pager = properties.webhooks().get(1);
				assertThat(pager.format()).isEqualTo(Format.JSON);
				assertThat(pager.timeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(pager.headers())
					.containsExactlyInAnyOrderEntriesOf(Map.of("Authorization", "Bearer tok", "X-Team", "db"));
				ChannelProperties.Email mail = properties.emails().get(0);
				assertThat(mail.from()).isEqualTo("litewatch@localhost");
				assertThat(mail.subjectPrefix()).isEqualTo("[Litewatch]");
				assertThat(mail.minSeverity()).isEqualTo(Severity.WARNING);
			});
	}

	@Test
	void theSmtpSenderGetsConnectReadAndWriteTimeoutsByDefault() {
		runner.withPropertyValues("spring.mail.host=smtp.example.com").run(context -> {
			Properties mail = context.getBean(JavaMailSenderImpl.class).getJavaMailProperties();
			for (String protocol : List.of("smtp", "smtps")) {
				for (String key : List.of("connectiontimeout", "timeout", "writetimeout")) {
					assertThat(mail.getProperty("mail." + protocol + "." + key)).as(protocol + "." + key)
						.isEqualTo("10000");
				}
			}
		});
	}

	@Test
	void theSmtpTimeoutIsConfigurableAndTheUsersOwnSettingsWin() {
		runner
			.withPropertyValues("spring.mail.host=smtp.example.com", "litewatch.alerts.smtp-timeout=3s",
					"spring.mail.properties.mail.smtp.timeout=60000",
					"spring.mail.properties.mail.smtps.connectiontimeout=1500")
			.run(context -> {
				Properties mail = context.getBean(JavaMailSenderImpl.class).getJavaMailProperties();
				assertThat(mail.getProperty("mail.smtp.timeout")).isEqualTo("60000");
				assertThat(mail.getProperty("mail.smtp.connectiontimeout")).isEqualTo("3000");
				assertThat(mail.getProperty("mail.smtp.writetimeout")).isEqualTo("3000");
				assertThat(mail.getProperty("mail.smtps.connectiontimeout")).isEqualTo("1500");
				assertThat(mail.getProperty("mail.smtps.timeout")).isEqualTo("3000");
			});
		runner.withPropertyValues("spring.mail.host=smtp.example.com", "litewatch.alerts.smtp-timeout=0s")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("litewatch.alerts.smtp-timeout must be between 1ms and 24d"));
	}

	@Test
	void duplicateNamesFailStartup() {
		runner
			.withPropertyValues("litewatch.alerts.webhooks[0].name=ops",
					"litewatch.alerts.webhooks[0].url=https://hooks.example.com/a", "spring.mail.host=smtp.example.com",
					"litewatch.alerts.emails[0].name=OPS", "litewatch.alerts.emails[0].to=a@example.com")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("Duplicate alert channel name 'OPS': litewatch.alerts.webhooks[0] and "
						+ "litewatch.alerts.emails[0] must have different names"));
	}

	@Test
	void emailWithoutSmtpServerFailsStartup() {
		runner
			.withPropertyValues("litewatch.alerts.emails[0].name=ops-mail",
					"litewatch.alerts.emails[0].to=a@example.com")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Email alert channel 'ops-mail' needs an SMTP server")
				.hasMessageContaining("spring.mail.host is not set"));
	}

	@Test
	void invalidEntriesFailStartupWithoutPrintingSecrets() {
		runner
			.withPropertyValues("litewatch.alerts.webhooks[0].name=ops",
					"litewatch.alerts.webhooks[0].url=ftp://files.example.com/SECRETPATH")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage(
						"litewatch.alerts.webhooks[0].url of channel 'ops' must be an absolute http:// or https:// URL"));
		runner.withPropertyValues("litewatch.alerts.webhooks[0].url=https://hooks.example.com/a")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("litewatch.alerts.webhooks[0].name must not be blank"));
		runner
			.withPropertyValues("litewatch.alerts.webhooks[0].name=ops",
					"litewatch.alerts.webhooks[0].url=/relative/hook")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must be an absolute http:// or https:// URL"));
		runner.withPropertyValues("spring.mail.host=smtp.example.com", "litewatch.alerts.emails[0].name=m")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("litewatch.alerts.emails[0].to of channel 'm' needs at least one address"));
		runner
			.withPropertyValues("spring.mail.host=smtp.example.com", "litewatch.alerts.emails[0].name=m",
					"litewatch.alerts.emails[0].to=not an address")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("litewatch.alerts.emails[0].to[0] of channel 'm' is not a valid email address"));
		runner
			.withPropertyValues("litewatch.alerts.webhooks[0].name=ops",
					"litewatch.alerts.webhooks[0].url=https://hooks.example.com/a",
					"litewatch.alerts.webhooks[0].headers.Authorization=Bearer SECRET\nInjected: yes")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("litewatch.alerts.webhooks[0].headers of channel 'ops': the value of 'Authorization' "
						+ "is not a valid header value"));
		runner
			.withPropertyValues("litewatch.alerts.webhooks[0].name=ops",
					"litewatch.alerts.webhooks[0].url=https://hooks.example.com/a",
					"litewatch.alerts.webhooks[0].headers.Host=evil.example.com")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("litewatch.alerts.webhooks[0].headers of channel 'ops': header 'Host' cannot be set"));
		runner.withPropertyValues("litewatch.alerts.base-url=litewatch.example.com")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("litewatch.alerts.base-url must be an absolute http(s) URL or empty"));
	}

	@Test
	void recordsApplyDefaultsWhenBuiltDirectly() {
		ChannelProperties.Webhook webhook = new ChannelProperties.Webhook("w", URI.create("https://x.example.com/h"),
				null, null, null, null);
		assertThat(webhook.format()).isEqualTo(Format.JSON);
		assertThat(webhook.headers()).isEmpty();
		assertThat(webhook.minSeverity()).isEqualTo(Severity.WARNING);
		assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(10));
	}

}
