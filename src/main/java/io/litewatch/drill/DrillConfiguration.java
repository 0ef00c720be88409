package io.litewatch.drill;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import tools.jackson.databind.json.JsonMapper;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.docker.ExecResult;
import io.litewatch.docker.LocalAccessory;
import io.litewatch.poll.LatestPoll;
import io.litewatch.system.FixedDelayTask;

/**
 * Restore drills: Litewatch's own Litestream process, its scratch directory, the evidence
 * table and the schedule.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DrillProperties.class)
class DrillConfiguration {

	/** How often the schedule looks for a drill that is due or asked for. */
	static final Duration TICK = Duration.ofSeconds(2);

	@Bean
	DrillRepository drillRepository(JdbcClient jdbc) {
		return new DrillRepository(jdbc, JsonMapper.builder().build());
	}

	@Bean
	DrillRunner drillRunner(LatestPoll latest, DrillRepository repository, DrillProperties drills,
			LitewatchProperties properties, Clock clock) {
		String binary = drills.binary() != null && !drills.binary().isBlank() ? drills.binary()
				: properties.localBinary();
		// Its own process runner, with the variables litestream.yml is expanded with, so
		// the replica's credentials reach the restore as they reach the accessory.
		LocalAccessory litestream = new LocalAccessory(binary, properties.expansionEnvironment(Map.of()));
		// Litestream 0.5.17 cannot start its S3 client with AWS_CA_BUNDLE set ("unable to
		// add custom RootCAs"), so a 0.5 restore never sees it.
		LocalAccessory litestream05 = drills.binary05() != null && !drills.binary05().isBlank()
				? new LocalAccessory(drills.binary05(), properties.expansionEnvironment(Map.of()),
						java.util.Set.of("AWS_CA_BUNDLE"), ExecResult.DEFAULT_OUTPUT_LIMIT_BYTES)
				: null;
		RestoreDrill drill = new RestoreDrill(new RestoreDrill.Binaries(litestream, litestream05),
				properties.litestreamConfig(), scratch(drills, properties), drills.timeout(), clock);
		return new DrillRunner(latest, drill, repository, new DrillPlanner(drills, RandomGenerator.getDefault()),
				drills, clock);
	}

	@Bean
	DrillSchedule drillSchedule(DrillRunner runner, DrillProperties drills, LitewatchProperties properties) {
		return new DrillSchedule(runner, scratch(drills, properties), TICK);
	}

	@Bean
	FixedDelayTask drillPruneTask(DrillRepository repository, DrillProperties drills, TaskScheduler scheduler,
			LitewatchProperties properties, Clock clock) {
		return new FixedDelayTask("drill pruning",
				() -> repository.deleteBefore(clock.instant().minus(drills.retention())), scheduler,
				properties.history().pruneInterval());
	}

	static Path scratch(DrillProperties drills, LitewatchProperties properties) {
		return drills.scratchDir() != null ? drills.scratchDir() : properties.dataDir().resolve("drills");
	}

}
