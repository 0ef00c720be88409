package io.litewatch.restore;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.litewatch.docker.ContainerSetup;

/**
 * Where Litestream runs, as the runbook needs it.
 *
 * @param container the accessory container's name ({@code litewatch.docker.container})
 * @param setup how it was started, from the last poll's inspect; null when not seen
 * @param local Litestream runs on this host as a process, not in a container
 * @param configPath litestream.yml as Litestream reads it (inside the container)
 * @param configPathSet whether it was configured ({@code litewatch.docker.config-path}),
 * rather than Litestream's default
 * @param binary the litestream binary when local
 * @param version what {@code litestream version} printed there, or null
 */
public record RestoreTarget(String container, ContainerSetup setup, boolean local, String configPath,
		boolean configPathSet, String binary, String version) {

	public RestoreTarget(String container, ContainerSetup setup, boolean local, String configPath,
			boolean configPathSet, String binary) {
		this(container, setup, local, configPath, configPathSet, binary, null);
	}

	/** Kamal names an accessory's container {@code <service>-<accessory>}. */
	private static final Pattern KAMAL_NAME = Pattern.compile("(.+)-([A-Za-z0-9_]+)");

	/** Litestream's default without {@code -config} and {@code LITESTREAM_CONFIG}. */
	public static final String DEFAULT_CONFIG = "/etc/litestream.yml";

	/** The Kamal service and accessory the container name says, if it has that shape. */
	Optional<KamalName> kamal() {
		Matcher m = KAMAL_NAME.matcher(container == null ? "" : container);
		return m.matches() ? Optional.of(new KamalName(m.group(1), m.group(2))) : Optional.empty();
	}

	record KamalName(String service, String accessory) {
	}

}
