package io.litewatch.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that records every POST it gets, and can be told to
 * answer 500 to the next few, like a receiver having a bad minute.
 */
public final class WebhookReceiver implements AutoCloseable {

	public record Request(Instant at, Map<String, List<String>> headers, String body, int answered) {

		public String header(String name) {
			return headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

	private final HttpServer server;

	private final List<Request> requests = new ArrayList<>();

	private final AtomicInteger failNext = new AtomicInteger();

	public WebhookReceiver() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			int code = failNext.getAndUpdate((n) -> Math.max(0, n - 1)) > 0 ? 500 : 200;
			synchronized (requests) {
				requests.add(new Request(Instant.now(), Map.copyOf(exchange.getRequestHeaders()), body, code));
			}
			byte[] answer = (code == 200 ? "ok" : "receiver failing").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(code, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.start();
	}

	public String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	public void failNext(int count) {
		failNext.set(count);
	}

	public List<Request> requests() {
		synchronized (requests) {
			return List.copyOf(requests);
		}
	}

	/** The requests that were answered 200, i.e. delivered. */
	public List<Request> delivered() {
		return requests().stream().filter((r) -> r.answered() == 200).toList();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
