package io.litewatch.docker;

import java.time.Instant;

/**
 * A file inside the container, from Docker's path-stat header (no file transfer).
 * Missing: exists=false, size 0, no time.
 */
public record FileStat(String path, boolean exists, long size, Instant modifiedAt) {

	static FileStat missing(String path) {
		return new FileStat(path, false, 0, null);
	}
}
