package io.litewatch.docker;

import java.util.List;

/**
 * One row of {@code litestream databases}. {@code replicas} is empty when the db has no
 * {@code replicas:} entries, e.g. a config written for 0.5 with a single {@code replica:}
 * block, which 0.3.13 silently ignores.
 */
public record DatabaseRow(String path, List<String> replicas) {

	public DatabaseRow {
		replicas = List.copyOf(replicas);
	}
}
