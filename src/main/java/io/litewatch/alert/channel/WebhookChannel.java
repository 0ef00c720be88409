package io.litewatch.alert.channel;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.json.JsonMapper;

import io.litewatch.alert.Notification;
import io.litewatch.time.GoDuration;
import io.litewatch.health.Severity;

/**
 * POSTs JSON to an HTTP endpoint: Litewatch's own {@link WebhookPayload} or Slack's
 * {@code {"text": …}}.
 */
public final class WebhookChannel implements NotificationChannel {

	static final String ID_HEADER = "X-Litewatch-Notification-Id";

	// Jackson 3 mappers are immutable; this one is private so spring.jackson.* cannot
	// change the contract.
	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Enough of an error body to tell "invalid_token" from "no_service"; the rest is
	 * noise.
	 */
	private static final int MAX_ERROR_BODY = 200;

	/**
	 * Bytes of a response body read at most; the rest is not downloaded (see
	 * {@link CappedBody}).
	 */
	static final int MAX_RESPONSE_BYTES = 4096;

	private final ChannelProperties.Webhook settings;

	private final HttpClient client;

	private final String target;

	private final List<String> secrets;

	public WebhookChannel(ChannelProperties.Webhook settings, HttpClient client) {
		this.settings = settings;
		this.client = client;
		this.target = Redaction.maskUrl(settings.url());
		this.secrets = secretsOf(settings);
	}

	private static List<String> secretsOf(ChannelProperties.Webhook settings) {
		URI url = settings.url();
		List<String> secrets = new ArrayList<>();
		secrets.add(url.toString());
		secrets.add(url.getRawPath());
		secrets.add(url.getPath());
		secrets.add(url.getRawQuery());
		secrets.add(url.getQuery());
		secrets.add(url.getRawUserInfo());
		secrets.add(url.getUserInfo());
		String[] segments = url.getRawPath() == null ? new String[0]
				: url.getRawPath().replaceFirst("^/+", "").split("/");
		for (int i = segments.length > 1 ? 1 : 0; i < segments.length; i++) {
			secrets.add(segments[i]);
			secrets.add(URLDecoder.decode(segments[i], StandardCharsets.UTF_8));
		}
		secrets.addAll(settings.headers().values());
		return secrets.stream().filter(s -> s != null && !s.isBlank()).distinct().toList();
	}

	@Override
	public String name() {
		return settings.name();
	}

	@Override
	public String type() {
		return "webhook";
	}

	@Override
	public Severity minimumSeverity() {
		return settings.minSeverity();
	}

	@Override
	public String target() {
		return target;
	}

	public ChannelProperties.Format format() {
		return settings.format();
	}

	@Override
	public RenderedMessage render(Notification notification) {
		Object payload = settings.format() == ChannelProperties.Format.SLACK ? new SlackPayload(slackText(notification))
				: WebhookPayload.of(notification);
		return new RenderedMessage(notification.id(), NotificationText.summary(notification),
				JSON.writeValueAsString(payload), null);
	}

	/**
	 * Slack's, Mattermost's and Discord-/slack's shared denominator: one text field,
	 * plain lines.
	 */
	record SlackPayload(String text) {
	}

	static String slackText(Notification n) {
		return escapeSlack(NotificationText.plainText(n));
	}

	/**
	 * Slack requires &, < and > escaped in text; it also stops a finding message from
	 * smuggling in a {@code <!channel>} mention or a disguised link.
	 */
	static String escapeSlack(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	@Override
	public void send(RenderedMessage message) throws DeliveryException {
		HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
			.timeout(settings.timeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "Litewatch");
		settings.headers().forEach(request::setHeader);
		if (message.notificationId() != null) {
			request.setHeader(ID_HEADER, message.notificationId());
		}
		request.POST(HttpRequest.BodyPublishers.ofString(message.body(), StandardCharsets.UTF_8));
		// Connect is bounded by the client, the response headers by the request timeout,
		// and
		// the whole call (a body that trickles too) by the outer get below; a 2xx body is
		// read (up to the cap) only so the connection can be reused.
		CompletableFuture<HttpResponse<String>> call = client.sendAsync(request.build(),
				info -> new CappedBody(MAX_RESPONSE_BYTES));
		HttpResponse<String> response;
		try {
			response = call.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			call.cancel(true);
			throw new DeliveryException(
					"Timed out after " + GoDuration.format(settings.timeout()) + " posting to " + target);
		}
		catch (InterruptedException ex) {
			call.cancel(true);
			Thread.currentThread().interrupt();
			throw new DeliveryException("Interrupted while posting to " + target);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause() == null ? ex : ex.getCause();
			String what = cause instanceof HttpTimeoutException
					? "Timed out after " + GoDuration.format(settings.timeout()) + " posting to " + target
					: "Could not post to " + target + ": " + Redaction.describe(cause, secrets);
			throw failure(what, cause);
		}
		if (response.statusCode() / 100 != 2) {
			String body = response.body() == null ? ""
					: Redaction.oneLine(Redaction.scrub(response.body(), secrets), MAX_ERROR_BODY);
			throw new DeliveryException(
					"HTTP " + response.statusCode() + " from " + target + (body.isEmpty() ? "" : ": " + body));
		}
	}

	private DeliveryException failure(String message, Throwable cause) {
		// The cause goes along for the stack trace only if none of its messages quotes a
		// secret.
		return Redaction.leaks(cause, secrets) ? new DeliveryException(message) : new DeliveryException(message, cause);
	}

	@Override
	public String toString() {
		return "webhook " + name() + " -> " + target;
	}

}
