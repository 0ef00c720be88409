package io.litewatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.litewatch.bench.S3Stage.Backend;

/**
 * The benchmark's options, from {@code --name value} arguments (see
 * scripts/benchmark-listing.sh for their meaning and defaults).
 */
record BenchSettings(Path jar, Path litestream, Path out, List<Size> sizes, Fleet fleet, Duration pollInterval,
		Duration fleetPollInterval, int steadyPolls, int fleetPolls, String javaToolOptions, Duration litestreamTimeout,
		boolean keepData, int inventoryRequestsPerMinute, Duration inventoryTimeout, String command, String commit,
		List<Size> ltxSizes, Path litestream05) {

	/**
	 * The fleet runs as shipped: the inventory's default budget (InventoryProperties).
	 */
	int fleetInventoryRequestsPerMinute() {
		return 120;
	}

	/** Above this many objects s3proxy is not used unless asked for. */
	static final long S3PROXY_MAX = 100_000;

	record Size(long segments, Backend backend) {

		String label() {
			return count(segments);
		}

	}

	record Fleet(int databases, long segments, Backend backend) {

		String label() {
			return databases + "×" + count(segments);
		}

	}

	static BenchSettings parse(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
			}
			options.put(args[i].substring(2), args[++i]);
		}
		return new BenchSettings(Path.of(required(options, "jar")), Path.of(required(options, "litestream")),
				Path.of(options.getOrDefault("out", "target/benchmark")),
				sizes(options.getOrDefault("sizes", "10k,100k,1M"),
						Boolean.parseBoolean(options.getOrDefault("cross-check", "true"))),
				fleet(options.getOrDefault("fleet", "50x100k")),
				Duration.parse("PT" + options.getOrDefault("poll-interval", "5s")),
				Duration.parse("PT" + options.getOrDefault("fleet-poll-interval", "15s")),
				Integer.parseInt(options.getOrDefault("steady-polls", "5")),
				Integer.parseInt(options.getOrDefault("fleet-polls", "6")),
				options.getOrDefault("java-tool-options", "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"),
				Duration.parse("PT" + options.getOrDefault("litestream-timeout", "30m")),
				Boolean.parseBoolean(options.getOrDefault("keep-data", "false")),
				Integer.parseInt(options.getOrDefault("inventory-requests-per-minute", "6000")),
				Duration.parse("PT" + options.getOrDefault("inventory-timeout", "10m")),
				options.getOrDefault("command", "(not given)"), options.getOrDefault("commit", "(not given)"),
				sizes(options.getOrDefault("ltx-sizes", "none"),
						Boolean.parseBoolean(options.getOrDefault("cross-check", "true"))),
				options.containsKey("litestream05") ? Path.of(options.get("litestream05")) : null);
	}

	/**
	 * "10k,100k,1M", each optionally ":s3proxy" or ":synthesized", or "none"; the same
	 * syntax for the 0.5 runs' LTX file counts ({@code --ltx-sizes}). Without a backend,
	 * s3proxy up to {@link #S3PROXY_MAX} objects, else the synthesized service; with
	 * {@code crossCheck}, the largest s3proxy size is run on the synthesized service too,
	 * to show both give the same counts.
	 */
	static List<Size> sizes(String spec, boolean crossCheck) {
		List<Size> sizes = new ArrayList<>();
		for (String item : spec.split(",")) {
			// "none": only the other runs (e.g. --sizes none --ltx-sizes 100k).
			if (item.isBlank() || item.trim().equalsIgnoreCase("none")) {
				continue;
			}
			String[] parts = item.trim().split(":");
			long segments = segments(parts[0]);
			sizes.add(new Size(segments, parts.length > 1 ? backend(parts[1]) : auto(segments)));
		}
		if (crossCheck) {
			sizes.stream()
				.filter((s) -> s.backend() == Backend.S3PROXY)
				.mapToLong(Size::segments)
				.max()
				.ifPresent((largest) -> {
					Size synthesized = new Size(largest, Backend.SYNTHESIZED);
					if (!sizes.contains(synthesized)) {
						sizes.add(sizes.indexOf(new Size(largest, Backend.S3PROXY)) + 1, synthesized);
					}
				});
		}
		return List.copyOf(sizes);
	}

	/** "50x100k", or "none". */
	static Fleet fleet(String spec) {
		if (spec.isBlank() || spec.equalsIgnoreCase("none")) {
			return null;
		}
		String[] parts = spec.toLowerCase(Locale.ROOT).split("x");
		int databases = Integer.parseInt(parts[0]);
		long segments = segments(parts[1]);
		return new Fleet(databases, segments, auto(databases * segments));
	}

	static long segments(String text) {
		String t = text.trim().toLowerCase(Locale.ROOT);
		long factor = t.endsWith("k") ? 1_000 : t.endsWith("m") ? 1_000_000 : 1;
		return Long.parseLong(factor == 1 ? t : t.substring(0, t.length() - 1)) * factor;
	}

	static String count(long n) {
		return n % 1_000_000 == 0 ? n / 1_000_000 + "M" : n % 1_000 == 0 ? n / 1_000 + "k" : String.valueOf(n);
	}

	private static Backend auto(long objects) {
		return objects <= S3PROXY_MAX ? Backend.S3PROXY : Backend.SYNTHESIZED;
	}

	private static Backend backend(String name) {
		return name.toLowerCase(Locale.ROOT).startsWith("s3proxy") ? Backend.S3PROXY : Backend.SYNTHESIZED;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

}
