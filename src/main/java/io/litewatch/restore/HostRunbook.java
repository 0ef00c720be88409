package io.litewatch.restore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The restore on a host that runs Litestream as a process (systemd), with the same binary
 * and file Litewatch runs ({@code litewatch.accessory=local}).
 */
final class HostRunbook {

	static final String SERVICE = "litestream";

	private HostRunbook() {
	}

	static Runbook of(RestorePlan plan, String dbPath, RestoreTarget target, Instant now) {
		String aside = RestoreSteps.asideName(dbPath, now);
		List<String> restore = new ArrayList<>(List.of(target.binary()));
		restore.addAll(RestoreSteps.restoreArgs(plan, dbPath, target.configPath()));
		List<Runbook.Step> steps = new ArrayList<>();
		List<String> dryRun = RestoreSteps.dryRunArgs(plan, dbPath, target.configPath(), target.version());
		if (!dryRun.isEmpty()) {
			List<String> check = new ArrayList<>(List.of(target.binary()));
			check.addAll(dryRun);
			steps.add(RestoreSteps.dryRunStep(check));
		}
		steps.addAll(List.of(
				new Runbook.Step("Stop the app, then Litestream",
						"Stop every process that writes the database first (APP_SERVICE is a placeholder), then "
								+ "Litestream, so it does not replicate a half-restored file.",
						List.of(Shell.line(List.of("systemctl", "stop", "APP_SERVICE")),
								Shell.line(List.of("systemctl", "stop", SERVICE)))),
				new Runbook.Step("Move the current database aside",
						"Litestream refuses to restore over an existing file, and a -wal left next to the restored "
								+ "one would be replayed into it.",
						RestoreSteps.moveAside(dbPath, aside)),
				new Runbook.Step("Restore to " + RestorePlan.text(plan.at()),
						"Run it as the user Litestream runs as, with the same environment (its S3 variables).",
						List.of(Shell.line(restore))),
				new Runbook.Step("Give the restored file the old one's owner and mode",
						"Litestream creates it as the user running it, with mode 0600.",
						RestoreSteps.ownership(dbPath, aside)),
				new Runbook.Step("Start Litestream, then the app",
						plan.ltx() != null ? RestoreSteps.RESTART_05
								: "Litestream starts a new generation from the restored database.",
						List.of(Shell.line(List.of("systemctl", "start", SERVICE)),
								Shell.line(List.of("systemctl", "start", "APP_SERVICE"))))));
		return new Runbook("host", "On the host, with the litestream binary",
				"Litestream runs here as a process; the systemd unit names are guesses: check them.", steps, List.of());
	}

}
