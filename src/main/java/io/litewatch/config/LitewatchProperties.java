package io.litewatch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Litewatch's own settings ({@code litewatch.*}); Litestream's settings come from
 * litestream.yml.
 *
 * @param dataDir where Litewatch keeps its own SQLite database ({@code litewatch.db})
 * unless {@code spring.datasource.url} points elsewhere
 */
@ConfigurationProperties("litewatch")
@Validated
public record LitewatchProperties(@DefaultValue("/etc/litestream.yml") @NotNull Path litestreamConfig,
		@DefaultValue("15s") @NotNull Duration pollInterval, @DefaultValue("4") @Min(1) int pollConcurrency,
		@DefaultValue @Valid Docker docker, @DefaultValue @Valid S3 s3, @DefaultValue @Valid Health health,
		@DefaultValue("./data") @NotNull Path dataDir, @DefaultValue @Valid History history,
		@DefaultValue("docker") @NotNull Accessory accessory, @DefaultValue("litestream") String localBinary,
		Map<String, String> environment) {

	/** How Litewatch reaches Litestream. */
	public enum Accessory {

		/** {@code docker exec} into the accessory container (Kamal, compose). */
		DOCKER,
		/**
		 * Run the {@code litestream} binary on this host (Litestream under systemd, or
		 * the demo).
		 */
		LOCAL

	}

	/**
	 * The variables litestream.yml is expanded with, as Litestream would: the process
	 * environment, plus {@code litewatch.environment.*} (which wins), e.g. for a secret
	 * handed over as a Spring property. Local {@code litestream} processes get the same
	 * variables.
	 */
	public Map<String, String> expansionEnvironment(Map<String, String> processEnvironment) {
		Map<String, String> merged = new HashMap<>(processEnvironment);
		if (environment != null) {
			merged.putAll(environment);
		}
		return Map.copyOf(merged);
	}

	/**
	 * How the Litestream accessory is reached.
	 *
	 * @param host Docker Engine address; empty means {@code DOCKER_HOST}, else the local
	 * socket
	 * @param container the Litestream container (Kamal names it
	 * {@code <service>-litestream})
	 * @param configPath litestream.yml inside the container; empty means Litestream's own
	 * default
	 * @param generationsInterval how often the costly {@code litestream generations} runs
	 * (facts: it lists every object of the replica, so never on every poll)
	 * @param databasesInterval how long Litestream 0.3's {@code litestream databases}
	 * answer is used while neither the container nor litestream.yml changed
	 */
	public record Docker(@DefaultValue("") String host, @DefaultValue("litestream") String container,
			@DefaultValue("") String configPath, @DefaultValue("10s") Duration execTimeout,
			@DefaultValue("5s") Duration apiTimeout, @DefaultValue("10m") Duration generationsInterval,
			@DefaultValue("10m") Duration databasesInterval) {

		public String effectiveHost(String dockerHostEnv) {
			if (host != null && !host.isBlank()) {
				return host;
			}
			return dockerHostEnv != null && !dockerHostEnv.isBlank() ? dockerHostEnv : "unix:///var/run/docker.sock";
		}

	}

	/**
	 * @param apiCallTimeout bound of one S3 call, retries included, so an outage shows
	 * within a poll
	 * @param fullListingInterval how often the incremental listing starts over, to notice
	 * deletions by retention
	 */
	public record S3(@DefaultValue("10s") Duration apiCallTimeout, @DefaultValue("1h") Duration fullListingInterval) {
	}

	/**
	 * Thresholds are derived from each replica's own intervals:
	 * {@code interval × factor + grace}.
	 *
	 * @param lagWarningFactor times sync-interval before the lag is a warning
	 * @param lagCriticalFactor times sync-interval before the lag is critical
	 * @param lagGrace added to both: S3 LastModified has whole seconds, Litestream's
	 * monitor runs every second, and an upload takes time
	 * @param snapshotWarningFactor times the expected snapshot spacing before the newest
	 * snapshot is overdue
	 * @param snapshotCriticalFactor likewise, critical
	 * @param snapshotGrace added to both
	 * @param generationChangeWindow how long a change of generation stays a finding after
	 * it was seen
	 */
	public record Health(@DefaultValue("3") double lagWarningFactor, @DefaultValue("10") double lagCriticalFactor,
			@DefaultValue("10s") Duration lagGrace, @DefaultValue("1") double snapshotWarningFactor,
			@DefaultValue("2") double snapshotCriticalFactor, @DefaultValue("1m") Duration snapshotGrace,
			@DefaultValue("1h") Duration generationChangeWindow) {

		/** Lag above this is {@code REPLICA_STALE} warning. */
		public Duration lagWarning(Duration syncInterval) {
			return scaled(syncInterval, lagWarningFactor).plus(lagGrace);
		}

		/** Lag above this is {@code REPLICA_STALE} critical. */
		public Duration lagCritical(Duration syncInterval) {
			return scaled(syncInterval, lagCriticalFactor).plus(lagGrace);
		}

		/**
		 * A newest snapshot older than this is {@code SNAPSHOT_OVERDUE} warning; null
		 * when the replica expects no spacing (no snapshot-interval, retention off).
		 */
		public Duration snapshotWarning(Duration expectedSpacing) {
			return expectedSpacing == null ? null : scaled(expectedSpacing, snapshotWarningFactor).plus(snapshotGrace);
		}

		/** Likewise, critical; null without an expected spacing. */
		public Duration snapshotCritical(Duration expectedSpacing) {
			return expectedSpacing == null ? null : scaled(expectedSpacing, snapshotCriticalFactor).plus(snapshotGrace);
		}

		private static Duration scaled(Duration base, double factor) {
			return Duration.ofNanos((long) (base.toNanos() * factor));
		}

	}

	/**
	 * What each poll leaves behind in the database ({@code poll_run},
	 * {@code database_sample}, {@code replica_sample}).
	 *
	 * @param retention how long rows are kept; zero or negative keeps them forever
	 * @param pruneInterval how often rows older than the retention are deleted
	 * @param pruneBatchSize rows deleted per statement, so one prune never holds SQLite's
	 * single writer lock long enough to make a poll's insert wait
	 */
	public record History(@DefaultValue("30d") @NotNull Duration retention,
			@DefaultValue("1h") @NotNull Duration pruneInterval, @DefaultValue("1000") @Min(1) int pruneBatchSize) {
	}

}
