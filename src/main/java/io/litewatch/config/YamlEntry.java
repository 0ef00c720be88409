package io.litewatch.config;

import org.yaml.snakeyaml.nodes.Node;

/**
 * One key of a YAML mapping with its value node, merge keys already flattened.
 *
 * @param key the key's text
 * @param keyNode where the key is written, for line numbers
 * @param value the value node
 */
record YamlEntry(String key, Node keyNode, Node value) {

	/** The 1-based line of the key. */
	int line() {
		return YamlScalars.line(this.keyNode);
	}

}
