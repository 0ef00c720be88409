package io.litewatch.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How password guessing is slowed ({@code litewatch.security.login-throttle.*}).
 *
 * @param maxFailures failed sign-ins for one name within {@code window} before that name
 * is locked
 * @param maxFailuresPerAddress the same for one client address; higher, since an office
 * or a proxy puts many people behind one address
 * @param window how far back failures count
 * @param lockout how long a locked name or address is refused, without its password being
 * checked at all
 * @param maxTracked names and addresses remembered at most (the oldest are forgotten
 * first), so a stream of made-up names cannot fill the memory
 */
@ConfigurationProperties("litewatch.security.login-throttle")
@Validated
public record LoginThrottleProperties(@DefaultValue("5") @Min(1) int maxFailures,
		@DefaultValue("20") @Min(1) int maxFailuresPerAddress, @DefaultValue("15m") Duration window,
		@DefaultValue("15m") Duration lockout, @DefaultValue("10000") @Min(10) int maxTracked) {

}
