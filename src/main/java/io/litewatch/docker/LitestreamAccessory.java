package io.litewatch.docker;

import java.time.Duration;
import java.util.List;

/**
 * Where Litestream runs and how Litewatch asks it: a container through the Docker Engine
 * ({@link DockerAccessory}) or a process on this host ({@link LocalAccessory}).
 * Everything else in Litewatch sees only this.
 */
public interface LitestreamAccessory extends AutoCloseable {

	/** What runs the accessory (the Docker Engine, or this host). */
	EngineInfo engine();

	/**
	 * Whether Litestream is running; a missing accessory is a state, not an exception.
	 */
	ContainerState containerState();

	/**
	 * Runs {@code litestream …} where Litestream runs, never through a shell. Each output
	 * stream keeps at most the accessory's limit ({@link ExecResult#truncated()}), and a
	 * command is never run twice at once: while an earlier run of the same argv (one that
	 * timed out and could not be stopped) is still going, this throws
	 * {@link ExecStillRunningException} without starting another.
	 * @throws DockerAccessException when the command cannot be run at all
	 */
	ExecResult exec(List<String> command, Duration timeout);

	/** A file as Litestream sees it (the database and its -wal). */
	FileStat stat(String path);

	@Override
	void close();

}
