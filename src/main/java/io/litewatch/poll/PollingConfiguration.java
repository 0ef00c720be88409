package io.litewatch.poll;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.litewatch.config.LitestreamConfigFile;
import io.litewatch.config.LitestreamConfigParser;
import io.litewatch.config.LitestreamDialect;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.docker.DockerAccessory;
import io.litewatch.docker.LitestreamAccessory;
import io.litewatch.docker.LocalAccessory;
import io.litewatch.inventory.InventoryBook;
import io.litewatch.inventory.ListingMemoryKeeper;
import io.litewatch.health.PollEvaluator;
import io.litewatch.health.ReplicaEvaluator;
import io.litewatch.s3.S3ClientFactory;
import io.litewatch.s3.LtxLister;
import io.litewatch.s3.S3ReplicaLister;
import io.litewatch.system.FixedDelayTask;
import io.litewatch.system.HeartbeatHealth;
import io.litewatch.system.StoreHealth;

/** Wires the collectors, the evaluator and the poll cycle, and schedules the poll. */
@Configuration(proxyBeanMethods = false)
class PollingConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	LitestreamConfigFile litestreamConfigFile(LitewatchProperties properties) {
		// Expanded with Litewatch's own environment: give it the same variables as the
		// accessory.
		return new LitestreamConfigFile(properties.litestreamConfig(), new LitestreamConfigParser(
				properties.expansionEnvironment(System.getenv()), Path.of("").toAbsolutePath()));
	}

	@Bean(destroyMethod = "close")
	LitestreamAccessory litestreamAccessory(LitewatchProperties properties) {
		if (properties.accessory() == LitewatchProperties.Accessory.LOCAL) {
			return new LocalAccessory(properties.localBinary(), properties.expansionEnvironment(Map.of()));
		}
		LitewatchProperties.Docker docker = properties.docker();
		return new DockerAccessory(docker.effectiveHost(System.getenv("DOCKER_HOST")), docker.container(),
				docker.apiTimeout());
	}

	/** A local litestream reads the very file Litewatch reads, unless told otherwise. */
	private static LitewatchProperties.Docker commandSettings(LitewatchProperties properties) {
		LitewatchProperties.Docker docker = properties.docker();
		if (properties.accessory() != LitewatchProperties.Accessory.LOCAL || !docker.configPath().isBlank()) {
			return docker;
		}
		return new LitewatchProperties.Docker(docker.host(), docker.container(),
				properties.litestreamConfig().toAbsolutePath().toString(), docker.execTimeout(), docker.apiTimeout(),
				docker.generationsInterval(), docker.databasesInterval());
	}

	@Bean(destroyMethod = "close")
	S3ClientFactory s3ClientFactory(LitewatchProperties properties) {
		return new S3ClientFactory(properties.s3().apiCallTimeout());
	}

	@Bean(destroyMethod = "close")
	S3ReplicaLister s3ReplicaLister(S3ClientFactory clients, Clock clock, LitewatchProperties properties,
			ListingMemoryKeeper memory) {
		S3ReplicaLister lister = new S3ReplicaLister(clients, clock, properties.s3().fullListingInterval(),
				memory.load());
		memory.keep(lister);
		return lister;
	}

	@Bean
	LtxLister ltxLister(S3ClientFactory clients, Clock clock, LitewatchProperties properties) {
		return new LtxLister(clients, clock, properties.s3().fullListingInterval());
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService pollExecutor(LitewatchProperties properties) {
		AtomicInteger count = new AtomicInteger();
		return Executors.newFixedThreadPool(properties.pollConcurrency(), (runnable) -> {
			Thread thread = new Thread(runnable, "litewatch-poll-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	PollCycle pollCycle(LitestreamConfigFile configFile, LitestreamAccessory accessory, S3ReplicaLister lister,
			LtxLister ltxLister, ExecutorService pollExecutor, LatestPoll latest, Clock clock,
			LitewatchProperties properties, StoreHealth store, HeartbeatHealth heartbeat, InventoryBook inventory,
			ApplicationEventPublisher events, DrillBook drills) {
		LitestreamCommands commands = new LitestreamCommands(accessory, commandSettings(properties), clock);
		// Built once: the listers remember each replica between polls.
		ReplicaFormats formats = new ReplicaFormats(
				Map.of(LitestreamDialect.V0_3, new Replica03Format(commands, lister, inventory), LitestreamDialect.V0_5,
						new Replica05Format(ltxLister)));
		DatabaseCollector collector = new DatabaseCollector(accessory, formats);
		PollEvaluator evaluator = new PollEvaluator(new ReplicaEvaluator(properties.health()));
		LitewatchProperties.Docker docker = properties.docker();
		boolean local = properties.accessory() == LitewatchProperties.Accessory.LOCAL;
		DatabaseReadings readings = new DatabaseReadings(collector, pollExecutor, readingDeadlines(properties), clock);
		AccessoryQuestions questions = new AccessoryQuestions(commands, docker.databasesInterval(), pollExecutor,
				properties.pollInterval().dividedBy(2), clock);
		return new PollCycle(configFile, accessory, commands, questions, readings, evaluator, store, heartbeat, latest,
				clock, local ? "local" : docker.effectiveHost(System.getenv("DOCKER_HOST")),
				local ? "litestream replicate (local)" : docker.container(), events, drills);
	}

	/**
	 * How long one database's collection may take. At least the poll interval, and long
	 * enough for its own sources to time out first (two execs, then the S3 listing): a
	 * source that hangs is then named by its own finding (EXEC_FAILED, S3_UNREACHABLE),
	 * and only a collection stuck beyond every timeout becomes COLLECTION_TIMED_OUT.
	 */
	/**
	 * A poll is published a poll interval after its readings started; a reading not done
	 * by then is shown as late and goes on, and is given up at the collection deadline
	 * (never shorter than the interval).
	 */
	static DatabaseReadings.Deadlines readingDeadlines(LitewatchProperties properties) {
		return new DatabaseReadings.Deadlines(properties.pollInterval(), collectionDeadline(properties));
	}

	static Duration collectionDeadline(LitewatchProperties properties) {
		Duration sources = properties.docker()
			.execTimeout()
			.multipliedBy(2)
			.plus(properties.docker().apiTimeout())
			.plus(properties.s3().apiCallTimeout());
		return sources.compareTo(properties.pollInterval()) > 0 ? sources : properties.pollInterval();
	}

	/** Named for the health endpoint: {@code polls}, part of the readiness group. */
	@Bean("polls")
	PollFreshness pollFreshness(LatestPoll latest, LitewatchProperties properties, Clock clock) {
		return new PollFreshness(latest, properties.pollInterval(), collectionDeadline(properties), clock);
	}

	@Bean
	FixedDelayTask pollTask(PollCycle cycle, LitewatchProperties properties) {
		return FixedDelayTask.onOwnThread("poll", cycle::poll, properties.pollInterval());
	}

}
