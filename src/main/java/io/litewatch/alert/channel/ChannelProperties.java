package io.litewatch.alert.channel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.litewatch.health.Severity;

/**
 * Where notifications go ({@code litewatch.alerts.webhooks[*]},
 * {@code litewatch.alerts.emails[*]}). The alert engine's own settings share the prefix
 * but live in another record; unknown fields are ignored on purpose. SMTP servers are
 * Spring Boot's {@code spring.mail.*}.
 * <p>
 * Everything is checked here, at startup, so that a typo fails the boot instead of the
 * first page at 3 a.m. Messages name the setting and never print a URL's path or a
 * header's value.
 *
 * @param baseUrl the dashboard's public URL, for links in notifications; empty means no
 * links
 * @param smtpTimeout connect, read and write timeout of the SMTP server
 * ({@code spring.mail.*}) unless {@code spring.mail.properties.mail.smtp.*timeout} sets
 * one
 */
@ConfigurationProperties("litewatch.alerts")
public record ChannelProperties(@DefaultValue("") String baseUrl, @DefaultValue List<Webhook> webhooks,
		@DefaultValue List<Email> emails, @DefaultValue("10s") Duration smtpTimeout) {

	private static final String PREFIX = "litewatch.alerts.";

	static final Duration DEFAULT_SMTP_TIMEOUT = Duration.ofSeconds(10);

	public ChannelProperties {
		baseUrl = baseUrl == null ? "" : baseUrl.strip();
		webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
		emails = emails == null ? List.of() : List.copyOf(emails);
		smtpTimeout = smtpTimeout == null ? DEFAULT_SMTP_TIMEOUT : smtpTimeout;
		if (!baseUrl.isEmpty() && !isHttpUrl(baseUrl)) {
			throw new IllegalArgumentException(PREFIX + "base-url must be an absolute http(s) URL or empty");
		}
		// JavaMail reads the timeouts as int milliseconds, and 0 would mean "forever".
		if (smtpTimeout.toMillis() < 1 || smtpTimeout.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(PREFIX + "smtp-timeout must be between 1ms and 24d");
		}
		// Names are how the history and the "send test" button point at a channel, so
		// they must
		// be unique across both kinds; compared without case because "Ops" and "ops"
		// would confuse people.
		Map<String, String> seen = new HashMap<>();
		for (int i = 0; i < webhooks.size(); i++) {
			Webhook w = webhooks.get(i);
			String where = PREFIX + "webhooks[" + i + "]";
			checkName(w.name(), where, seen);
			w.validate(where);
		}
		for (int i = 0; i < emails.size(); i++) {
			Email e = emails.get(i);
			String where = PREFIX + "emails[" + i + "]";
			checkName(e.name(), where, seen);
			e.validate(where);
		}
	}

	/** The base URL without a trailing slash, or null when none is configured. */
	public String dashboardBaseUrl() {
		if (baseUrl.isEmpty()) {
			return null;
		}
		return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	private static void checkName(String name, String where, Map<String, String> seen) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException(where + ".name must not be blank");
		}
		String previous = seen.putIfAbsent(name.strip().toLowerCase(Locale.ROOT), where);
		if (previous != null) {
			throw new IllegalArgumentException("Duplicate alert channel name '" + name + "': " + previous + " and "
					+ where + " must have different names");
		}
	}

	static boolean isHttpUrl(String text) {
		try {
			return isHttpUrl(URI.create(text));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static boolean isHttpUrl(URI uri) {
		return uri != null && uri.isAbsolute() && uri.getHost() != null
				&& ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
	}

	/** Payload shape of a webhook. */
	public enum Format {

		/** Litewatch's own versioned JSON document (see docs/alert-channels.md). */
		JSON,
		/**
		 * {@code {"text": "..."}}: Slack incoming webhooks, Mattermost, Discord's
		 * {@code /slack} endpoint.
		 */
		SLACK

	}

	/**
	 * One HTTP endpoint.
	 *
	 * @param url absolute http(s) URL; treated as a secret beyond its first path segment
	 * (Slack's token is in the path)
	 * @param headers sent as-is with every request (e.g. {@code Authorization}); values
	 * are secrets
	 * @param minSeverity notifications below this are not sent here
	 * @param timeout bound of one delivery: connect, response and body together
	 */
	public record Webhook(String name, URI url, @DefaultValue("json") Format format, Map<String, String> headers,
			@DefaultValue("warning") Severity minSeverity, @DefaultValue("10s") Duration timeout) {

		// The JDK client refuses these (it owns them), and failing at startup beats
		// failing on send.
		private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
				"upgrade");

		public Webhook {
			format = format == null ? Format.JSON : format;
			headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
			minSeverity = minSeverity == null ? Severity.WARNING : minSeverity;
			timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
		}

		void validate(String where) {
			if (url == null) {
				throw new IllegalArgumentException(where + ".url must be set (" + name + ")");
			}
			if (!isHttpUrl(url)) {
				// The URL itself is not printed: Slack's secret is in it.
				throw new IllegalArgumentException(
						where + ".url of channel '" + name + "' must be an absolute http:// or https:// URL");
			}
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException(where + ".timeout of channel '" + name + "' must be above zero");
			}
			HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create("http://localhost/"));
			for (String header : headers.keySet()) {
				if (header == null || header.isBlank()
						|| RESTRICTED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
					throw new IllegalArgumentException(
							where + ".headers of channel '" + name + "': header '" + header + "' cannot be set");
				}
				try {
					probe.header(header, "x");
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException(
							where + ".headers of channel '" + name + "': '" + header + "' is not a valid header name");
				}
				try {
					probe.header(header, headers.get(header) == null ? "" : headers.get(header));
				}
				catch (IllegalArgumentException ex) {
					// The value is a secret: say which header, never what it holds.
					throw new IllegalArgumentException(where + ".headers of channel '" + name + "': the value of '"
							+ header + "' is not a valid header value");
				}
			}
		}

		/**
		 * A client for this endpoint; connect is bounded by the same timeout as the whole
		 * call.
		 */
		HttpClient newClient() {
			return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
		}

	}

	/**
	 * One set of recipients; the SMTP server is {@code spring.mail.*}.
	 *
	 * @param to at least one address
	 * @param from sender address
	 * @param subjectPrefix put before every subject; empty for none
	 */
	public record Email(String name, List<String> to, @DefaultValue("litewatch@localhost") String from,
			@DefaultValue("[Litewatch]") String subjectPrefix, @DefaultValue("warning") Severity minSeverity) {

		public Email {
			to = to == null ? List.of() : to.stream().map(a -> a == null ? "" : a.strip()).toList();
			from = from == null || from.isBlank() ? "litewatch@localhost" : from.strip();
			subjectPrefix = subjectPrefix == null ? "[Litewatch]" : subjectPrefix.strip();
			minSeverity = minSeverity == null ? Severity.WARNING : minSeverity;
		}

		void validate(String where) {
			if (to.isEmpty()) {
				throw new IllegalArgumentException(where + ".to of channel '" + name + "' needs at least one address");
			}
			for (int i = 0; i < to.size(); i++) {
				checkAddress(to.get(i), where + ".to[" + i + "]");
			}
			checkAddress(from, where + ".from");
		}

		private void checkAddress(String address, String where) {
			try {
				new InternetAddress(address, true).validate();
			}
			catch (AddressException ex) {
				throw new IllegalArgumentException(
						where + " of channel '" + name + "' is not a valid email address: '" + address + "'");
			}
		}

	}

}
