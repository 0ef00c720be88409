package io.litewatch.docker;

/**
 * The Docker engine could not be used: unreachable, the container is missing or not
 * running for an exec, or the API answered with an error. The message is meant for a
 * person and carries no secrets (no environment, no credentials from the host URI).
 */
public class DockerAccessException extends RuntimeException {

	public DockerAccessException(String message) {
		super(message);
	}

	public DockerAccessException(String message, Throwable cause) {
		super(message, cause);
	}

}
