package io.litewatch.inventory;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The background inventory ({@code litewatch.inventory.*}): a walk of every key of each
 * s3 replica, for the figures that need the whole history.
 *
 * @param requestsPerMinute the budget shared by all replicas; one LIST page is one
 * request (1000 WAL segments)
 * @param passInterval how long after a complete pass the next one starts
 * @param errorBackoff how long a replica that failed is left alone
 */
@ConfigurationProperties("litewatch.inventory")
@Validated
public record InventoryProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("120") @Min(1) int requestsPerMinute, @DefaultValue("1h") @NotNull Duration passInterval,
		@DefaultValue("1m") @NotNull Duration errorBackoff) {

	/** The pause between two requests that keeps within the budget. */
	public Duration requestSpacing() {
		return Duration.ofMillis(Math.max(1, 60_000L / requestsPerMinute));
	}

}
