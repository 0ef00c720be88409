package io.litewatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.litewatch.testsupport.LitestreamContainer;

/**
 * The soak benchmark's options, as scripts/benchmark-soak.sh passes them.
 *
 * @param window how long each reported window is (the first one is the warm-up)
 * @param appProperties further Spring properties for Litewatch ({@code --app-property},
 * repeatable)
 */
record SoakSettings(Path jar, Path out, int databases, int writers, Duration writeEvery, Duration pollInterval,
		Duration run, Duration window, LitestreamContainer.Version litestream, String javaToolOptions,
		List<String> appProperties, String command, String commit) {

	static SoakSettings parse(String[] args) {
		Map<String, String> options = new HashMap<>();
		List<String> appProperties = new ArrayList<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --option value, got " + args[i]);
			}
			if (args[i].equals("--app-property")) {
				appProperties.add(args[i + 1]);
			}
			else {
				options.put(args[i].substring(2), args[i + 1]);
			}
		}
		int databases = Integer.parseInt(options.getOrDefault("databases", "50"));
		int writers = Integer.parseInt(options.getOrDefault("writers", "10"));
		if (writers > databases) {
			throw new IllegalArgumentException("--writers " + writers + " is more than --databases " + databases);
		}
		String version = options.getOrDefault("litestream", "0.3.13");
		LitestreamContainer.Version litestream = switch (version) {
			case "0.3.13" -> LitestreamContainer.Version.V0_3_13;
			case "0.5.17" -> LitestreamContainer.Version.V0_5_17;
			default -> throw new IllegalArgumentException("--litestream is 0.3.13 or 0.5.17, not " + version);
		};
		return new SoakSettings(Path.of(required(options, "jar")), Path.of(required(options, "out")).toAbsolutePath(),
				databases, writers, duration(options.getOrDefault("write-every", "1s")),
				duration(options.getOrDefault("poll-interval", "5s")),
				Duration.ofMinutes(Long.parseLong(options.getOrDefault("minutes", "60"))),
				Duration.ofMinutes(Long.parseLong(options.getOrDefault("window-minutes", "5"))), litestream,
				options.getOrDefault("java-tool-options", ""), List.copyOf(appProperties),
				options.getOrDefault("command", "scripts/benchmark-soak.sh"),
				options.getOrDefault("commit", "unknown"));
	}

	/** "5s", "500ms", "2m". */
	static Duration duration(String text) {
		if (text.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
		}
		long n = Long.parseLong(text.substring(0, text.length() - 1));
		return switch (text.charAt(text.length() - 1)) {
			case 's' -> Duration.ofSeconds(n);
			case 'm' -> Duration.ofMinutes(n);
			case 'h' -> Duration.ofHours(n);
			default -> throw new IllegalArgumentException("not a duration: " + text);
		};
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

}
