package io.litewatch.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Names under a level folder that are no LTX file, reported once they are seen in two
 * listings: an upload in progress can show for a moment under another name (s3proxy's
 * filesystem backend lists {@code <key>-<uuid>} while it writes), and that is nobody's
 * stray. Both sets are bounded, so a bucket full of strays cannot fill memory.
 */
final class StrayKeys {

	static final int MAX_REMEMBERED = 200;

	private final TreeSet<String> seenOnce = new TreeSet<>();

	private final TreeSet<String> reported = new TreeSet<>();

	void seen(String key) {
		if (reported.contains(key)) {
			return;
		}
		if (seenOnce.remove(key)) {
			if (reported.size() < MAX_REMEMBERED) {
				reported.add(key);
			}
		}
		else if (seenOnce.size() < MAX_REMEMBERED) {
			seenOnce.add(key);
		}
	}

	/** A copy for a pass to work on. */
	StrayKeys copy() {
		StrayKeys copy = new StrayKeys();
		copy.seenOnce.addAll(seenOnce);
		copy.reported.addAll(reported);
		return copy;
	}

	/**
	 * What a full pass starts from: everything seen before counts as seen once, so what
	 * is still there is reported again at once and what is gone is forgotten.
	 */
	StrayKeys forFullPass() {
		StrayKeys next = new StrayKeys();
		next.seenOnce.addAll(reported);
		next.seenOnce.addAll(seenOnce);
		while (next.seenOnce.size() > MAX_REMEMBERED) {
			next.seenOnce.pollLast();
		}
		return next;
	}

	List<String> shown() {
		return new ArrayList<>(reported).subList(0, Math.min(reported.size(), LtxListing.BAD_KEYS_SHOWN));
	}

	int count() {
		return reported.size();
	}

}
