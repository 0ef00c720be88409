package io.litewatch.docker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.HostConfig;

/**
 * Reads a container's setup out of its inspect. The environment's values are dropped
 * here, at the boundary, so nothing past it can leak them.
 */
final class ContainerInspect {

	/**
	 * Set by the image or by Docker itself; passing it from the caller's shell would only
	 * replace the image's PATH with the host's.
	 */
	private static final List<String> NOT_SETTINGS = List.of("PATH");

	private ContainerInspect() {
	}

	static ContainerSetup setup(InspectContainerResponse inspect) {
		ContainerConfig config = inspect.getConfig();
		HostConfig host = inspect.getHostConfig();
		List<ContainerMount> mounts = new ArrayList<>();
		if (inspect.getMounts() != null) {
			for (InspectContainerResponse.Mount m : inspect.getMounts()) {
				String name = m.getName();
				boolean volume = name != null && !name.isBlank() && m.getDriver() != null && !m.getDriver().isBlank();
				mounts.add(new ContainerMount(volume ? name : null, blankToNull(m.getSource()),
						m.getDestination() == null ? null : m.getDestination().getPath(),
						!Boolean.TRUE.equals(m.getRW())));
			}
		}
		List<String> env = new ArrayList<>();
		if (config != null && config.getEnv() != null) {
			for (String entry : config.getEnv()) {
				String name = ContainerSetup.envName(entry);
				if (!name.isEmpty() && !NOT_SETTINGS.contains(name) && !env.contains(name)) {
					env.add(name);
				}
			}
		}
		return new ContainerSetup(config == null ? inspect.getImageId() : config.getImage(),
				config == null ? List.of() : list(config.getEntrypoint()),
				config == null ? List.of() : list(config.getCmd()), mounts,
				host == null || host.getNetworkMode() == null ? "default" : host.getNetworkMode(),
				config == null ? null : blankToNull(config.getUser()), env);
	}

	private static List<String> list(String[] values) {
		return values == null ? List.of() : Arrays.asList(values);
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s;
	}

}
