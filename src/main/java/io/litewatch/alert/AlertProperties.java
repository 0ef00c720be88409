package io.litewatch.alert;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When findings become notifications ({@code litewatch.alerts.*}; the channels are in
 * {@link io.litewatch.alert.channel.ChannelProperties} under the same prefix).
 *
 * @param forPolls consecutive polls a finding must be present before it fires (flap
 * damping)
 * @param grace and at least this long since it was first seen
 * @param repeatInterval while firing, a reminder after this long; never on every poll
 * @param dispatchInterval how often the outbox is looked at
 * @param retryInitial first retry delay of a failed delivery; doubles each attempt
 * @param retryMax longest delay between two attempts
 * @param maxAttempts attempts before a delivery is given up (and shown as dead)
 * @param silenceMaxDuration the longest silence one can create: a forgotten silence must
 * not mute an outage for months
 */
@ConfigurationProperties("litewatch.alerts")
@Validated
public record AlertProperties(@DefaultValue("2") @Min(1) int forPolls, @DefaultValue("0s") Duration grace,
		@DefaultValue("4h") Duration repeatInterval, @DefaultValue("2s") Duration dispatchInterval,
		@DefaultValue("10s") Duration retryInitial, @DefaultValue("10m") Duration retryMax,
		@DefaultValue("20") @Min(1) int maxAttempts, @DefaultValue("7d") Duration silenceMaxDuration) {

	static final Duration DEFAULT_SILENCE_MAX_DURATION = Duration.ofDays(7);

	@ConstructorBinding
	public AlertProperties {
		silenceMaxDuration = silenceMaxDuration == null ? DEFAULT_SILENCE_MAX_DURATION : silenceMaxDuration;
		if (silenceMaxDuration.isNegative() || silenceMaxDuration.isZero()) {
			throw new IllegalArgumentException("litewatch.alerts.silence-max-duration must be above zero");
		}
	}

	/** The settings without the silence limit, which then is 7 days. */
	public AlertProperties(int forPolls, Duration grace, Duration repeatInterval, Duration dispatchInterval,
			Duration retryInitial, Duration retryMax, int maxAttempts) {
		this(forPolls, grace, repeatInterval, dispatchInterval, retryInitial, retryMax, maxAttempts,
				DEFAULT_SILENCE_MAX_DURATION);
	}

}
