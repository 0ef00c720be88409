package io.litewatch.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

import io.litewatch.config.ConfigLoad;
import io.litewatch.config.LitestreamDialect;
import io.litewatch.config.LitestreamConfig;
import io.litewatch.config.LitestreamConfigFile;
import io.litewatch.docker.ContainerState;
import io.litewatch.docker.DockerAccessException;
import io.litewatch.docker.EngineInfo;
import io.litewatch.docker.LitestreamAccessory;
import io.litewatch.health.AccessoryState;
import io.litewatch.health.ConfigObservation;
import io.litewatch.health.DatabaseObservation;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.Diagnosis;
import io.litewatch.health.PollEvaluator;
import io.litewatch.health.PollObservation;
import io.litewatch.system.HeartbeatHealth;
import io.litewatch.system.StoreHealth;

/**
 * The one place where a poll happens, in this order: config → accessory → every database
 * ({@link DatabaseReadings}: concurrent, each on its own, late ones published as late) →
 * judged once by {@link PollEvaluator} → one immutable {@link PollResult} → published.
 */
public class PollCycle {

	private static final Logger log = LoggerFactory.getLogger(PollCycle.class);

	private final LitestreamConfigFile configFile;

	private final LitestreamAccessory accessory;

	private final LitestreamCommands commands;

	private final AccessoryQuestions questions;

	private final DatabaseReadings readings;

	private final PollEvaluator evaluator;

	private final StoreHealth store;

	private final HeartbeatHealth heartbeat;

	private final LatestPoll latest;

	private final Clock clock;

	private final String dockerHost;

	private final String container;

	private final ApplicationEventPublisher events;

	private final DrillBook drills;

	private LitestreamConfig lastValid;

	private Instant lastValidModifiedAt;

	/**
	 * The last version the accessory printed: a stopped container keeps how the file
	 * reads.
	 */
	private String lastVersion;

	private long sequence;

	private String lastFailure;

	public PollCycle(LitestreamConfigFile configFile, LitestreamAccessory accessory, LitestreamCommands commands,
			AccessoryQuestions questions, DatabaseReadings readings, PollEvaluator evaluator, StoreHealth store,
			HeartbeatHealth heartbeat, LatestPoll latest, Clock clock, String dockerHost, String container,
			ApplicationEventPublisher events, DrillBook drills) {
		this.configFile = configFile;
		this.accessory = accessory;
		this.commands = commands;
		this.questions = questions;
		this.readings = readings;
		this.evaluator = evaluator;
		this.store = store;
		this.heartbeat = heartbeat;
		this.latest = latest;
		this.clock = clock;
		this.dockerHost = dockerHost;
		this.container = container;
		this.events = events;
		this.drills = drills;
	}

	/**
	 * Runs one poll and publishes it. Never throws: the scheduler must keep going. A poll
	 * that fails publishes nothing, so the last result ages into POLL_STALLED rather than
	 * passing for a fresh one.
	 * @return this poll's result, or the last published one when this poll failed
	 */
	public synchronized PollResult poll() {
		latest.polling(true);
		try {
			PollResult result = collect();
			latest.publish(result);
			lastFailure = null;
			events.publishEvent(new PollCompletedEvent(result));
			log.debug("poll {} done in {} ms: {}", result.sequence(), result.duration().toMillis(), result.status());
			return result;
		}
		catch (RuntimeException ex) {
			// The trace once per kind of failure: a poll every few seconds would
			// flood the log.
			if (!String.valueOf(ex).equals(lastFailure)) {
				log.error("poll failed; nothing is published until a poll completes", ex);
			}
			else {
				log.warn("poll failed again: {}", ex.toString());
			}
			lastFailure = String.valueOf(ex);
			return latest.get().orElse(null);
		}
		finally {
			latest.polling(false);
		}
	}

	private PollResult collect() {
		Instant started = clock.instant();
		// The accessory first: the Litestream it runs decides how the file reads.
		AccessoryState accessoryState = probeAccessory();
		ConfigLoad load = loadConfig(accessoryState);
		if (load.valid()) {
			lastValid = load.config();
			lastValidModifiedAt = load.modifiedAt();
		}
		LitestreamConfig config = lastValid;
		boolean runCli = load.valid();
		AccessoryAnswers answers = accessoryState.running() && config != null && runCli
				? questions.ask(config, accessoryState, lastValidModifiedAt) : AccessoryAnswers.notAsked();

		PollResult previousPoll = latest.get().orElse(null);
		List<DatabaseObservation> observed = config != null
				? readings.read(config.dbs(), accessoryState, runCli, answers) : List.of();
		// The accessory's CLI re-read the file during the poll: a file broken meanwhile
		// is the
		// cause of whatever the CLI said, so it counts as this poll's config error too.
		ConfigLoad after = load.valid() ? loadConfig(accessoryState) : load;
		ConfigLoad shown = after.valid() ? load : after;
		ConfigObservation configObservation = new ConfigObservation(load.file(), shown.error(), config != null,
				lastValidModifiedAt, config != null ? config.issues() : List.of());
		PollObservation observation = new PollObservation(configObservation, accessoryState, answers.databases(),
				observed, store.failure().orElse(null), previousPoll != null ? previousPoll.accessory() : null,
				drills.observe(config != null ? config.dbs() : List.of()), heartbeat.failure().orElse(null));

		Map<String, DatabaseStatus> previous = new HashMap<>();
		if (previousPoll != null) {
			previousPoll.databases().forEach((db) -> previous.put(db.path(), db));
		}
		Diagnosis diagnosis = evaluator.evaluate(observation, previous, clock.instant());
		ConfigState configState = shown.valid()
				? new ConfigState(shown.file(), true, 0, null, shown.modifiedAt(), false)
				: new ConfigState(shown.file(), false, shown.error().line(), shown.error().reason(), shown.modifiedAt(),
						config != null);
		Instant finished = clock.instant();
		return new PollResult(++sequence, finished, Duration.between(started, finished), diagnosis.status(),
				diagnosis.findings(), configState, accessoryState, diagnosis.databases(), diagnosis.held());
	}

	/**
	 * Reads the file as the accessory's Litestream does; as the last one seen did while
	 * the accessory cannot be asked, and from the file's own keys before any was seen.
	 */
	private ConfigLoad loadConfig(AccessoryState accessoryState) {
		String version = accessoryState.litestreamVersion();
		if (version != null && LitestreamDialect.ofVersion(version).isPresent()) {
			lastVersion = version;
		}
		if (lastVersion == null) {
			return configFile.load();
		}
		LitestreamDialect.Reading reading = LitestreamDialect.ofVersion(lastVersion).orElseThrow();
		return configFile.load(reading.dialect(), "Litestream " + lastVersion + " runs it"
				+ (version == null ? " (as last seen in " + container + ")" : " (" + container + ")"));
	}

	private AccessoryState probeAccessory() {
		try {
			EngineInfo engine = accessory.engine();
			ContainerState state = accessory.containerState();
			String version = state.running() && !state.restarting() ? commands.version(state.startedAt()) : null;
			return new AccessoryState(dockerHost, container, engine, state, version, null);
		}
		catch (DockerAccessException ex) {
			return new AccessoryState(dockerHost, container, null, null, null, ex.getMessage());
		}
	}

}
