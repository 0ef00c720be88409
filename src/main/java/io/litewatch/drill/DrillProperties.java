package io.litewatch.drill;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Restore drills ({@code litewatch.drills.*}).
 *
 * @param interval how often each database is restored
 * @param firstDelay after a start, how long before the first drill of a database that has
 * none on record (so a start is not a burst of restores)
 * @param jitter each drill moves later by up to this much (capped at a tenth of the
 * interval), differently per database, so the databases' drills spread out
 * @param timeout the longest one restore may take before it is stopped
 * @param rpoThreshold an achieved RPO over this is {@code RPO_EXCEEDED}
 * @param scratchDir where restores are written; empty means {@code <data-dir>/drills}
 * @param binary the Litestream 0.3.13 binary; empty means {@code litewatch.local-binary}
 * @param binary05 the Litestream 0.5 binary, for the replicas 0.5 writes (0.3 cannot read
 * them); empty: those are not drilled, and say so
 * @param retention how long drill results are kept as evidence
 * @param databases overrides by database name (the file name without its directory and
 * extension, as on the pages)
 */
@ConfigurationProperties("litewatch.drills")
@Validated
public record DrillProperties(@DefaultValue("true") boolean enabled, @DefaultValue("24h") @NotNull Duration interval,
		@DefaultValue("10m") @NotNull Duration firstDelay, @DefaultValue("1h") @NotNull Duration jitter,
		@DefaultValue("10m") @NotNull Duration timeout, @DefaultValue("15m") @NotNull Duration rpoThreshold,
		Path scratchDir, String binary, @DefaultValue("400d") @NotNull Duration retention,
		Map<String, Database> databases, String binary05) {

	public DrillProperties(boolean enabled, Duration interval, Duration firstDelay, Duration jitter, Duration timeout,
			Duration rpoThreshold, Path scratchDir, String binary, Duration retention,
			Map<String, Database> databases) {
		this(enabled, interval, firstDelay, jitter, timeout, rpoThreshold, scratchDir, binary, retention, databases,
				null);
	}

	@ConstructorBinding
	public DrillProperties {
		databases = databases == null ? Map.of() : Map.copyOf(databases);
		positive("litewatch.drills.interval", interval);
		positive("litewatch.drills.timeout", timeout);
		positive("litewatch.drills.retention", retention);
		databases.forEach((name, own) -> positive("litewatch.drills.databases." + name + ".interval",
				own != null ? own.interval() : null));
	}

	/**
	 * A zero interval would restore without pause, a zero timeout stop every restore, a
	 * zero retention delete every record of the evidence at each prune.
	 */
	private static void positive(String property, Duration value) {
		if (value != null && (value.isZero() || value.isNegative())) {
			throw new IllegalArgumentException(property + " must be longer than 0, not " + value);
		}
	}

	/** One database's own settings; an empty one keeps the general one. */
	public record Database(Boolean enabled, Duration interval, Duration rpoThreshold) {
	}

	public boolean enabled(String database) {
		Database own = databases.get(database);
		return enabled && (own == null || own.enabled() == null || own.enabled());
	}

	public Duration interval(String database) {
		Database own = databases.get(database);
		return own != null && own.interval() != null ? own.interval() : interval;
	}

	public Duration rpoThreshold(String database) {
		Database own = databases.get(database);
		return own != null && own.rpoThreshold() != null ? own.rpoThreshold() : rpoThreshold;
	}

}
