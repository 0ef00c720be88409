package io.litewatch.docker;

import java.util.List;
import java.util.Optional;

/**
 * How the accessory container was started, from its inspect, so that a restore can start
 * a container like it: the image, what runs, the mounts, the network and the names of its
 * environment variables. Never their values: they hold the S3 secrets, and this record
 * reaches pages.
 *
 * @param entrypoint the image's or the container's entrypoint, empty when none
 * @param cmd the container's command, e.g. {@code [replicate]}
 * @param network the network mode it was started with ({@code kamal}, {@code host},
 * {@code default} …)
 * @param user the user it runs as, or null for the image's
 * @param envNames the variables set in the container, by name only
 */
public record ContainerSetup(String image, List<String> entrypoint, List<String> cmd, List<ContainerMount> mounts,
		String network, String user, List<String> envNames) {

	public ContainerSetup {
		entrypoint = List.copyOf(entrypoint);
		cmd = List.copyOf(cmd);
		mounts = List.copyOf(mounts);
		envNames = List.copyOf(envNames);
	}

	/**
	 * The mount that holds {@code path} inside the container: the deepest one, as the
	 * kernel resolves it.
	 */
	public Optional<ContainerMount> mountOf(String path) {
		return mounts.stream()
			.filter((m) -> m.holds(path))
			.max((a, b) -> Integer.compare(a.destination().length(), b.destination().length()));
	}

	/** The name of a {@code NAME=value} entry; the value is never kept. */
	static String envName(String entry) {
		int eq = entry.indexOf('=');
		return eq < 0 ? entry : entry.substring(0, eq);
	}

}
