package io.litewatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the id of every process the benchmark starts to {@code
 *
<dir>
 * /<name>.pid}, so that scripts/benchmark-listing.sh can stop exactly those, by id, if
 * this JVM is killed before its shutdown hook runs.
 */
final class PidFiles {

	private final Path dir;

	PidFiles(Path dir) {
		this.dir = dir;
	}

	void note(String name, long pid) {
		try {
			Files.createDirectories(dir);
			Files.writeString(dir.resolve(name + ".pid"), pid + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops every process still noted: for the shutdown hook, since a JVM that is told to
	 * exit does not stop the processes it started.
	 */
	void destroyAll() {
		try (var files = Files.list(dir)) {
			files.filter((f) -> f.toString().endsWith(".pid")).forEach((f) -> {
				try {
					ProcessHandle.of(Long.parseLong(Files.readString(f).trim())).ifPresent(ProcessHandle::destroy);
				}
				catch (IOException | NumberFormatException ex) {
					// nothing to stop
				}
			});
		}
		catch (IOException ex) {
			// no pid directory: nothing was started
		}
	}

	void forget(String name) {
		try {
			Files.deleteIfExists(dir.resolve(name + ".pid"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
