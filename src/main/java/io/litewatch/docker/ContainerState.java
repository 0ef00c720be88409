package io.litewatch.docker;

import java.time.Instant;

/**
 * The accessory container as Docker reports it. A missing container is a state, not an
 * error: {@code exists=false}, status {@code missing}.
 *
 * @param status running|restarting|exited|created|paused|dead|missing
 * @param startedAt null when never started
 * @param finishedAt null when it never finished
 * @param exitCode the last exit code, null while running or when it never finished
 * @param image the image as configured for the container (e.g.
 * "litestream/litestream:0.3.13")
 * @param setup how the container was started (mounts, env names …), for the restore
 * helper's commands; null when there is no container to inspect
 */
public record ContainerState(String container, boolean exists, String status, boolean running, boolean restarting,
		int restartCount, Instant startedAt, Instant finishedAt, Integer exitCode, String image, ContainerSetup setup) {

	/** A state without a container setup (a local process, or a test's container). */
	public ContainerState(String container, boolean exists, String status, boolean running, boolean restarting,
			int restartCount, Instant startedAt, Instant finishedAt, Integer exitCode, String image) {
		this(container, exists, status, running, restarting, restartCount, startedAt, finishedAt, exitCode, image,
				null);
	}

	static ContainerState missing(String container) {
		return new ContainerState(container, false, "missing", false, false, 0, null, null, null, null);
	}
}
