package io.litewatch.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import io.litewatch.time.GoDuration;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * yaml.v2's decoding of a value into Go's string, bool, int and time.Duration fields,
 * with its error wording. An absent or null value leaves the field unset.
 */
final class YamlScalars {

	private static final Set<String> TRUE = Set.of("yes", "true", "on");

	private final String source;

	/**
	 * @param source the file name used in error messages
	 */
	YamlScalars(String source) {
		this.source = source;
	}

	/** The text of any scalar: yaml.v2 decodes every scalar into a string field. */
	String str(YamlEntry e) {
		if (e == null || isNull(e.value())) {
			return null;
		}
		if (e.value() instanceof ScalarNode scalar) {
			return scalar.getValue();
		}
		throw error(line(e.value()), "cannot unmarshal " + describe(e.value()) + " into string");
	}

	Boolean bool(YamlEntry e) {
		if (e == null || isNull(e.value())) {
			return null;
		}
		if (e.value() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
			return TRUE.contains(scalar.getValue().toLowerCase(Locale.ROOT));
		}
		throw error(line(e.value()), "cannot unmarshal " + describe(e.value()) + " into bool");
	}

	Long integer(YamlEntry e) {
		if (e == null || isNull(e.value())) {
			return null;
		}
		if (e.value() instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
			try {
				return yamlInt(scalar.getValue());
			}
			catch (NumberFormatException ex) {
				// fall through
			}
		}
		throw error(line(e.value()), "cannot unmarshal " + describe(e.value()) + " into int");
	}

	/**
	 * A Go duration string, or a bare number which Go reads as nanoseconds (see
	 * {@link ConfigLints#unitlessDuration}).
	 */
	Duration duration(YamlEntry e, Duration defaultValue) {
		if (e == null || isNull(e.value())) {
			return defaultValue;
		}
		if (!(e.value() instanceof ScalarNode scalar)) {
			throw error(line(e.value()), "cannot unmarshal " + describe(e.value()) + " into time.Duration");
		}
		Tag tag = scalar.getTag();
		if (isNumber(scalar)) {
			try {
				return Duration.ofNanos(tag.equals(Tag.INT) ? yamlInt(scalar.getValue())
						: (long) Double.parseDouble(scalar.getValue().replace("_", "")));
			}
			catch (NumberFormatException ex) {
				throw error(line(scalar), "cannot unmarshal " + describe(scalar) + " into time.Duration");
			}
		}
		if (tag.equals(Tag.STR)) {
			try {
				return GoDuration.parse(scalar.getValue());
			}
			catch (IllegalArgumentException ex) {
				// fall through to yaml.v2's wording
			}
		}
		throw error(line(scalar), "cannot unmarshal " + describe(scalar) + " into time.Duration");
	}

	private ConfigParseException error(int line, String reason) {
		return new ConfigParseException(this.source, line, reason);
	}

	/**
	 * YAML 1.1 integers as yaml.v2 reads them: {@code 0x}, {@code 0b}, {@code 0o}, octal,
	 * sexagesimal.
	 */
	static long yamlInt(String text) {
		String s = text.replace("_", "");
		boolean negative = s.startsWith("-");
		if (s.startsWith("-") || s.startsWith("+")) {
			s = s.substring(1);
		}
		long value;
		if (s.startsWith("0x")) {
			value = Long.parseLong(s.substring(2), 16);
		}
		else if (s.startsWith("0b")) {
			value = Long.parseLong(s.substring(2), 2);
		}
		else if (s.startsWith("0o")) {
			value = Long.parseLong(s.substring(2), 8);
		}
		else if (s.contains(":")) {
			value = 0;
			for (String part : s.split(":")) {
				value = value * 60 + Long.parseLong(part);
			}
		}
		else if (s.length() > 1 && s.startsWith("0")) {
			value = Long.parseLong(s.substring(1), 8);
		}
		else {
			value = Long.parseLong(s);
		}
		return negative ? -value : value;
	}

	static boolean isNumber(ScalarNode scalar) {
		return scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT);
	}

	static boolean isNull(Node node) {
		return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
	}

	/** The 1-based line a node starts on. */
	static int line(Node node) {
		return node.getStartMark().getLine() + 1;
	}

	/** yaml.v2's wording: scalars show their value, collections only their kind. */
	static String describe(Node node) {
		String tag = node.getTag().getValue();
		String shortTag = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
		if (node instanceof ScalarNode scalar) {
			return shortTag + " `" + scalar.getValue() + "`";
		}
		return shortTag;
	}

}
