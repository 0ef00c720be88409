package io.litewatch.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Which Litestream a file was written for, when nothing that runs it has said: the first
 * key only 0.5 reads (a {@code replica:} under a database, or a top-level
 * {@code snapshot:}, {@code levels:}, …) makes it 0.5; otherwise it is read as 0.3.
 */
record DialectClue(LitestreamDialect dialect, String basis) {

	private static final Set<String> TOP_05_ONLY = Set.of("snapshot", "levels", "l0-retention",
			"l0-retention-check-interval", "socket", "heartbeat-url", "heartbeat-interval", "shutdown-sync-timeout",
			"shutdown-sync-interval", "mcp-addr", "validation", "verify-compaction");

	static DialectClue of(Map<String, YamlEntry> top, YamlMappings mappings) {
		for (YamlEntry e : top.values()) {
			if (TOP_05_ONLY.contains(e.key())) {
				return new DialectClue(LitestreamDialect.V0_5,
						"read as Litestream 0.5: the file has the 0.5 key `" + e.key() + "` on line " + e.line());
			}
		}
		YamlEntry dbs = top.get("dbs");
		if (dbs != null && dbs.value() instanceof SequenceNode seq) {
			for (Node db : seq.getValue()) {
				if (db instanceof MappingNode mapping) {
					Map<String, YamlEntry> keys = mappings.quiet(mapping);
					for (String key : List.of("replica", "dir")) {
						YamlEntry e = keys.get(key);
						if (e != null) {
							return new DialectClue(LitestreamDialect.V0_5, "read as Litestream 0.5: the file has the"
									+ " 0.5 key `" + key + ":` under a database on line " + e.line());
						}
					}
				}
			}
		}
		return new DialectClue(LitestreamDialect.V0_3, "read as Litestream 0.3: nothing in the file is 0.5 syntax");
	}

}
