package io.litewatch.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.litewatch.alert.channel.ChannelProperties.Format;
import io.litewatch.alert.channel.ChannelProperties.Webhook;
import io.litewatch.health.Severity;

class WebhookChannelTest {

	private static final String TOKEN = "Bearer tok-9f8e7d6c5b4a";

	private static final String SLACK_SECRET = "T000SECRET/B000SECRET/XXXXSECRETTOKEN";

	private final JsonMapper json = JsonMapper.builder().build();

	private HttpServer server;

	private ExecutorService executor;

	private record Captured(String method, Headers headers, String body) {
	}

	@AfterEach
	void stop() {
		if (server != null) {
			server.stop(0);
		}
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	private URI start(HttpHandler handler) throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		executor = Executors.newCachedThreadPool();
		server.setExecutor(executor);
		server.createContext("/", handler);
		server.start();
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/" + SLACK_SECRET);
	}

	private static HttpHandler respond(int status, String body, AtomicReference<Captured> captured) {
		return exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				captured.set(new Captured(exchange.getRequestMethod(), exchange.getRequestHeaders(),
						new String(in.readAllBytes(), StandardCharsets.UTF_8)));
			}
			reply(exchange, status, body);
		};
	}

	private static void reply(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

	private static WebhookChannel channel(URI url, Format format, Duration timeout) {
		Webhook settings = new Webhook("ops", url, format, Map.of("Authorization", TOKEN), null, timeout);
		return new WebhookChannel(settings, settings.newClient());
	}

	@Test
	void rendersTheVersionedJsonDocument() {
		WebhookChannel channel = channel(URI.create("https://hooks.example.com/litewatch"), Format.JSON, null);
		RenderedMessage message = channel.render(Fixtures.firing());
		assertThat(message.text()).isNull();
		assertThat(message.body())
			.isEqualTo("{\"version\":1,\"id\":\"n-0001\",\"event\":\"firing\",\"severity\":\"critical\","
					+ "\"database\":\"production\",\"databasePath\":\"/data/production.db\","
					+ "\"summary\":\"CRITICAL production: ACCESSORY_DOWN, REPLICA_STALE\",\"createdAt\":\"2024-05-01T12:05:00Z\","
					+ "\"dashboardUrl\":\"https://litewatch.example.com/#production\",\"alerts\":["
					+ "{\"replica\":null,\"code\":\"ACCESSORY_DOWN\",\"severity\":\"critical\","
					+ "\"message\":\"container app-litestream is exited\",\"lagSeconds\":null,\"since\":\"2024-05-01T12:00:00Z\","
					+ "\"resolvedAt\":null,\"durationSeconds\":300},"
					+ "{\"replica\":\"s3\",\"code\":\"REPLICA_STALE\",\"severity\":\"warning\",\"message\":\"replica lags 5m0s\","
					+ "\"lagSeconds\":300.5,\"since\":\"2024-05-01T12:01:00Z\",\"resolvedAt\":null,\"durationSeconds\":240}]}");
	}

	@Test
	void resolvedJsonCarriesResolutionAndDuration() {
		WebhookChannel channel = channel(URI.create("https://hooks.example.com/litewatch"), Format.JSON, null);
		JsonNode doc = json.readTree(channel.render(Fixtures.resolved()).body());
		assertThat(doc.get("event").asString()).isEqualTo("resolved");
		assertThat(doc.get("summary").asString()).isEqualTo("RESOLVED production: ACCESSORY_DOWN after 3m12s");
		assertThat(doc.get("dashboardUrl").isNull()).isTrue();
		JsonNode alert = doc.get("alerts").get(0);
		assertThat(alert.get("resolvedAt").asString()).isEqualTo("2024-05-01T12:03:12Z");
		assertThat(alert.get("durationSeconds").asLong()).isEqualTo(192);
	}

	@Test
	void rendersSlackTextWithoutMarkupInjection() {
		WebhookChannel channel = channel(URI.create("https://hooks.slack.com/services/" + SLACK_SECRET), Format.SLACK,
				null);
		JsonNode firing = json.readTree(channel.render(Fixtures.firing()).body());
		assertThat(firing.properties()).hasSize(1);
		assertThat(firing.get("text").asString()).isEqualTo("""
				CRITICAL production: ACCESSORY_DOWN, REPLICA_STALE
				Database: production (/data/production.db)
				- CRITICAL ACCESSORY_DOWN: container app-litestream is exited (for 5m0s)
				- WARNING REPLICA_STALE on replica s3: replica lags 5m0s (for 4m0s)
				Dashboard: https://litewatch.example.com/#production""");
		assertThat(json.readTree(channel.render(Fixtures.resolved()).body()).get("text").asString()).isEqualTo("""
				RESOLVED production: ACCESSORY_DOWN after 3m12s
				Database: production (/data/production.db)
				- ACCESSORY_DOWN: container app-litestream is exited (resolved after 3m12s)""");
		String hostile = json.readTree(channel.render(Fixtures.hostile()).body()).get("text").asString();
		assertThat(hostile).contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;!channel&gt;")
			.doesNotContain("<");
	}

	@Test
	void summariesSayWhatAndWhere() {
		assertThat(NotificationText.summary(Fixtures.reminder()))
			.isEqualTo("STILL WARNING production: REPLICA_STALE for 1h0m0s");
		assertThat(NotificationText.summary(Fixtures.test())).isEqualTo("TEST production: test notification");
	}

	@Test
	void theRenderedMessageCarriesTheNotificationIdForTheDedupeHeader() {
		WebhookChannel channel = channel(URI.create("https://hooks.example.com/x"), Format.SLACK, null);
		RenderedMessage message = channel.render(Fixtures.firing());
		assertThat(message.subject()).isEqualTo("CRITICAL production: ACCESSORY_DOWN, REPLICA_STALE");
		assertThat(message.notificationId()).isEqualTo("n-0001");
	}

	@Test
	void postsJsonWithHeadersToARealServer() throws Exception {
		AtomicReference<Captured> captured = new AtomicReference<>();
		URI url = start(respond(200, "ok", captured));
		WebhookChannel channel = channel(url, Format.JSON, Duration.ofSeconds(5));
		RenderedMessage message = channel.render(Fixtures.firing());
		channel.send(message);
		Captured request = captured.get();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
		assertThat(request.headers().getFirst("User-Agent")).isEqualTo("Litewatch");
		assertThat(request.headers().getFirst("Authorization")).isEqualTo(TOKEN);
		assertThat(request.headers().getFirst("X-Litewatch-Notification-Id")).isEqualTo("n-0001");
		assertThat(request.body()).isEqualTo(message.body());
	}

	@Test
	void acceptsAny2xx() throws Exception {
		AtomicReference<Captured> captured = new AtomicReference<>();
		URI url = start(respond(204, "", captured));
		channel(url, Format.SLACK, Duration.ofSeconds(5))
			.send(channel(url, Format.SLACK, null).render(Fixtures.test()));
		assertThat(json.readTree(captured.get().body()).get("text").asString())
			.contains("This is a test notification from Litewatch.");
	}

	@Test
	void non2xxFailsWithStatusAndMaskedUrl() throws Exception {
		// A receiver that echoes the request back must not make us print its secrets.
		URI url = start(exchange -> {
			String echo = "bad token " + exchange.getRequestHeaders().getFirst("Authorization") + " for "
					+ exchange.getRequestURI();
			exchange.getRequestBody().readAllBytes();
			reply(exchange, 500, echo);
		});
		WebhookChannel channel = channel(url, Format.JSON, Duration.ofSeconds(5));
		String masked = "http://127.0.0.1:" + url.getPort() + "/services/…";
		assertThat(channel.target()).isEqualTo(masked);
		assertThatThrownBy(() -> channel.send(channel.render(Fixtures.firing()))).isInstanceOf(DeliveryException.class)
			.hasMessageStartingWith("HTTP 500 from " + masked)
			.satisfies(ex -> assertNoSecret(ex));
	}

	@Test
	void slowServerTimesOutWithinTheTimeout() throws Exception {
		URI url = start(exchange -> {
			try {
				Thread.sleep(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			reply(exchange, 200, "late");
		});
		WebhookChannel channel = channel(url, Format.JSON, Duration.ofMillis(500));
		RenderedMessage message = channel.render(Fixtures.firing());
		long started = System.nanoTime();
		assertThatThrownBy(() -> channel.send(message)).isInstanceOf(DeliveryException.class)
			.hasMessageStartingWith("Timed out after 500ms posting to http://127.0.0.1:")
			.satisfies(ex -> assertNoSecret(ex));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	/**
	 * Answers {@code status} with a chunked body that never ends (until the client hangs
	 * up).
	 */
	private static HttpHandler endless(int status) {
		return exchange -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(status, 0);
			byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.UTF_8);
			try (var out = exchange.getResponseBody()) {
				while (!Thread.currentThread().isInterrupted()) {
					out.write(chunk);
					out.flush();
				}
			}
			catch (IOException ex) {
				// The client hung up: what a capped read does.
			}
		};
	}

	@Test
	void anErrorBodyIsReadOnlyUpToTheCap() throws Exception {
		URI url = start(endless(500));
		WebhookChannel channel = channel(url, Format.JSON, Duration.ofSeconds(20));
		RenderedMessage message = channel.render(Fixtures.firing());
		long started = System.nanoTime();
		assertThatThrownBy(() -> channel.send(message)).isInstanceOf(DeliveryException.class)
			.hasMessageStartingWith("HTTP 500 from ")
			.hasMessageEndingWith("…")
			.satisfies(ex -> assertThat(ex.getMessage()).hasSizeLessThan(300));
		// An endless body read whole would run into the 20 s timeout instead.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aSuccessBodyIsNotReadToItsEnd() throws Exception {
		URI url = start(endless(200));
		WebhookChannel channel = channel(url, Format.JSON, Duration.ofSeconds(20));
		long started = System.nanoTime();
		channel.send(channel.render(Fixtures.firing()));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void theCappedBodyKeepsTheFirstBytes() throws Exception {
		String big = "é".repeat(5000);
		URI url = start(exchange -> {
			exchange.getRequestBody().readAllBytes();
			reply(exchange, 502, big);
		});
		WebhookChannel channel = channel(url, Format.JSON, Duration.ofSeconds(5));
		assertThatThrownBy(() -> channel.send(channel.render(Fixtures.firing())))
			.hasMessageContaining(": " + "é".repeat(150));
	}

	@Test
	void unreachableServerFailsWithoutSecrets() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		WebhookChannel channel = channel(URI.create("http://127.0.0.1:" + port + "/services/" + SLACK_SECRET),
				Format.SLACK, Duration.ofSeconds(2));
		assertThatThrownBy(() -> channel.send(channel.render(Fixtures.firing()))).isInstanceOf(DeliveryException.class)
			.hasMessageStartingWith("Could not post to http://127.0.0.1:" + port + "/services/…: ")
			.satisfies(ex -> assertNoSecret(ex));
	}

	@Test
	void masksEveryKindOfUrlSecret() {
		assertThat(Redaction.maskUrl(URI.create("https://hooks.slack.com/services/T0/B0/XYZ")))
			.isEqualTo("https://hooks.slack.com/services/…");
		assertThat(Redaction.maskUrl(URI.create("https://discord.com/api/webhooks/123/abc/slack")))
			.isEqualTo("https://discord.com/api/…");
		assertThat(Redaction.maskUrl(URI.create("https://ntfy.sh/my-secret-topic"))).isEqualTo("https://ntfy.sh/…");
		assertThat(Redaction.maskUrl(URI.create("https://user:pw@example.com:8443/hook?token=abc")))
			.isEqualTo("https://example.com:8443/hook/…");
		assertThat(Redaction.maskUrl(URI.create("http://example.com"))).isEqualTo("http://example.com/");
		assertThat(Redaction.maskUrl(URI.create("http://example.com/"))).isEqualTo("http://example.com/");
	}

	@Test
	void describesItselfWithoutSecrets() {
		WebhookChannel channel = channel(URI.create("https://hooks.slack.com/services/" + SLACK_SECRET), Format.SLACK,
				null);
		assertThat(channel.name()).isEqualTo("ops");
		assertThat(channel.type()).isEqualTo("webhook");
		assertThat(channel.minimumSeverity()).isEqualTo(Severity.WARNING);
		assertThat(channel.target()).isEqualTo("https://hooks.slack.com/services/…");
		assertThat(channel.toString()).doesNotContain("SECRET").doesNotContain(TOKEN);
	}

	private static void assertNoSecret(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			assertThat(String.valueOf(t.getMessage())).doesNotContain("SECRET")
				.doesNotContain("tok-9f8e7d6c5b4a")
				.doesNotContain(TOKEN);
		}
	}

}
