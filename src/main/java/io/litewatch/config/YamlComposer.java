package io.litewatch.config;

import java.io.StringReader;
import java.util.Iterator;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns the expanded text into SnakeYAML nodes within fixed limits, with error messages
 * that name the problem and its line but never quote the file (it may hold secrets).
 */
final class YamlComposer {

	/**
	 * The most characters the file may have once environment variables are expanded, and
	 * the most code points SnakeYAML reads. A litestream.yml is a few kilobytes;
	 * SnakeYAML takes time quadratic in the length of one scalar (about 2.5 s for a
	 * quoted string of this size), so the bound is not much larger than the file size
	 * bound.
	 */
	static final int MAX_CODE_POINTS = 1024 * 1024;

	/**
	 * Aliases to lists and mappings SnakeYAML accepts: more is the shape of an alias bomb
	 * ("billion laughs"), not of a config file.
	 */
	static final int MAX_COLLECTION_ALIASES = 50;

	static final int MAX_NESTING_DEPTH = 50;

	private YamlComposer() {
	}

	/**
	 * The first document of the text, as yaml.v2's Unmarshal reads only that one.
	 * @throws ConfigParseException when it is not YAML or passes a limit
	 */
	static Node compose(String text, String source) {
		LoaderOptions options = new LoaderOptions();
		// Recursive keys, alias bombs and deep nesting make the walk over the nodes
		// endless, huge or deeper than the stack: SnakeYAML refuses them up front.
		options.setAllowRecursiveKeys(false);
		options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
		options.setNestingDepthLimit(MAX_NESTING_DEPTH);
		options.setCodePointLimit(MAX_CODE_POINTS);
		try {
			Iterator<Node> documents = new Yaml(options).composeAll(new StringReader(text)).iterator();
			return documents.hasNext() ? documents.next() : null;
		}
		catch (MarkedYAMLException ex) {
			// Only the problem, never the snippet: the snippet would print the line,
			// secrets included.
			int line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 1 : 0;
			String problem = (ex.getProblem() != null) ? ex.getProblem() : "invalid YAML";
			String context = (ex.getContext() != null) ? ex.getContext() + ": " : "";
			throw new ConfigParseException(source, line, "yaml: " + context + problem);
		}
		catch (YAMLException ex) {
			throw new ConfigParseException(source, 0, "yaml: " + limitExceeded(ex.getMessage()));
		}
	}

	// These come without a position; their own text names SnakeYAML's setting, so
	// say what the limit means for the file instead. Anything else stays generic: an
	// unknown message might quote the file.
	private static String limitExceeded(String message) {
		if (message == null) {
			return "invalid YAML";
		}
		if (message.startsWith("Number of aliases for non-scalar nodes exceeds")) {
			return "more than " + MAX_COLLECTION_ALIASES + " aliases (*name) to lists or mappings;"
					+ " a file that repeats aliases this much (an alias bomb) is refused";
		}
		if (message.startsWith("Nesting Depth exceeded")) {
			return "lists and mappings nested more than " + MAX_NESTING_DEPTH + " levels deep";
		}
		if (message.startsWith("The incoming YAML document exceeds the limit")) {
			return "the document is longer than " + MAX_CODE_POINTS + " characters";
		}
		if (message.startsWith("Recursive key for mapping is detected")) {
			return "a YAML alias refers to itself: a mapping key contains the mapping";
		}
		return "invalid YAML";
	}

}
