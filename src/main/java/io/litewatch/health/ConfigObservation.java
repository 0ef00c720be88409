package io.litewatch.health;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.litewatch.config.ConfigIssue;
import io.litewatch.config.ConfigParseException;

/**
 * The litestream.yml as one poll saw it.
 *
 * @param error why the file is unusable, read at the start of the poll or again at its
 * end (the accessory's CLI re-reads the file during the poll, so a file broken meanwhile
 * counts), or null
 * @param watched when the file is unusable, whether an earlier valid version is still
 * watched
 * @param watchedModifiedAt the modification time of the version watched
 * @param issues what the watched version's lints found
 */
public record ConfigObservation(Path file, ConfigParseException error, boolean watched, Instant watchedModifiedAt,
		List<ConfigIssue> issues) {

	public ConfigObservation {
		issues = List.copyOf(issues);
	}

}
