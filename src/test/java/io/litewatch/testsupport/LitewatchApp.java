package io.litewatch.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.litewatch.LitewatchApplication;

/**
 * Litewatch started as the real Spring Boot app on a free port, with the users and the
 * token of {@link TestAccounts}, and a small HTTP client for it signed in as the operator
 * (a session cookie, as a browser has).
 */
public final class LitewatchApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final String base;

	private final WebSession session;

	/**
	 * @param args command-line arguments: they outrank application.yml, as in production
	 */
	public LitewatchApp(String... args) {
		List<String> all = new ArrayList<>(List.of("--server.port=0"));
		all.addAll(TestAccounts.arguments());
		all.addAll(List.of(args));
		this.context = new SpringApplicationBuilder(LitewatchApplication.class).run(all.toArray(String[]::new));
		this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
		try {
			this.session = new WebSession(base).signedIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
		}
		catch (IOException | InterruptedException | RuntimeException | Error ex) {
			context.close();
			throw new IllegalStateException("cannot sign in to the app just started", ex);
		}
	}

	/** A new client of this app, not signed in. */
	public WebSession anonymous() {
		return new WebSession(base);
	}

	/** The operator's signed-in client. */
	public WebSession session() {
		return session;
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	public record Json(int code, String body, DocumentContext json) {

		public List<String> strings(String path) {
			List<Object> values = json.read(path);
			List<String> out = new ArrayList<>();
			for (Object v : values) {
				out.add(String.valueOf(v));
			}
			return out;
		}

		public <T> T read(String path, Class<T> type) {
			return json.read(path, type);
		}

	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return session.get(path);
	}

	public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return session.send(request);
	}

	public URI uri(String path) {
		return session.uri(path);
	}

	public Json json(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		return new Json(response.statusCode(), response.body(), JsonPath.parse(response.body()));
	}

	public Json status() throws IOException, InterruptedException {
		return json("/api/status");
	}

	/**
	 * Polls /api/status every 500 ms until the condition holds; fails with the last
	 * answer.
	 */
	public Json awaitStatus(Duration timeout, String what, Predicate<Json> condition) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		Json last = null;
		while (Instant.now().isBefore(deadline)) {
			last = status();
			try {
				if (condition.test(last)) {
					return last;
				}
			}
			catch (RuntimeException ex) {
				// A field not there yet: keep waiting.
			}
			Thread.sleep(500);
		}
		throw new AssertionError("Timed out after " + timeout.toSeconds() + "s waiting for " + what
				+ "; last /api/status: HTTP " + (last != null ? last.code() + " " + last.body() : "none"));
	}

	/** The sequence number of the last completed poll, or 0 before the first. */
	public long sequence() throws IOException, InterruptedException {
		Long sequence = status().json().read("$.sequence", Long.class);
		return sequence != null ? sequence : 0;
	}

	/**
	 * Waits until {@code polls} more polls have completed than had when called: the way
	 * to let time pass in a test ("nothing happened for N polls") without a fixed sleep.
	 */
	public Json awaitPolls(int polls, Duration timeout) throws Exception {
		long base = sequence();
		return awaitStatus(timeout, polls + " more polls after #" + base, (s) -> {
			Long sequence = s.json().read("$.sequence", Long.class);
			return sequence != null && sequence >= base + polls;
		});
	}

	@Override
	public void close() {
		context.close();
	}

}
