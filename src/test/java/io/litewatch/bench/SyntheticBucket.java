package io.litewatch.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.litewatch.bench.KeyFamily.ObjectEntry;

/**
 * The keys of a bucket made of synthesized replicas, listed with S3's semantics: keys in
 * lexical order, {@code prefix}, {@code delimiter} roll-ups into common prefixes, an
 * exclusive start (start-after, continuation token or marker) and {@code max-keys}. An
 * entry (key or common prefix) is returned only when it sorts after the start, so a
 * common prefix handed back as the marker of one page is not repeated on the next.
 * Nothing is stored per key: each page seeks by binary search, so a page costs the same
 * at ten thousand or five million keys.
 */
final class SyntheticBucket {

	private final String name;

	private final NavigableMap<String, KeyFamily> families = new TreeMap<>();

	SyntheticBucket(String name, List<SyntheticReplica> replicas) {
		this(replicas.stream().flatMap((r) -> KeyFamily.of(r).stream()).toList(), name);
	}

	/** Any key families, e.g. a Litestream 0.5 replica's level folders. */
	SyntheticBucket(List<KeyFamily> keyFamilies, String name) {
		this.name = name;
		for (KeyFamily family : keyFamilies) {
			if (families.put(family.prefix(), family) != null) {
				throw new IllegalArgumentException("two replicas at " + family.prefix());
			}
		}
		String previous = null;
		for (String prefix : families.keySet()) {
			// Seeking relies on it: a family's keys are exactly those with its prefix.
			if (previous != null && prefix.startsWith(previous)) {
				throw new IllegalArgumentException(previous + " is a prefix of " + prefix);
			}
			previous = prefix;
		}
	}

	String name() {
		return name;
	}

	/**
	 * @param after exclusive start: the greater of start-after and the continuation token
	 * (V2), or the marker (V1); null for none
	 */
	record ListRequest(String prefix, String delimiter, String after, int maxKeys) {

		ListRequest {
			prefix = prefix == null ? "" : prefix;
			delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
			after = after == null || after.isEmpty() ? null : after;
		}

	}

	/**
	 * @param last the last entry returned (key or common prefix): the next page's
	 * exclusive start
	 */
	record ListPage(List<ObjectEntry> contents, List<String> commonPrefixes, boolean truncated, String last) {
	}

	ListPage list(ListRequest request, Instant now) {
		String prefix = request.prefix();
		String after = request.after();
		String from = after != null && smallestAfter(after).compareTo(prefix) > 0 ? smallestAfter(after) : prefix;
		List<ObjectEntry> contents = new ArrayList<>();
		List<String> commonPrefixes = new ArrayList<>();
		String last = null;
		boolean truncated = false;
		Cursor cursor = firstAtOrAfter(from, now);
		while (cursor != null) {
			String key = cursor.key();
			if (!key.startsWith(prefix)) {
				break;
			}
			int cut = request.delimiter() == null ? -1 : key.indexOf(request.delimiter(), prefix.length());
			String commonPrefix = cut < 0 ? null : key.substring(0, cut + request.delimiter().length());
			if (commonPrefix != null && after != null && commonPrefix.compareTo(after) <= 0) {
				// Rolled up into a common prefix returned before this page.
				cursor = firstAtOrAfter(successor(commonPrefix), now);
				continue;
			}
			if (contents.size() + commonPrefixes.size() >= request.maxKeys()) {
				truncated = true;
				break;
			}
			if (commonPrefix != null) {
				commonPrefixes.add(commonPrefix);
				last = commonPrefix;
				cursor = firstAtOrAfter(successor(commonPrefix), now);
			}
			else {
				contents.add(cursor.entry());
				last = key;
				cursor = next(cursor, now);
			}
		}
		return new ListPage(contents, commonPrefixes, truncated, last);
	}

	/** The smallest string greater than {@code s}. */
	private static String smallestAfter(String s) {
		return s + '\0';
	}

	/** The smallest string greater than every string that starts with {@code s}. */
	private static String successor(String s) {
		return s.substring(0, s.length() - 1) + (char) (s.charAt(s.length() - 1) + 1);
	}

	private Cursor firstAtOrAfter(String from, Instant now) {
		Map.Entry<String, KeyFamily> floor = families.floorEntry(from);
		if (floor != null && from.startsWith(floor.getKey())) {
			KeyFamily family = floor.getValue();
			long count = family.count(now);
			long position = family.search(from, count);
			return position < count ? new Cursor(family, position, count)
					: firstOf(families.tailMap(floor.getKey(), false), now);
		}
		// Families whose prefix sorts before `from` without being its prefix lie wholly
		// before it.
		return firstOf(families.tailMap(from, true), now);
	}

	private Cursor next(Cursor cursor, Instant now) {
		if (cursor.position() + 1 < cursor.count()) {
			return new Cursor(cursor.family(), cursor.position() + 1, cursor.count());
		}
		return firstOf(families.tailMap(cursor.family().prefix(), false), now);
	}

	private static Cursor firstOf(NavigableMap<String, KeyFamily> candidates, Instant now) {
		for (KeyFamily family : candidates.values()) {
			long count = family.count(now);
			if (count > 0) {
				return new Cursor(family, 0, count);
			}
		}
		return null;
	}

	/** A position in one family; {@code count} is fixed for the page being built. */
	private record Cursor(KeyFamily family, long position, long count) {

		String key() {
			return family.prefix() + family.name(position);
		}

		ObjectEntry entry() {
			return family.entry(position);
		}

	}

}
