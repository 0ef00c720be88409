package io.litewatch.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.litewatch.time.HumanDuration;

/**
 * How often each channel may be sent a test notification: a button held down (or a
 * script) must not page the on-call phone a hundred times. Kept in memory, per channel
 * name; channels come from configuration, so the map is as small as the configuration.
 */
public class TestSendLimit {

	private static final Duration HOUR = Duration.ofHours(1);

	private final Settings settings;

	private final Clock clock;

	private final Map<String, Deque<Instant>> sent = new HashMap<>();

	public TestSendLimit(Settings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Takes a send for {@code channel} now, or says why not.
	 * @return empty when the send may go (and it is counted), else the refusal
	 */
	synchronized Optional<Refusal> take(String channel) {
		Instant now = clock.instant();
		Deque<Instant> times = sent.computeIfAbsent(channel, (c) -> new ArrayDeque<>());
		while (!times.isEmpty() && !times.peekFirst().plus(HOUR).isAfter(now)) {
			times.pollFirst();
		}
		if (!times.isEmpty()) {
			Instant last = times.peekLast();
			Instant next = last.plus(settings.minInterval());
			if (next.isAfter(now)) {
				return Optional.of(new Refusal(Duration.between(now, next),
						"A test notification went to " + channel + " "
								+ HumanDuration.compact(Duration.between(last, now).truncatedTo(ChronoUnit.SECONDS))
								+ " ago; one channel gets at most one every "
								+ HumanDuration.compact(settings.minInterval()) + "."));
			}
		}
		if (times.size() >= settings.perHour()) {
			return Optional.of(new Refusal(Duration.between(now, times.peekFirst().plus(HOUR)), channel + " has had "
					+ times.size() + " test notifications in the last hour, the most it may have."));
		}
		times.addLast(now);
		return Optional.empty();
	}

	/**
	 * @param retryAfter how long until a send would be taken
	 * @param reason in words, for the page
	 */
	public record Refusal(Duration retryAfter, String reason) {

		public Refusal {
			retryAfter = retryAfter.isNegative() || retryAfter.isZero() ? Duration.ofSeconds(1) : retryAfter;
		}

		/** Whole seconds, rounded up, for a Retry-After header. */
		public long retryAfterSeconds() {
			return (retryAfter.toMillis() + 999) / 1000;
		}

	}

	/**
	 * {@code litewatch.alerts.test-notifications.*}.
	 *
	 * @param minInterval the shortest time between two test notifications to one channel
	 * @param perHour the most test notifications one channel gets in any hour
	 */
	@ConfigurationProperties("litewatch.alerts.test-notifications")
	@Validated
	public record Settings(@DefaultValue("60s") Duration minInterval, @DefaultValue("10") @Min(1) int perHour) {

		public Settings {
			if (minInterval.isNegative()) {
				throw new IllegalArgumentException(
						"litewatch.alerts.test-notifications.min-interval must not be negative");
			}
		}

	}

}
