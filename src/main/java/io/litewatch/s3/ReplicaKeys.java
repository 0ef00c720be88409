package io.litewatch.s3;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure parser of Litestream 0.3 object names, relative to their "directory" (the regexes
 * of Litestream's {@code litestream.go}). Anything else in the bucket, such as the
 * "directory" objects some S3-compatible servers list, is not Litestream's and is
 * skipped.
 */
public final class ReplicaKeys {

	private static final Pattern GENERATION = Pattern.compile("[0-9a-f]{16}");

	private static final Pattern SNAPSHOT = Pattern.compile("([0-9a-f]{8})\\.snapshot\\.lz4");

	private static final Pattern WAL = Pattern.compile("([0-9a-f]{8})_([0-9a-f]{8})\\.wal\\.lz4");

	private ReplicaKeys() {
	}

	/** Exactly 16 lower-case hex characters, like Litestream's IsGenerationName. */
	public static boolean isGenerationName(String s) {
		return s != null && GENERATION.matcher(s).matches();
	}

	/** Parses a snapshot name such as {@code 00000000.snapshot.lz4}. */
	public static Optional<SnapshotObject> snapshot(String generation, String name, long size, Instant lastModified) {
		if (name == null) {
			return Optional.empty();
		}
		Matcher m = SNAPSHOT.matcher(name);
		if (!m.matches()) {
			return Optional.empty();
		}
		return Optional.of(new SnapshotObject(generation, Long.parseLong(m.group(1), 16), size, lastModified));
	}

	/** Parses a WAL segment name such as {@code 00000000_00004080.wal.lz4}. */
	public static Optional<WalSegment> wal(String generation, String name, long size, Instant lastModified) {
		if (name == null) {
			return Optional.empty();
		}
		Matcher m = WAL.matcher(name);
		if (!m.matches()) {
			return Optional.empty();
		}
		return Optional.of(new WalSegment(generation, Long.parseLong(m.group(1), 16), Long.parseLong(m.group(2), 16),
				size, lastModified));
	}

	/**
	 * {@code <prefix><generation>/snapshots/}; {@code generationsPrefix} is
	 * {@link S3Location#prefix()}.
	 */
	public static String snapshotsPrefix(String generationsPrefix, String generation) {
		return generationsPrefix + generation + "/snapshots/";
	}

	/** {@code <prefix><generation>/wal/}. */
	public static String walPrefix(String generationsPrefix, String generation) {
		return generationsPrefix + generation + "/wal/";
	}

	/**
	 * The StartAfter key that lists exactly the WAL segments with index ≥ {@code index}:
	 * {@code <prefix><generation>/wal/0000000a} sorts just before
	 * {@code …/wal/0000000a_00000000.wal.lz4} (fixed-width hex, so lexical order is index
	 * order).
	 */
	public static String walFromIndex(String generationsPrefix, String generation, long index) {
		return walPrefix(generationsPrefix, generation) + String.format("%08x", index);
	}

	/**
	 * The generation id of a CommonPrefix such as
	 * {@code db/generations/0123456789abcdef/}, if it is one.
	 */
	public static Optional<String> generationOfCommonPrefix(String generationsPrefix, String commonPrefix) {
		if (commonPrefix == null || !commonPrefix.startsWith(generationsPrefix) || !commonPrefix.endsWith("/")) {
			return Optional.empty();
		}
		String name = commonPrefix.substring(generationsPrefix.length(), commonPrefix.length() - 1);
		return isGenerationName(name) ? Optional.of(name) : Optional.empty();
	}

}
