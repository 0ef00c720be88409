package io.litewatch.docker;

/**
 * What the Docker engine said about itself and the API version this client settled on.
 * Both are shown to the operator, because a pinned or mismatched version is how Docker
 * clients break when hosts upgrade (Docker 29 refuses API &lt; 1.44; Debian's 20.10
 * speaks at most 1.41).
 *
 * @param engineVersion e.g. "20.10.24"
 * @param engineApiVersion the highest API version the engine speaks, e.g. "1.41"
 * @param minApiVersion the lowest API version the engine accepts, e.g. "1.12"
 * @param negotiatedApiVersion the version used for every versioned request
 */
public record EngineInfo(String engineVersion, String engineApiVersion, String minApiVersion,
		String negotiatedApiVersion) {
}
