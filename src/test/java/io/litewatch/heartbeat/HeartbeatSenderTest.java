package io.litewatch.heartbeat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.health.HealthStatus;
import io.litewatch.poll.PollCompletedEvent;
import io.litewatch.poll.PollResult;
import io.litewatch.system.HeartbeatHealth;
import io.litewatch.testsupport.HeartbeatReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** Pings to a real HTTP server on this host, as a dead-man's switch answers them. */
class HeartbeatSenderTest {

	static final String CHECK = "5f1b9c2e-8d4a-4c7e-9b1f-2a6d8e0c4b7a";

	final HeartbeatReceiver receiver = new HeartbeatReceiver();

	final HeartbeatHealth health = new HeartbeatHealth();

	HeartbeatSenderTest() throws Exception {
	}

	@AfterEach
	void close() {
		receiver.close();
	}

	@Test
	void everyPollIsPingedAndACriticalOneAtFail() {
		HeartbeatSender sender = sender(settings(HeartbeatProperties.Method.POST, Duration.ofSeconds(5)));

		sender.ping(poll(1, HealthStatus.OK));
		sender.ping(poll(2, HealthStatus.CRITICAL));

		assertThat(receiver.pings()).extracting(HeartbeatReceiver.Ping::path)
			.containsExactly("/ping/" + CHECK, "/ping/" + CHECK + "/fail");
		assertThat(receiver.pings().get(1).body()).isEqualTo("Litewatch poll 2: critical (REPLICA_STALE)");
		assertThat(health.failure()).isEmpty();
		assertThat(health.lastSent()).isPresent();
	}

	@Test
	void aRefusedPingIsTriedOnceMoreAndThenAFailureWithoutTheSecret() {
		receiver.mode(HeartbeatReceiver.Mode.ERROR);
		HeartbeatSender sender = sender(settings(HeartbeatProperties.Method.GET, Duration.ofSeconds(5)));

		sender.ping(poll(1, HealthStatus.OK));

		assertThat(receiver.pings()).hasSize(2);
		assertThat(health.failure()).hasValueSatisfying((f) -> {
			assertThat(f.reason()).isEqualTo("HTTP 500");
			assertThat(f.target()).doesNotContain(CHECK).startsWith("http://127.0.0.1:");
		});
		receiver.mode(HeartbeatReceiver.Mode.OK);
		sender.ping(poll(2, HealthStatus.OK));
		assertThat(health.failure()).isEmpty();
	}

	@Test
	void aSwitchThatHangsDelaysNoPollAndTimesOut() {
		receiver.mode(HeartbeatReceiver.Mode.HANG);
		HeartbeatSender sender = sender(settings(HeartbeatProperties.Method.GET, Duration.ofMillis(500)));
		try {
			// The hand-over returns while the switch holds the first request.
			for (int i = 1; i <= 5; i++) {
				sender.onPollCompleted(new PollCompletedEvent(poll(i, HealthStatus.OK)));
			}
			assertThat(receiver.pings()).hasSizeLessThanOrEqualTo(1);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(health.failure())
					.hasValueSatisfying((f) -> assertThat(f.reason()).isEqualTo("no answer within 500ms")));
		}
		finally {
			receiver.mode(HeartbeatReceiver.Mode.OK);
			sender.destroy();
		}
	}

	@Test
	void aSwitchThatIsNotThereIsAFailureNamingNoSecret() {
		receiver.close();
		HeartbeatSender sender = sender(settings(HeartbeatProperties.Method.GET, Duration.ofSeconds(2)));

		sender.ping(poll(1, HealthStatus.OK));

		assertThat(health.failure()).hasValueSatisfying((f) -> assertThat(f.reason()).doesNotContain(CHECK)
			.containsAnyOf("ConnectException", "ClosedChannelException"));
	}

	@Test
	void theFailUrlGoesBeforeTheQueryOrIsGivenOrNeverUsed() {
		HeartbeatProperties kuma = new HeartbeatProperties(URI.create("https://kuma.example/api/push/Ab12?status=up"),
				URI.create("https://kuma.example/api/push/Ab12?status=down"), null, null, null, null);
		HeartbeatProperties hc = new HeartbeatProperties(URI.create("https://hc-ping.com/" + CHECK + "/"), null, null,
				null, null, null);
		HeartbeatProperties never = new HeartbeatProperties(URI.create("https://hc-ping.com/x?a=1"), null,
				HeartbeatProperties.FailOn.NEVER, null, null, null);

		assertThat(kuma.target(true)).hasToString("https://kuma.example/api/push/Ab12?status=down");
		assertThat(hc.target(true)).hasToString("https://hc-ping.com/" + CHECK + "/fail");
		assertThat(hc.target(false)).hasToString("https://hc-ping.com/" + CHECK + "/");
		assertThat(never.target(true)).hasToString("https://hc-ping.com/x?a=1");
		assertThat(new HeartbeatProperties(URI.create("https://hc-ping.com/abc?x=1"), null, null, null, null, null)
			.target(true)).hasToString("https://hc-ping.com/abc/fail?x=1");
		assertThat(HeartbeatProperties.shown(URI.create("https://hc-ping.com/" + CHECK)))
			.isEqualTo("https://hc-ping.com/…");
	}

	@Test
	void aUrlThatIsNotHttpIsRefusedNamingTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HeartbeatProperties(URI.create("ftp://hc-ping.com/x"), null, null, null, null, null))
			.withMessage("litewatch.heartbeat.url must be an http:// or https:// URL with a host, not ftp://…");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HeartbeatProperties(URI.create("hc-ping.com/x"), null, null, null, null, null))
			.withMessage("litewatch.heartbeat.url must be an http:// or https:// URL with a host");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HeartbeatProperties(URI.create("https://hc-ping.com/x"), null, null, null,
					Duration.ZERO, null))
			.withMessage("litewatch.heartbeat.connect-timeout must be above zero");
	}

	private HeartbeatSender sender(HeartbeatProperties settings) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
		return new HeartbeatSender(settings, client, health, Clock.systemUTC());
	}

	private HeartbeatProperties settings(HeartbeatProperties.Method method, Duration timeout) {
		return new HeartbeatProperties(URI.create(receiver.url(CHECK)), null, HeartbeatProperties.FailOn.CRITICAL,
				method, Duration.ofSeconds(2), timeout);
	}

	private static PollResult poll(long sequence, HealthStatus status) {
		List<Finding> findings = status == HealthStatus.CRITICAL
				? List.of(Finding.critical(FindingCode.REPLICA_STALE, "stale")) : List.of();
		return new PollResult(sequence, Instant.now(), Duration.ofMillis(5), status, findings, null, null, List.of());
	}

}
