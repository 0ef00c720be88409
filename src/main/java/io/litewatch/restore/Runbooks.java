package io.litewatch.restore;

import java.time.Instant;
import java.util.List;

/** Which runbooks a restore gets: by how Litestream runs and what the last poll saw. */
public final class Runbooks {

	private Runbooks() {
	}

	/**
	 * @param now names the moved-aside files
	 */
	public static List<Runbook> of(RestorePlan plan, String dbPath, RestoreTarget target, Instant now) {
		if (target.local()) {
			return List.of(HostRunbook.of(plan, dbPath, target, now));
		}
		if (target.setup() == null) {
			// Without the inspect the docker command would be a guess; Kamal knows the
			// accessory itself.
			return List.of(KamalRunbook.of(plan, dbPath, target, now));
		}
		return List.of(DockerRunbook.of(plan, dbPath, target, now), KamalRunbook.of(plan, dbPath, target, now));
	}

}
