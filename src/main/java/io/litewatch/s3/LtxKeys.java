package io.litewatch.s3;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser of Litestream 0.5 object names on S3:
 * {@code <path>/<level %04x>/<minTXID %016x>-<maxTXID %016x>.ltx} (s3/replica_client.go
 * joins them with a plain {@code "/"}, so an empty path gives keys starting with
 * {@code /}). Hex of fixed width sorts as the numbers do, so a {@code StartAfter} of a
 * TXID lists exactly the files that start after it.
 */
public final class LtxKeys {

	private static final Pattern FILE = Pattern.compile("([0-9a-f]{16})-([0-9a-f]{16})\\.ltx");

	private static final Pattern LEVEL = Pattern.compile("[0-9a-f]{4}");

	/** Levels 0..8 are compaction levels, 9 the snapshots; higher ones are not 0.5's. */
	public static final int MAX_LEVEL = 9;

	private LtxKeys() {
	}

	/** {@code <path>/}: where the level folders and, after a migration, 0.3's sit. */
	public static String root(String path) {
		return path + "/";
	}

	public static String levelPrefix(String path, int level) {
		return root(path) + String.format("%04x/", level);
	}

	public static String fileName(long minTxid, long maxTxid) {
		return hex(minTxid) + "-" + hex(maxTxid) + ".ltx";
	}

	/** Sixteen lower-case hex digits, as Litestream prints a TXID everywhere but sync. */
	public static String hex(long txid) {
		return String.format("%016x", txid);
	}

	/**
	 * A {@code StartAfter} that lists the files of {@code levelPrefix} starting after
	 * {@code txid}: {@code '~'} sorts after every character of a name, so every
	 * {@code <txid>-….ltx} sorts before it and every name of a greater TXID after.
	 */
	public static String startAfterTxid(String levelPrefix, long txid) {
		return levelPrefix + hex(txid) + "-~";
	}

	/**
	 * Parses a name below a level folder, e.g.
	 * {@code 0000000000000001-00000000000000f6.ltx}; empty when it is not an LTX name or
	 * its range runs backwards.
	 */
	public static Optional<LtxFile> parse(int level, String name, long size, Instant lastModified) {
		if (name == null) {
			return Optional.empty();
		}
		Matcher m = FILE.matcher(name);
		if (!m.matches()) {
			return Optional.empty();
		}
		long min = Long.parseUnsignedLong(m.group(1), 16);
		long max = Long.parseUnsignedLong(m.group(2), 16);
		// A TXID past 2^63 is no database's; taken as signed it would sort first.
		if (min < 1 || max < min) {
			return Optional.empty();
		}
		return Optional.of(new LtxFile(level, min, max, size, lastModified));
	}

	/** The level of a common prefix {@code <root>000N/}, if it is one of 0.5's. */
	public static OptionalInt levelOfCommonPrefix(String root, String commonPrefix) {
		if (commonPrefix == null || !commonPrefix.startsWith(root) || !commonPrefix.endsWith("/")) {
			return OptionalInt.empty();
		}
		String name = commonPrefix.substring(root.length(), commonPrefix.length() - 1);
		if (!LEVEL.matcher(name).matches()) {
			return OptionalInt.empty();
		}
		int level = Integer.parseInt(name, 16);
		return level <= MAX_LEVEL ? OptionalInt.of(level) : OptionalInt.empty();
	}

	/** Whether a common prefix is Litestream 0.3's {@code <root>generations/}. */
	public static boolean isGenerationsPrefix(String root, String commonPrefix) {
		return (root + "generations/").equals(commonPrefix);
	}

}
