package io.litewatch.config;

import java.util.List;
import java.util.Locale;

/** The "did you mean" of unknown keys: the known key within a couple of edits. */
final class KeySuggestions {

	private KeySuggestions() {
	}

	/** The known key meant by {@code key}, or null when none is close enough. */
	static String suggest(String key, List<String> known) {
		String normalized = key.toLowerCase(Locale.ROOT).replace('_', '-');
		if (known.contains(normalized)) {
			return normalized;
		}
		int allowed = Math.max(1, Math.min(2, normalized.length() / 4));
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : known) {
			// The distance is at least the difference in length: skipping those keeps a
			// very long key from costing a table of its length times the candidate's.
			if (Math.abs(normalized.length() - candidate.length()) > allowed) {
				continue;
			}
			int d = editDistance(normalized, candidate);
			if (d < bestDistance) {
				best = candidate;
				bestDistance = d;
			}
		}
		return (bestDistance <= allowed) ? best : null;
	}

	// Optimal string alignment distance: a swapped pair of letters ("levle") counts as
	// one edit.
	static int editDistance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
