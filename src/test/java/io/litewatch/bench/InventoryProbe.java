package io.litewatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.litewatch.bench.PollObserver.Poll;

/**
 * The optional row "inventory: requests to complete one full pass", for when Litewatch
 * has a background inventory that lists the whole history under a request budget
 * ({@code litewatch.inventory.enabled}, {@code litewatch.inventory.requests-per-minute}).
 * A second app is run with it enabled, and its requests are the proxy's count minus what
 * the polls themselves report ({@code s3Requests}), next to the pass's own count
 * ({@code inventory.lastPassRequests}).
 */
final class InventoryProbe {

	private InventoryProbe() {
	}

	static String measure(BenchSettings settings, Path runDir, Path config, Duration pollInterval, CountingProxy proxy,
			PidFiles pids) throws Exception {
		List<String> enabled = List.of("litewatch.inventory.enabled=true",
				"litewatch.inventory.requests-per-minute=" + settings.inventoryRequestsPerMinute());
		long started = System.nanoTime();
		long pollPath = 0;
		try (AppRun run = AppRun.start(settings, runDir.resolve("inventory"), config, pollInterval, enabled, proxy,
				pids)) {
			long deadline = System.nanoTime() + settings.inventoryTimeout().toNanos();
			while (System.nanoTime() < deadline) {
				Poll poll = run.nextPoll();
				pollPath += poll.status().s3Requests();
				if (poll.status()
					.replicas()
					.stream()
					.allMatch((r) -> r.inventory() != null && complete(r.inventory()))) {
					long requests = poll.proxySinceStart().total() - pollPath;
					Object reported = poll.status().replicas().get(0).inventory().get("lastPassRequests");
					return requests + " requests by the proxy, " + reported + " by the app ("
							+ Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s at "
							+ settings.inventoryRequestsPerMinute() + "/min)";
				}
			}
		}
		return "not complete within " + settings.inventoryTimeout();
	}

	/**
	 * Whether the replica's inventory has completed a pass ({@code state} in
	 * /api/status).
	 */
	static boolean complete(Map<String, Object> inventory) {
		return "complete".equals(inventory.get("state"));
	}

}
