package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.litewatch.health.DrillObservation;
import io.litewatch.health.DrillObservation.ReplicaDrill;

/**
 * A database's restore drills in one line on the overview, so "would a restore work?" is
 * answered at a glance: the worst of its replicas' newest drills (failed, then refused,
 * then passed; of those the oldest, the longest standing), with the slowest restore and
 * the largest achieved RPO when all passed.
 *
 * @param outcome {@code passed}, {@code refused}, {@code failed}, or {@code none} before
 * the first drill
 * @param at when the drill shown started; null when none
 * @param took the slowest replica's restore with its checks (the RTO to expect); null
 * unless passed
 * @param rpo the largest achieved RPO; null unless passed and known
 * @param reason why it was refused, clipped; null otherwise (a failure's message is in
 * its RESTORE_FAILED finding)
 */
public record DrillSummary(String outcome, Moment at, String took, String rpo, String reason) {

	static final int REASON_CHARS = 160;

	private static final List<String> WORST_FIRST = List.of("FAILED", "REFUSED", "PASSED");

	/** Null when drills are off for the database: the row then says nothing of them. */
	static DrillSummary of(DrillObservation drills, Instant now) {
		if (drills == null) {
			return null;
		}
		if (drills.newest().isEmpty()) {
			return new DrillSummary("none", null, null, null, null);
		}
		ReplicaDrill worst = drills.newest()
			.stream()
			.min(Comparator.comparingInt(DrillSummary::rank).thenComparing(ReplicaDrill::startedAt))
			.orElseThrow();
		String outcome = WORST_FIRST.get(rank(worst)).toLowerCase(Locale.ROOT);
		if (!"passed".equals(outcome)) {
			return new DrillSummary(outcome, Moment.of(worst.startedAt(), now), null, null,
					"refused".equals(outcome) ? clip(worst.failure()) : null);
		}
		Duration took = drills.newest().stream().map(ReplicaDrill::took).max(Comparator.naturalOrder()).orElseThrow();
		Duration rpo = drills.newest()
			.stream()
			.map(ReplicaDrill::achievedRpo)
			.filter(Objects::nonNull)
			.max(Comparator.naturalOrder())
			.orElse(null);
		return new DrillSummary(outcome, Moment.of(worst.startedAt(), now), Texts.shortDuration(took),
				rpo != null ? Texts.shortDuration(rpo) : null, null);
	}

	/** An outcome this page does not know ranks with the failures. */
	private static int rank(ReplicaDrill drill) {
		int rank = WORST_FIRST.indexOf(drill.outcome());
		return rank < 0 ? 0 : rank;
	}

	private static String clip(String reason) {
		if (reason == null || reason.length() <= REASON_CHARS) {
			return reason;
		}
		return reason.substring(0, REASON_CHARS - 1) + "…";
	}

	public String glyph() {
		return switch (outcome) {
			case "passed" -> "✓";
			case "failed" -> "✕";
			case "none" -> "○";
			default -> "!";
		};
	}

}
