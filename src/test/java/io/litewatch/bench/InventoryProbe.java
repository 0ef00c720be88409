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
 * It is measured only when {@code /api/status} replicas carry an {@code inventory}
 * object: a second app is run with it enabled, and its requests are the proxy's count
 * minus what the polls themselves report ({@code s3Requests}).
 */
final class InventoryProbe {

	private InventoryProbe() {
	}

	static String notAvailable() {
		return "n/a";
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
					return requests + " requests (" + Duration.ofNanos(System.nanoTime() - started).toSeconds()
							+ " s at " + settings.inventoryRequestsPerMinute() + "/min)";
				}
			}
		}
		return "not complete within " + settings.inventoryTimeout();
	}

	/**
	 * Whether the inventory object says one full pass is done. Its shape is not settled
	 * yet, so the usual spellings are accepted; adjust here once it is.
	 */
	static boolean complete(Map<String, Object> inventory) {
		for (Map.Entry<String, Object> field : inventory.entrySet()) {
			String name = field.getKey().toLowerCase(java.util.Locale.ROOT);
			Object value = field.getValue();
			if (value instanceof Boolean b && b && (name.equals("complete") || name.equals("completed")
					|| name.equals("passcomplete") || name.equals("done"))) {
				return true;
			}
			if (value != null && name.endsWith("completedat")) {
				return true;
			}
			if (value instanceof Number n && n.longValue() >= 1
					&& (name.equals("passes") || name.equals("completedpasses") || name.equals("fullpasses"))) {
				return true;
			}
		}
		return false;
	}

}
