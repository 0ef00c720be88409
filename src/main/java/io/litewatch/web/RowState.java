package io.litewatch.web;

import io.litewatch.health.HealthStatus;

/**
 * The state a row of the overview shows, in the order rows are sorted: worst first.
 * {@link #UNKNOWN} is a database (or replica) whose own figures are fine but which an
 * installation-wide cause holds back: with the accessory down, nobody knows it is OK.
 * Each state has a word and a glyph, so the state never rests on colour alone.
 */
public enum RowState {

	CRITICAL("critical", "Critical", "✕"), WARNING("warning", "Warning", "!"), UNKNOWN("unknown", "Held back", "?"),
	OK("ok", "OK", "✓");

	private final String label;

	private final String text;

	private final String icon;

	RowState(String label, String text, String icon) {
		this.label = label;
		this.text = text;
		this.icon = icon;
	}

	/**
	 * @param own the status from findings of its own (held ones do not count)
	 * @param held whether an installation-wide cause holds it back
	 */
	static RowState of(HealthStatus own, boolean held) {
		return switch (own) {
			case CRITICAL -> CRITICAL;
			case WARNING -> WARNING;
			case OK -> held ? UNKNOWN : OK;
		};
	}

	static RowState of(HealthStatus status) {
		return of(status, false);
	}

	/** Lower-case, for {@code data-status}, CSS classes and favicon names. */
	public String label() {
		return label;
	}

	public String text() {
		return text;
	}

	public String icon() {
		return icon;
	}

}
