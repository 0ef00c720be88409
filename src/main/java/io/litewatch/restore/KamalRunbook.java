package io.litewatch.restore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.litewatch.docker.ContainerMount;
import io.litewatch.docker.ContainerSetup;

/**
 * The restore with Kamal 2, from the app's directory on a workstation. What Kamal does
 * with each command is from its source (lib/kamal/cli/accessory.rb,
 * lib/kamal/commands/accessory.rb): {@code kamal accessory exec NAME CMD} without
 * {@code --reuse} runs {@code docker run --rm} with the accessory's network, env (its
 * clear variables and its secrets' env file), volumes, files and options, then its image
 * and the command's words joined by spaces, which the host's shell splits again. With
 * {@code --reuse} it would {@code docker exec} into the accessory's container, which is
 * stopped by then. The words go after the image, so the image's ENTRYPOINT (litestream in
 * the official image) runs them.
 */
final class KamalRunbook {

	static final String ACCESSORY = "LITESTREAM_ACCESSORY";

	static final String HOST = "ACCESSORY_HOST";

	private KamalRunbook() {
	}

	static Runbook of(RestorePlan plan, String dbPath, RestoreTarget target, Instant now) {
		List<String> notes = new ArrayList<>();
		String accessory = target.kamal().map(RestoreTarget.KamalName::accessory).orElse(null);
		if (accessory == null) {
			notes.add("The container's name " + target.container() + " is not Kamal's <service>-<accessory>: replace "
					+ ACCESSORY + " with the accessory's name in config/deploy.yml.");
			accessory = ACCESSORY;
		}
		else {
			notes.add("The accessory's name, " + accessory + ", is read from the container's name " + target.container()
					+ "; check it in config/deploy.yml.");
		}
		notes.add("Replace " + HOST + " with the accessory's host in config/deploy.yml: kamal server exec runs on "
				+ "every server without --hosts.");
		ContainerSetup setup = target.setup();
		String hostDb = setup == null ? null : setup.mountOf(dbPath).map((m) -> m.hostPath(dbPath)).orElse(null);
		if (hostDb == null) {
			hostDb = DockerRunbook.DB_ON_HOST;
			notes.add("Replace " + DockerRunbook.DB_ON_HOST + " with where " + dbPath
					+ " is on the host: Litewatch did not see the container's mounts.");
		}
		String aside = RestoreSteps.asideName(hostDb, now);
		List<Runbook.Step> steps = new ArrayList<>();
		RestoreSteps.Invocation run = RestoreSteps.invocation(setup);
		List<String> dryRun = RestoreSteps.dryRunArgs(plan, dbPath, target.configPath(), target.version());
		if (!dryRun.isEmpty()) {
			steps.add(RestoreSteps.dryRunStep(exec(accessory, run, dryRun)));
		}
		steps.add(new Runbook.Step("Stop the app, then Litestream",
				"kamal app stop stops the app's containers on every server (and takes them out of kamal-proxy); "
						+ "kamal accessory stop stops Litestream's, so it does not replicate a half-restored file.",
				List.of(Shell.line(List.of("kamal", "app", "stop")),
						Shell.line(List.of("kamal", "accessory", "stop", accessory)))));
		steps.add(new Runbook.Step("Move the current database aside",
				"kamal server exec runs a command on the host over SSH: Litestream refuses to restore over an existing "
						+ "file, and a -wal left next to the restored one would be replayed into it.",
				onHost(RestoreSteps.moveAside(hostDb, aside))));
		if (!run.dockerFlags().isEmpty()) {
			notes.add("The accessory's image does not start litestream itself, and kamal accessory exec cannot "
					+ "replace its entrypoint: use the docker command above.");
		}
		steps.add(new Runbook.Step("Restore to " + RestorePlan.text(plan.at()),
				"kamal accessory exec without --reuse starts a new container (docker run --rm) with the accessory's "
						+ "image, env, secrets, volumes and files; the words after the name are its command, run by the "
						+ "image's entrypoint, litestream. (--reuse would exec into the stopped container and fail.)",
				List.of(Shell
					.line(exec(accessory, run, RestoreSteps.restoreArgs(plan, dbPath, target.configPath()))))));
		steps.add(new Runbook.Step("Give the restored file the old one's owner and mode",
				"Litestream creates it as root with mode 0600; Rails 8's image runs the app as uid 1000.",
				onHost(RestoreSteps.ownership(hostDb, aside))));
		steps.add(new Runbook.Step("Start Litestream, then the app", plan.ltx() != null ? RestoreSteps.RESTART_05
				: "Litestream starts a new generation from the restored database; the old ones stay in the bucket "
						+ "until retention removes them.",
				List.of(Shell.line(List.of("kamal", "accessory", "start", accessory)),
						Shell.line(List.of("kamal", "app", "start")))));
		String volume = setup == null ? null : setup.mountOf(dbPath).map(ContainerMount::volume).orElse(null);
		return new Runbook("kamal", "With Kamal, from the app's directory", "Run these where you run kamal deploy"
				+ (volume == null ? "." : "; the database is in volume " + volume + "."), steps, notes);
	}

	/**
	 * {@code kamal accessory exec NAME "<words>"}: Kamal joins the words with spaces and
	 * the host's shell splits them again, so they go as one quoted line.
	 */
	private static List<String> exec(String accessory, RestoreSteps.Invocation run, List<String> litestreamArgs) {
		List<String> words = new ArrayList<>(run.prefix());
		words.addAll(litestreamArgs);
		return List.of("kamal", "accessory", "exec", accessory, Shell.line(words));
	}

	/** Each line run by the host's shell through {@code kamal server exec}. */
	private static List<String> onHost(List<String> lines) {
		return lines.stream()
			.map((line) -> Shell.line(List.of("kamal", "server", "exec", "--hosts", HOST, line)))
			.toList();
	}

}
