package io.litewatch.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A dead-man's switch for tests, as Healthchecks.io answers one: every request to
 * {@code /ping/<check>} (and {@code /ping/<check>/fail}) is kept with its time; it can be
 * told to answer 500, or to hang until released.
 */
public final class HeartbeatReceiver implements AutoCloseable {

	public enum Mode {

		OK, ERROR, HANG

	}

	/** One request as the switch saw it. */
	public record Ping(String method, String path, String query, String body, Instant at) {

		public boolean fail() {
			return path.endsWith("/fail");
		}

	}

	private final HttpServer server;

	private final List<Ping> pings = new CopyOnWriteArrayList<>();

	private volatile Mode mode = Mode.OK;

	private volatile CountDownLatch hold = new CountDownLatch(0);

	public HeartbeatReceiver() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/", (exchange) -> {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readNBytes(10_000), StandardCharsets.UTF_8);
			}
			pings.add(new Ping(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					exchange.getRequestURI().getRawQuery(), body, Instant.now()));
			Mode now = mode;
			try {
				if (now == Mode.HANG) {
					hold.await(120, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			byte[] answer = "OK".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(now == Mode.ERROR ? 500 : 200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.start();
	}

	/** The check's URL: its last path segment is the check's secret. */
	public String url(String check) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/ping/" + check;
	}

	public void mode(Mode mode) {
		if (mode == Mode.HANG) {
			hold = new CountDownLatch(1);
		}
		else {
			hold.countDown();
		}
		this.mode = mode;
	}

	public List<Ping> pings() {
		return List.copyOf(pings);
	}

	public List<Ping> since(Instant at) {
		return pings.stream().filter((p) -> !p.at().isBefore(at)).toList();
	}

	@Override
	public void close() {
		hold.countDown();
		server.stop(0);
	}

}
