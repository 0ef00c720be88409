package io.litewatch.badge;

import java.util.Locale;

import io.litewatch.health.HealthStatus;

/**
 * What one badge says: a grey label on the left, a message on a coloured field on the
 * right. The message always names the state in words; the colour only repeats it.
 */
record Badge(String label, String message, Tone tone) {

	static final String LABEL = "litewatch";

	/** Unknown database, no poll yet: nothing is claimed. */
	static Badge unknown() {
		return new Badge(LABEL, "unknown", Tone.NONE);
	}

	/** No poll completed for too long: {@code /api/status} says critical then too. */
	static Badge stalled() {
		return new Badge(LABEL, "stalled", Tone.CRITICAL);
	}

	static Badge pending() {
		return new Badge(LABEL, "pending", Tone.NONE);
	}

	/**
	 * The colour of the message's field. White text on each of them has a contrast ratio
	 * of at least 4.5:1 (WCAG AA for small text).
	 */
	enum Tone {

		OK("#1a7f37"), WARNING("#9a6700"), CRITICAL("#cf222e"), NONE("#6e7781");

		private final String fill;

		Tone(String fill) {
			this.fill = fill;
		}

		String fill() {
			return fill;
		}

		static Tone of(HealthStatus status) {
			return valueOf(status.name().toUpperCase(Locale.ROOT));
		}

	}

}
