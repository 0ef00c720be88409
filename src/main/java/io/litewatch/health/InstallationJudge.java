package io.litewatch.health;

import io.litewatch.config.LitestreamDialect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.litewatch.config.ConfigIssue;
import io.litewatch.docker.ContainerState;

/**
 * Findings about the whole installation: the config file, the Docker Engine, the
 * accessory, whether the accessory runs the same config, and Litewatch's own store. Pure.
 */
final class InstallationJudge {

	List<Finding> judge(PollObservation observation) {
		List<Finding> findings = new ArrayList<>();
		ConfigObservation config = observation.config();
		if (config.error() != null) {
			String still = config.watched()
					? " Still watching the last valid version (" + Finding.when(config.watchedModifiedAt())
							+ "); the running Litestream keeps the config it started with until it restarts."
					: " Litestream would refuse to start with it.";
			findings.add(Finding.critical(FindingCode.CONFIG_INVALID, config.error().getMessage() + "." + still));
		}
		for (ConfigIssue issue : config.issues()) {
			if (issue.dbPath() == null) {
				findings.add(issue.finding());
			}
		}
		findings.addAll(accessory(observation.accessory(), observation.previousAccessory()));
		version(observation.accessory(), findings);
		compareWithAccessory(observation.databases(), config, observation.accessoryDatabases(), findings);
		StoreFailure store = observation.storeFailure();
		if (store != null) {
			// A warning: the replicas are as safe as before, polls and alerts go on, and
			// what waits is written once the store takes writes again.
			findings.add(Finding.warning(FindingCode.STORE_FAILED,
					"Litewatch cannot write its state database since " + Finding.when(store.since()) + " ("
							+ store.what() + "): " + store.reason() + ". History is not being recorded; polls, "
							+ "the status and alerts go on, notifications are delivered from memory"
							+ (store.waiting() != null ? "; waiting to be written: " + store.waiting() : "")
							+ ". A restart now loses what waits."));
		}
		HeartbeatFailure heartbeat = observation.heartbeatFailure();
		if (heartbeat != null) {
			findings.add(Finding.warning(FindingCode.HEARTBEAT_FAILED,
					"The heartbeat to " + heartbeat.target() + " fails since " + Finding.when(heartbeat.since()) + ": "
							+ heartbeat.reason() + ". The dead-man's switch hears nothing and will page as if "
							+ "Litewatch were down."));
		}
		return findings;
	}

	/** A Litestream newer than Litewatch knows is read as the nearest it does: say so. */
	private static void version(AccessoryState state, List<Finding> findings) {
		LitestreamDialect.ofVersion(state.litestreamVersion())
			.filter((reading) -> !reading.known())
			.ifPresent((reading) -> findings.add(Finding.warning(FindingCode.LITESTREAM_VERSION_UNKNOWN,
					"Container " + state.container() + " runs Litestream " + state.litestreamVersion()
							+ ", which this Litewatch does not know; it reads its config and replicas as Litestream "
							+ reading.dialect().label() + " does. Figures may be wrong where that version changed "
							+ "them; upgrade Litewatch.")));
	}

	private static List<Finding> accessory(AccessoryState state, AccessoryState previous) {
		if (!state.engineReachable()) {
			return List.of(Finding.critical(FindingCode.DOCKER_UNREACHABLE, "Cannot reach the Docker Engine at "
					+ state.dockerHost() + ": " + state.error() + ". Whether Litestream runs is unknown."));
		}
		ContainerState c = state.state();
		if (!c.exists()) {
			return List.of(Finding.critical(FindingCode.ACCESSORY_DOWN, "Container " + state.container()
					+ " does not exist: nothing replicates the databases. (Set litewatch.docker.container to the "
					+ "accessory's name, e.g. myapp-litestream under Kamal.)"));
		}
		if (c.restarting()) {
			return List.of(Finding.critical(FindingCode.ACCESSORY_DOWN,
					"Container " + state.container() + " is restarting (restart count " + c.restartCount() + exitCode(c)
							+ "): Litestream keeps crashing."));
		}
		ContainerState before = previous != null && previous.state() != null && previous.state().exists()
				? previous.state() : null;
		int restartsSince = before != null ? c.restartCount() - before.restartCount() : 0;
		// Docker counts a restart when it begins the back-off, so a container caught
		// running
		// right after "restarting" may show no new restart: it is back, but not yet seen
		// to stay.
		if (before != null && before.restarting() && c.running()) {
			return List.of(Finding.critical(FindingCode.ACCESSORY_DOWN,
					"Container " + state.container() + " was restarting at the last poll and runs again since "
							+ Finding.when(c.startedAt()) + " (restart count " + c.restartCount()
							+ "): not yet seen to stay up."));
		}
		if (c.running() && restartsSince > 0) {
			return List.of(Finding.critical(FindingCode.ACCESSORY_DOWN,
					"Container " + state.container() + " restarted " + restartsSince
							+ (restartsSince == 1 ? " time" : " times") + " since the last poll (restart count "
							+ c.restartCount() + ", running again since " + Finding.when(c.startedAt())
							+ "): Litestream crashed, and keeps crashing if this persists."));
		}
		if (!c.running()) {
			return List.of(Finding.critical(FindingCode.ACCESSORY_DOWN,
					"Container " + state.container() + " is " + c.status()
							+ (c.finishedAt() != null ? " since " + Finding.when(c.finishedAt()) : "")
							+ (c.exitCode() != null ? " (exit code " + c.exitCode() + ")" : "")
							+ ": nothing replicates the databases."));
		}
		return List.of();
	}

	/**
	 * The accessory may run another config than the file Litewatch reads (a stale mount,
	 * another path).
	 */
	private static void compareWithAccessory(List<DatabaseObservation> databases, ConfigObservation file,
			AccessoryDatabases accessory, List<Finding> findings) {
		if (accessory.error() != null) {
			findings.add(Finding.warning(FindingCode.EXEC_FAILED, accessory.error()));
			return;
		}
		if (accessory.paths() == null) {
			return;
		}
		Set<String> configured = new HashSet<>();
		for (DatabaseObservation db : databases) {
			configured.add(db.config().path());
		}
		if (!accessory.paths().equals(configured)) {
			Set<String> missing = new HashSet<>(configured);
			missing.removeAll(accessory.paths());
			Set<String> extra = new HashSet<>(accessory.paths());
			extra.removeAll(configured);
			findings.add(Finding.warning(FindingCode.CONFIG_SUSPICIOUS,
					"The accessory's own config differs from " + file.file()
							+ (missing.isEmpty() ? "" : "; it does not replicate " + missing)
							+ (extra.isEmpty() ? "" : "; it also replicates " + extra)
							+ ". Mount the same litestream.yml into both, or restart the accessory after editing it."));
		}
	}

	private static String exitCode(ContainerState c) {
		return c.exitCode() != null ? ", last exit code " + c.exitCode() : "";
	}

}
