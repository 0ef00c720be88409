package io.litewatch.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two ways Litestream reads a litestream.yml and lays out a replica: 0.3 (one or more
 * {@code replicas:}, generations, snapshots and WAL segments) and 0.5 (one
 * {@code replica:}, LTX files in compaction levels, top-level {@code snapshot:} and
 * {@code levels:}).
 */
public enum LitestreamDialect {

	V0_3("0.3"), V0_5("0.5");

	private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

	private final String label;

	LitestreamDialect(String label) {
		this.label = label;
	}

	/** "0.3" or "0.5", as people name the two. */
	public String label() {
		return this.label;
	}

	/**
	 * How a version printed by {@code litestream version} reads a config and a replica.
	 * 0.4 never shipped; a version past 0.5 (0.6, 1.0) is read as 0.5 until Litewatch
	 * knows better, and {@link Reading#known()} says so. Empty when the text is no
	 * version (a development build prints {@code (development build)}).
	 */
	public static Optional<Reading> ofVersion(String printed) {
		if (printed == null) {
			return Optional.empty();
		}
		Matcher m = VERSION.matcher(printed.strip());
		if (!m.find()) {
			return Optional.empty();
		}
		int major = Integer.parseInt(m.group(1));
		int minor = Integer.parseInt(m.group(2));
		if (major == 0 && minor <= 3) {
			return Optional.of(new Reading(V0_3, minor == 3));
		}
		return Optional.of(new Reading(V0_5, major == 0 && minor == 5));
	}

	/**
	 * Whether a printed version is {@code major.minor.patch} or later; true when the text
	 * is no version (a development build is newer than every release it would be compared
	 * with).
	 */
	public static boolean atLeast(String printed, int major, int minor, int patch) {
		Matcher m = printed == null ? null : VERSION.matcher(printed.strip());
		if (m == null || !m.find()) {
			return true;
		}
		int[] have = { Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
				m.group(3) == null ? 0 : Integer.parseInt(m.group(3)) };
		int[] want = { major, minor, patch };
		for (int i = 0; i < 3; i++) {
			if (have[i] != want[i]) {
				return have[i] > want[i];
			}
		}
		return true;
	}

	/**
	 * @param known true when Litewatch was built against this line of versions; false for
	 * one it reads as the nearest it knows
	 */
	public record Reading(LitestreamDialect dialect, boolean known) {
	}

}
