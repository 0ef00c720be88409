package io.litewatch.time;

import java.time.Instant;

/** The earlier and later of two instants where either may be unknown (null). */
public final class Instants {

	private Instants() {
	}

	public static Instant min(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return b == null || a.isBefore(b) ? a : b;
	}

	public static Instant max(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return b == null || a.isAfter(b) ? a : b;
	}

}
