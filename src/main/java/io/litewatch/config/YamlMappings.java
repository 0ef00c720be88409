package io.litewatch.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML mappings as yaml.v2 decodes them into Litestream's structs: merge keys
 * ({@code <<}) flattened, the last of duplicate keys winning. One instance per parse.
 * <p>
 * Merges are where aliases turn a small file into a large or endless walk, so each
 * mapping is flattened once and remembered (a chain of mappings each merging the previous
 * one twice stays linear), and a merge that leads back to a mapping being flattened is
 * refused instead of recursing until the stack runs out.
 */
final class YamlMappings {

	private final String source;

	private final ConfigLints lints;

	private final Map<MappingNode, List<YamlEntry>> flattened = new IdentityHashMap<>();

	private final Set<MappingNode> flattening = Collections.newSetFromMap(new IdentityHashMap<>());

	YamlMappings(String source, ConfigLints lints) {
		this.source = source;
		this.lints = lints;
	}

	/**
	 * The keys of a mapping by name, reporting duplicates and keys Litestream does not
	 * read.
	 * @param where names the mapping in messages, e.g. "database /data/app.db"
	 */
	Map<String, YamlEntry> mapping(Node node, ConfigSection section, String where, String dbPath, String replicaName) {
		if (!(node instanceof MappingNode mappingNode)) {
			throw error(YamlScalars.line(node),
					"cannot unmarshal " + YamlScalars.describe(node) + " into a mapping (" + where + ")");
		}
		Map<String, YamlEntry> result = new LinkedHashMap<>();
		for (YamlEntry e : entries(mappingNode)) {
			YamlEntry previous = result.put(e.key(), e);
			if (previous != null) {
				this.lints.duplicateKey(e, previous, where, dbPath, replicaName);
			}
			if (!section.keys().contains(e.key())) {
				this.lints.unknownKey(e, section, where, dbPath, replicaName);
			}
		}
		return result;
	}

	/**
	 * The keys of a mapping without reporting anything, to read a few keys before the
	 * mapping can be named.
	 */
	Map<String, YamlEntry> quiet(MappingNode node) {
		Map<String, YamlEntry> result = new LinkedHashMap<>();
		for (YamlEntry e : entries(node)) {
			result.put(e.key(), e);
		}
		return result;
	}

	// Keys in file order, with YAML merge keys ("<<") flattened as yaml.v2 does.
	private List<YamlEntry> entries(MappingNode node) {
		List<YamlEntry> done = this.flattened.get(node);
		if (done != null) {
			return done;
		}
		this.flattening.add(node);
		List<YamlEntry> result = flatten(node);
		this.flattening.remove(node);
		this.flattened.put(node, List.copyOf(result));
		return result;
	}

	private List<YamlEntry> flatten(MappingNode node) {
		List<YamlEntry> merged = new ArrayList<>();
		List<YamlEntry> own = new ArrayList<>();
		for (NodeTuple tuple : node.getValue()) {
			Node keyNode = tuple.getKeyNode();
			if (keyNode.getTag().equals(Tag.MERGE)) {
				Node value = tuple.getValueNode();
				List<Node> sources = (value instanceof SequenceNode seq) ? seq.getValue() : List.of(value);
				for (Node source : sources) {
					if (this.flattening.contains(source)) {
						throw error(YamlScalars.line(keyNode), "a YAML alias refers to itself: the merge key `<<`"
								+ " includes the mapping it is in (directly or through another merge)");
					}
					if (source instanceof MappingNode m) {
						merged.addAll(entries(m));
					}
				}
				continue;
			}
			if (!(keyNode instanceof ScalarNode scalar)) {
				throw error(YamlScalars.line(keyNode),
						"cannot unmarshal " + YamlScalars.describe(keyNode) + " into a key");
			}
			own.add(new YamlEntry(scalar.getValue(), keyNode, tuple.getValueNode()));
		}
		if (merged.isEmpty()) {
			return own;
		}
		Set<String> ownKeys = new HashSet<>();
		own.forEach((e) -> ownKeys.add(e.key()));
		List<YamlEntry> result = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (YamlEntry e : merged) {
			if (!ownKeys.contains(e.key()) && seen.add(e.key())) {
				result.add(e);
			}
		}
		result.addAll(own);
		return result;
	}

	private ConfigParseException error(int line, String reason) {
		return new ConfigParseException(this.source, line, reason);
	}

}
