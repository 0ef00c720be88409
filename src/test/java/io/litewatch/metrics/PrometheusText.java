package io.litewatch.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition, found by name and labels. */
record PrometheusText(String body, List<Sample> samples) {

	private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

	record Sample(String name, Map<String, String> labels, double value) {
	}

	static PrometheusText parse(String body) {
		List<Sample> samples = new ArrayList<>();
		for (String line : body.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher m = LINE.matcher(line.strip());
			if (!m.matches()) {
				throw new IllegalArgumentException("Not a sample: " + line);
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (m.group(2) != null) {
				Matcher l = LABEL.matcher(m.group(2));
				while (l.find()) {
					labels.put(l.group(1), l.group(2));
				}
			}
			samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
		}
		return new PrometheusText(body, samples);
	}

	/** Every sample of the metric whose labels include the given pairs. */
	List<Sample> find(String name, String... labelPairs) {
		return samples.stream().filter((s) -> s.name().equals(name) && has(s, labelPairs)).toList();
	}

	/**
	 * The one sample of the metric with these labels; fails when there is none or more.
	 */
	double value(String name, String... labelPairs) {
		List<Sample> found = find(name, labelPairs);
		if (found.size() != 1) {
			throw new AssertionError(
					found.size() + " samples of " + name + " " + List.of(labelPairs) + " in:\n" + body);
		}
		return found.get(0).value();
	}

	private static boolean has(Sample sample, String... labelPairs) {
		for (int i = 0; i < labelPairs.length; i += 2) {
			if (!labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
				return false;
			}
		}
		return true;
	}

}
