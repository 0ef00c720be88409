package io.litewatch.restore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.litewatch.docker.ContainerMount;
import io.litewatch.docker.ContainerSetup;

/**
 * The restore with plain docker commands on the accessory's host, recreating the
 * accessory's container from what its inspect said.
 */
final class DockerRunbook {

	static final String APP_CONTAINER = "APP_CONTAINER";

	static final String DB_ON_HOST = "DB_ON_HOST";

	private DockerRunbook() {
	}

	static Runbook of(RestorePlan plan, String dbPath, RestoreTarget target, Instant now) {
		ContainerSetup setup = target.setup();
		String container = target.container();
		List<String> notes = new ArrayList<>();
		Optional<ContainerMount> dbMount = setup.mountOf(dbPath);
		String hostDb = dbMount.map((m) -> m.hostPath(dbPath)).orElse(null);
		if (hostDb == null) {
			notes.add("Litewatch could not tell where " + dbPath + " is on the host (it is on no volume or bind "
					+ "mount of " + container + " that Docker describes): replace " + DB_ON_HOST + " with it.");
			hostDb = DB_ON_HOST;
		}
		String aside = RestoreSteps.asideName(hostDb, now);
		List<Runbook.Step> steps = new ArrayList<>();
		List<String> dryRun = RestoreSteps.dryRunArgs(plan, dbPath, target.configPath(), target.version());
		if (!dryRun.isEmpty()) {
			steps.add(RestoreSteps.dryRunStep(dockerRun(dryRun, dbPath, target, new ArrayList<>())));
		}
		String appList = target.kamal()
			.map((k) -> " (a Kamal app's: docker ps --filter label=service=" + k.service() + ")")
			.orElse("");
		steps.add(new Runbook.Step("Stop the app, then Litestream",
				"Replace " + APP_CONTAINER + " with every container that writes the database" + appList
						+ "; from your workstation kamal app stop does the same. Litestream stops too, so it does not "
						+ "replicate a half-restored file.",
				List.of(Shell.line(List.of("docker", "stop", APP_CONTAINER)),
						Shell.line(List.of("docker", "stop", container)))));
		steps.add(new Runbook.Step("Move the current database aside",
				"Litestream refuses to restore over an existing file (\"cannot restore, output path already "
						+ "exists\"), and a -wal left next to the restored file would be replayed into it. Run as root on "
						+ "the host"
						+ dbMount.filter((m) -> m.source() != null).map((m) -> ": " + describe(m) + ".").orElse("."),
				RestoreSteps.moveAside(hostDb, aside)));
		steps.add(new Runbook.Step("Restore to " + RestorePlan.text(plan.at()), restoreExplanation(setup),
				List.of(Shell.line(dockerRun(plan, dbPath, target, notes)))));
		steps.add(new Runbook.Step("Give the restored file the old one's owner and mode",
				"Litestream creates it as the container's user with mode 0600; the app may run as another user "
						+ "(Rails 8's image runs as uid 1000).",
				RestoreSteps.ownership(hostDb, aside)));
		steps.add(new Runbook.Step("Start Litestream, then the app", plan.ltx() != null ? RestoreSteps.RESTART_05
				: "Litestream sees a database that does not match its last position and starts a new generation; the "
						+ "old generations stay in the bucket until retention removes them.",
				List.of(Shell.line(List.of("docker", "start", container)),
						Shell.line(List.of("docker", "start", APP_CONTAINER)))));
		return new Runbook("docker", "With docker, on the accessory's host",
				"Run these on the host of " + container + ", one block at a time, checking each.", steps, notes);
	}

	/**
	 * {@code docker run --rm} with the accessory's image, network, user, mounts and
	 * environment names, then the restore's own words.
	 */
	static List<String> dockerRun(RestorePlan plan, String dbPath, RestoreTarget target, List<String> notes) {
		return dockerRun(RestoreSteps.restoreArgs(plan, dbPath, target.configPath()), dbPath, target, notes);
	}

	private static List<String> dockerRun(List<String> litestreamArgs, String dbPath, RestoreTarget target,
			List<String> notes) {
		ContainerSetup setup = target.setup();
		List<String> words = new ArrayList<>(List.of("docker", "run", "--rm"));
		if (!List.of("default", "bridge").contains(setup.network())) {
			words.add("--network");
			words.add(setup.network());
		}
		if (setup.user() != null) {
			words.add("--user");
			words.add(setup.user());
		}
		words.addAll(RestoreSteps.volumes(setup, dbPath));
		for (String name : setup.envNames()) {
			words.add("-e");
			words.add(name);
		}
		RestoreSteps.Invocation run = RestoreSteps.invocation(setup);
		if (run.note() != null) {
			notes.add(run.note());
		}
		words.addAll(run.dockerFlags());
		words.add(setup.image());
		words.addAll(run.prefix());
		words.addAll(litestreamArgs);
		if (setup.mountOf(target.configPath()).isEmpty()) {
			notes.add(target.configPath() + " is on no mount of " + target.container()
					+ ": the new container sees it only if the image holds it.");
		}
		if (!target.configPathSet() && setup.envNames().contains("LITESTREAM_CONFIG")) {
			notes.add("The accessory sets LITESTREAM_CONFIG, whose value Litewatch does not read: if it is not "
					+ RestoreTarget.DEFAULT_CONFIG + ", set litewatch.docker.config-path to it.");
		}
		return words;
	}

	private static String restoreExplanation(ContainerSetup setup) {
		String env = setup.envNames().isEmpty() ? "" : " Each -e NAME passes that variable from your shell, so export "
				+ String.join(", ", setup.envNames()) + " first (the accessory's values; Litewatch never shows them).";
		return "A new container from the accessory's image (" + setup.image() + "), with its mounts and network, runs "
				+ "litestream restore into the database's own path." + env;
	}

	private static String describe(ContainerMount m) {
		return m.volume() != null
				? m.source() + " is where Docker keeps volume " + m.volume() + " (mounted at " + m.destination() + ")"
				: m.source() + " is bind-mounted at " + m.destination();
	}

}
