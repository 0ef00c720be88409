package io.litewatch.config;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Outcome of loading a config file: exactly one of config / error is non-null.
 *
 * @param file the file read
 * @param config the parsed config, or null
 * @param error why it could not be used, or null
 * @param modifiedAt the file's mtime, null when it does not exist
 */
public record ConfigLoad(Path file, LitestreamConfig config, ConfigParseException error, Instant modifiedAt) {

	public boolean valid() {
		return this.config != null;
	}

}
