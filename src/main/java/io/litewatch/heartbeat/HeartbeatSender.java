package io.litewatch.heartbeat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;

import io.litewatch.alert.channel.Redaction;
import io.litewatch.health.HealthStatus;
import io.litewatch.poll.PollCompletedEvent;
import io.litewatch.poll.PollResult;
import io.litewatch.system.HeartbeatHealth;
import io.litewatch.system.RootCause;
import io.litewatch.time.HumanDuration;

/**
 * Pings the dead-man's switch after every completed poll, on a thread of its own: the
 * poll only hands its result over, so a switch that hangs delays no poll. Only the newest
 * poll waits to be pinged (a queue of one, the older dropped): a ping says "alive as of
 * this poll", and a backlog of stale ones would say nothing more.
 */
public class HeartbeatSender implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(HeartbeatSender.class);

	private final HeartbeatProperties settings;

	private final HttpClient client;

	private final HeartbeatHealth health;

	private final Clock clock;

	private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(1), (r) -> {
				Thread t = new Thread(r, "litewatch-heartbeat");
				t.setDaemon(true);
				return t;
			}, new ThreadPoolExecutor.DiscardOldestPolicy());

	private String lastLogged;

	public HeartbeatSender(HeartbeatProperties settings, HttpClient client, HeartbeatHealth health, Clock clock) {
		this.settings = settings;
		this.client = client;
		this.health = health;
		this.clock = clock;
	}

	/**
	 * First of the poll's listeners: the hand-over must not wait behind a store write.
	 */
	@EventListener
	@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
	public void onPollCompleted(PollCompletedEvent event) {
		PollResult result = event.result();
		executor.execute(() -> ping(result));
	}

	/**
	 * One ping, tried once more when it fails; the outcome goes to
	 * {@link HeartbeatHealth}.
	 */
	void ping(PollResult result) {
		boolean critical = result.status() == HealthStatus.CRITICAL;
		URI target = settings.target(critical);
		String shown = HeartbeatProperties.shown(target);
		String failure = send(target, summary(result));
		if (failure != null) {
			failure = send(target, summary(result));
		}
		if (failure == null) {
			health.sent(clock.instant());
			if (lastLogged != null) {
				log.info("Heartbeat to {} goes through again", shown);
				lastLogged = null;
			}
			return;
		}
		health.failed(shown, failure, clock.instant());
		if (!failure.equals(lastLogged)) {
			log.warn("Heartbeat to {} failed twice: {}", shown, failure);
			lastLogged = failure;
		}
	}

	/**
	 * @return null when the switch took it (2xx), else why not, without the URL
	 */
	private String send(URI target, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(target)
			.timeout(settings.timeout())
			.header("User-Agent", "Litewatch heartbeat");
		if (settings.method() == HeartbeatProperties.Method.POST) {
			request.header("Content-Type", "text/plain; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.GET();
		}
		try {
			HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
			int code = response.statusCode();
			return code >= 200 && code < 300 ? null : "HTTP " + code;
		}
		catch (java.net.http.HttpConnectTimeoutException ex) {
			return "no connection within " + HumanDuration.compact(settings.connectTimeout());
		}
		catch (HttpTimeoutException ex) {
			return "no answer within " + HumanDuration.compact(settings.timeout());
		}
		catch (IOException ex) {
			return reasonOf(ex, target);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/** The innermost message, with the URL's secret parts taken out. */
	private static String reasonOf(IOException ex, URI target) {
		Throwable root = RootCause.of(ex);
		String message = root.getMessage() == null ? root.getClass().getSimpleName()
				: root.getClass().getSimpleName() + ": " + root.getMessage();
		java.util.List<String> secrets = new java.util.ArrayList<>();
		secrets.add(target.toString());
		secrets.add(target.getRawPath());
		secrets.add(target.getRawQuery());
		secrets.add(target.getRawUserInfo());
		secrets.removeIf((s) -> s == null || s.isBlank() || s.equals("/"));
		return Redaction.errorText(Redaction.scrub(message, secrets));
	}

	/**
	 * What Healthchecks keeps of a POST: the status and the codes behind it, no names or
	 * paths.
	 */
	static String summary(PollResult result) {
		java.util.Set<String> codes = new java.util.TreeSet<>();
		result.findings().forEach((f) -> codes.add(f.code().name()));
		result.databases().forEach((db) -> db.findings().forEach((f) -> codes.add(f.code().name())));
		result.databases()
			.forEach((db) -> db.replicas().forEach((r) -> r.findings().forEach((f) -> codes.add(f.code().name()))));
		return "Litewatch poll " + result.sequence() + ": " + result.status().name().toLowerCase(java.util.Locale.ROOT)
				+ (codes.isEmpty() ? "" : " (" + String.join(", ", codes) + ")");
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}

}
