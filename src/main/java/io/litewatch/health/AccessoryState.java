package io.litewatch.health;

import io.litewatch.docker.ContainerState;
import io.litewatch.docker.EngineInfo;

/**
 * The Litestream accessory and the Docker Engine it runs on, as of one poll.
 *
 * @param litestreamVersion what {@code litestream version} printed in the container, or
 * null
 * @param error why the engine could not be asked, or null
 */
public record AccessoryState(String dockerHost, String container, EngineInfo engine, ContainerState state,
		String litestreamVersion, String error) {

	public boolean running() {
		return state != null && state.running() && !state.restarting();
	}

	public boolean engineReachable() {
		return error == null;
	}

}
