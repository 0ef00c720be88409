package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.docker.GenerationRow;
import io.litewatch.docker.SnapshotRow;
import io.litewatch.health.LitestreamView;
import io.litewatch.health.GenerationState;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.history.ReplicaSlot;
import io.litewatch.history.SampleGap;
import io.litewatch.inventory.GenerationTally;
import io.litewatch.inventory.InventoryFigures;
import io.litewatch.time.HumanDuration;

/**
 * One replica on its database's page: the overview's figures, the thresholds in force,
 * its history charts, and the generations and snapshots the last poll listed.
 *
 * @param snapshotsShown how many of {@code snapshotCount} the list holds (newest first)
 * @param timeline the generations, snapshots and WAL stretches over time; null before
 * anything is listed
 * @param ltx a Litestream 0.5 replica's TXIDs and levels; null for 0.3
 */
public record ReplicaPanel(ReplicaRow row, List<ThresholdRow> thresholds, Chart lag, Chart snapshotAge,
		List<GenerationLine> generations, List<SnapshotLine> snapshots, int snapshotCount, WalTimeline timeline,
		LtxPanel ltx) {

	static final int MAX_SNAPSHOTS = 50;

	/** Slots per chart: the history groups the range in this many, at most. */
	static final int MAX_POINTS = 600;

	/**
	 * One chart's view: the drawing, the warning limit's line, the scale's labels.
	 *
	 * @param warningY y of the warning limit, or null when it is off the scale or none
	 * @param top "max 2 min": the value at the top edge
	 */
	public record Chart(String title, HistoryChart.Drawing drawing, String warningY, String top, String label) {

		/**
		 * @param value the slot's highest value of this series
		 * @param unknown how many polls of the slot could not tell it
		 */
		static Chart of(String title, List<ReplicaSlot> slots, Function<ReplicaSlot, Duration> value,
				ToIntFunction<ReplicaSlot> unknown, List<HistoryChart.Silence> silences, Duration warning, Instant from,
				Instant to, Duration maxGap) {
			List<HistoryChart.Slot> points = slots.stream()
				.map((s) -> new HistoryChart.Slot(s.first(), s.last(),
						value.apply(s) == null ? null : value.apply(s).toMillis() / 1000.0, unknown.applyAsInt(s) > 0))
				.toList();
			double limit = warning == null ? 0 : warning.toMillis() / 1000.0;
			HistoryChart.Drawing d = HistoryChart.draw(points, silences, from, to, maxGap, limit);
			String top = HumanDuration.spoken(Duration.ofMillis((long) (d.top() * 1000)));
			String label = title + ": " + (d.path().isEmpty() ? "no samples" : d.points() + " points") + ", "
					+ (d.gaps().isEmpty() ? "no gap" : Texts.count(d.gaps().size(), "gap") + " while not watched")
					+ (warning == null ? "" : ", warning above " + HumanDuration.spoken(warning));
			return new Chart(title, d, warning == null ? null : d.y(limit), top, label);
		}

	}

	/**
	 * @param end its newest object
	 * @param walSegments "120 WAL segments (4.1 MiB), 2 snapshots" from the inventory, or
	 * null without one
	 * @param gaps "1 index gap" from the inventory, or null when none
	 */
	public record GenerationLine(String id, boolean current, Moment start, Moment end, String lag, String walSegments,
			String gaps) {
	}

	public record SnapshotLine(Moment created, String generation, long index, String size) {
	}

	static ReplicaPanel of(ReplicaRow row, ReplicaStatus r, LitestreamView litestream, LitewatchProperties.Health h,
			List<ReplicaSlot> slots, List<SampleGap> gaps, Instant from, Instant now, Duration maxGap) {
		Duration lagWarning = h.lagWarning(r.config().syncInterval());
		Duration snapshotWarning = h.snapshotWarning(r.config().expectedSnapshotSpacing());
		List<HistoryChart.Silence> silences = gaps.stream()
			.map((g) -> new HistoryChart.Silence(g.from(), g.to()))
			.toList();
		Chart lag = Chart.of("Lag", slots, ReplicaSlot::maxLag, ReplicaSlot::lagUnknown, silences, lagWarning, from,
				now, maxGap);
		Chart age = Chart.of("Snapshot age", slots, ReplicaSlot::maxSnapshotAge, ReplicaSlot::snapshotAgeUnknown,
				silences, snapshotWarning, from, now, maxGap);
		InventoryFigures inv = r.inventory() == null ? null : r.inventory().figures();
		// Litewatch's own listing when it lists the replica (s3); Litestream's
		// `generations`, which runs only for the other types, otherwise.
		GenerationState known = r.generations();
		String current = known != null ? known.current() : null;
		List<GenerationLine> generations = known != null && !known.ends().isEmpty()
				? listed(known, r.freshness().lag(), inv, now)
				: litestream == null ? List.of() : litestream.generationsOf(r.name())
					.stream()
					.sorted(Comparator.comparing(GenerationRow::end, Comparator.nullsFirst(Comparator.reverseOrder())))
					.map((g) -> generation(g, current, inv, now))
					.toList();
		List<SnapshotRow> listed = litestream == null ? List.of() : litestream.snapshotsOf(r.name());
		List<SnapshotLine> snapshots = listed.stream()
			.sorted(Comparator.comparing(SnapshotRow::created, Comparator.nullsLast(Comparator.reverseOrder())))
			.limit(MAX_SNAPSHOTS)
			.map((s) -> new SnapshotLine(Moment.of(s.created(), now), s.generation(), s.index(), Texts.bytes(s.size())))
			.toList();
		WalTimeline timeline = WalTimeline.of(r, litestream == null ? List.of() : litestream.generationsOf(r.name()),
				listed, now);
		return new ReplicaPanel(row, ThresholdRow.of(r.config(), h), lag, age, generations, snapshots, listed.size(),
				timeline, LtxPanel.of(r.ltx(), now));
	}

	/** The generations of the poll's own listing, newest end first. */
	private static List<GenerationLine> listed(GenerationState known, Duration lag, InventoryFigures inv, Instant now) {
		return known.ends()
			.entrySet()
			.stream()
			.sorted(java.util.Map.Entry.<String, Instant>comparingByValue().reversed())
			.map((e) -> {
				GenerationTally t = inv == null ? null : inv.generation(e.getKey()).orElse(null);
				boolean current = e.getKey().equals(known.current());
				return new GenerationLine(e.getKey(), current, Moment.of(known.firstSeen().get(e.getKey()), now),
						Moment.of(e.getValue(), now), current && lag != null ? HumanDuration.spoken(lag) : null,
						inventoryText(t), gapsText(t));
			})
			.toList();
	}

	private static String inventoryText(GenerationTally t) {
		return t == null ? null : Texts.count(t.walSegments(), "WAL segment") + " (" + Texts.bytes(t.walBytes()) + "), "
				+ Texts.count(t.snapshotCount(), "snapshot");
	}

	private static String gapsText(GenerationTally t) {
		return t == null || t.gapCount() == 0 ? null : Texts.count(t.gapCount(), "index gap");
	}

	private static GenerationLine generation(GenerationRow g, String current, InventoryFigures inv, Instant now) {
		GenerationTally t = inv == null ? null : inv.generation(g.generation()).orElse(null);
		return new GenerationLine(g.generation(), g.generation().equals(current), Moment.of(g.start(), now),
				Moment.of(g.end(), now), g.lag() == null ? null : HumanDuration.spoken(g.lag()), inventoryText(t),
				gapsText(t));
	}

	public List<Chart> charts() {
		return List.of(lag, snapshotAge);
	}

	public boolean hasListing() {
		return !generations.isEmpty() || !snapshots.isEmpty();
	}

}
