package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.litewatch.docker.GenerationRow;
import io.litewatch.docker.SnapshotRow;
import io.litewatch.health.GenerationState;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.health.RestoreRange;
import io.litewatch.inventory.GenerationTally;
import io.litewatch.inventory.IndexGap;
import io.litewatch.inventory.InventoryFigures;
import io.litewatch.inventory.ReplicaInventory;
import io.litewatch.time.HumanDuration;

/**
 * A replica's history as a restore sees it, drawn proportional to time from its oldest
 * kept object to now: each generation as a band, each snapshot as a tick, the restore
 * window under them. Below the drawing, the same as text: per snapshot, the WAL indexes a
 * restore to a time after it replays (a restore starts at the newest snapshot before the
 * time and replays every WAL index from the snapshot's on), and any index gap the
 * inventory found in that stretch, where such a restore fails with "missing WAL index".
 *
 * @param stretches newest first, at most {@link #MAX_STRETCHES}
 * @param from the left edge
 */
public record WalTimeline(List<Band> bands, List<Tick> ticks, Band window, List<Stretch> stretches, Moment from,
		String label) {

	static final int WIDTH = 600;

	static final int MAX_STRETCHES = 50;

	static final int MAX_TICKS = 200;

	/** A stretch of time drawn as a rectangle, with its tooltip. */
	public record Band(String css, String x, String width, String title) {
	}

	/** A snapshot's tick. */
	public record Tick(String x, String title) {
	}

	/**
	 * What a restore to a time between {@code from} and {@code to} uses.
	 *
	 * @param wal "WAL indexes 12–40", or "WAL index 12 on" while the inventory has not
	 * counted them
	 * @param gap "index gap 20–21: …", or null
	 */
	public record Stretch(String generation, boolean current, Moment from, Moment to, long snapshotIndex,
			String snapshotSize, String wal, String gap) {
	}

	private record Generation(String id, Instant start, Instant end) {
	}

	/** Null when nothing is known yet to draw (no generation, no snapshot). */
	static WalTimeline of(ReplicaStatus r, List<GenerationRow> litestreamGenerations, List<SnapshotRow> snapshots,
			Instant now) {
		List<Generation> generations = generations(r.generations(), litestreamGenerations, snapshots);
		String current = r.generations() != null ? r.generations().current() : null;
		RestoreRange restore = r.restore();
		Instant from = restore.from();
		for (Generation g : generations) {
			from = earliest(from, g.start());
		}
		for (SnapshotRow s : snapshots) {
			from = earliest(from, s.created());
		}
		if (from == null || !from.isBefore(now)) {
			return null;
		}
		double span = Duration.between(from, now).toMillis();
		Instant left = from;
		List<Band> bands = generations.stream()
			.filter((g) -> g.start() != null && g.end() != null)
			.map((g) -> band(g.id().equals(current) ? "generation current" : "generation", g.start(), g.end(), left,
					span, "generation " + g.id() + (g.id().equals(current) ? " (current)" : "")))
			.toList();
		List<Tick> ticks = snapshots.stream()
			.filter((s) -> s.created() != null)
			.sorted(Comparator.comparing(SnapshotRow::created).reversed())
			.limit(MAX_TICKS)
			.map((s) -> new Tick(HistoryChart.num(x(s.created(), left, span)),
					"snapshot index " + s.index() + " of " + s.generation() + ", " + Moment.of(s.created(), now).utc()))
			.toList();
		Band window = restore.window() == null ? null : band("window", restore.from(), restore.to(), left, span,
				"restore window " + HumanDuration.spoken(restore.window()));
		List<Stretch> stretches = stretches(r.inventory(), current, generations, snapshots, now);
		long gaps = stretches.stream().filter((s) -> s.gap() != null).count();
		String label = "WAL timeline: " + Texts.count(bands.size(), "generation") + ", "
				+ Texts.count(ticks.size(), "snapshot")
				+ (window == null ? ", no restore window"
						: ", restore window " + HumanDuration.spoken(restore.window()))
				+ (gaps == 0 ? "" : ", " + gaps + (gaps == 1 ? " stretch" : " stretches") + " with an index gap");
		return new WalTimeline(bands, ticks, window, stretches, Moment.of(from, now), label);
	}

	/**
	 * Each generation's span: from Litewatch's own listing for the types it lists, from
	 * Litestream's {@code generations} for the others; a start not seen falls back to the
	 * generation's oldest snapshot.
	 */
	private static List<Generation> generations(GenerationState known, List<GenerationRow> rows,
			List<SnapshotRow> snapshots) {
		Map<String, Instant> oldestSnapshot = new LinkedHashMap<>();
		for (SnapshotRow s : snapshots) {
			oldestSnapshot.merge(s.generation(), s.created(), WalTimeline::earliest);
		}
		List<Generation> out = new ArrayList<>();
		if (known != null && !known.ends().isEmpty()) {
			known.ends()
				.forEach((id, end) -> out
					.add(new Generation(id, earliest(known.firstSeen().get(id), oldestSnapshot.get(id)), end)));
		}
		else {
			rows.forEach((g) -> out.add(new Generation(g.generation(), g.start(), g.end())));
		}
		out.sort(Comparator.comparing(Generation::start, Comparator.nullsFirst(Comparator.naturalOrder())));
		return out;
	}

	private static List<Stretch> stretches(ReplicaInventory inventory, String current, List<Generation> generations,
			List<SnapshotRow> snapshots, Instant now) {
		InventoryFigures inv = inventory == null ? null : inventory.figures();
		List<Stretch> out = new ArrayList<>();
		for (Generation g : generations) {
			List<SnapshotRow> own = snapshots.stream()
				.filter((s) -> s.generation().equals(g.id()))
				.sorted(Comparator.comparingLong(SnapshotRow::index))
				.toList();
			GenerationTally tally = inv == null ? null : inv.generation(g.id()).orElse(null);
			for (int i = 0; i < own.size(); i++) {
				SnapshotRow s = own.get(i);
				SnapshotRow next = i + 1 < own.size() ? own.get(i + 1) : null;
				Long last = next != null ? Long.valueOf(next.index() - 1) : tally != null ? tally.lastWalIndex() : null;
				out.add(new Stretch(g.id(), g.id().equals(current), Moment.of(s.created(), now),
						Moment.of(next != null ? next.created() : g.end(), now), s.index(), Texts.bytes(s.size()),
						wal(s.index(), last), gap(tally, s.index(), last)));
			}
		}
		out.sort(Comparator.comparing((Stretch s) -> s.from() == null ? "" : s.from().iso()).reversed());
		return List.copyOf(out.subList(0, Math.min(out.size(), MAX_STRETCHES)));
	}

	private static String wal(long first, Long last) {
		if (last == null) {
			return "WAL index " + first + " on";
		}
		return last <= first ? "WAL index " + first : "WAL indexes " + first + "–" + last;
	}

	/** The first inventory gap inside {@code [first, last]}: the one a restore meets. */
	private static String gap(GenerationTally tally, long first, Long last) {
		if (tally == null) {
			return null;
		}
		return tally.gaps()
			.stream()
			.filter((g) -> g.to() >= first && (last == null || g.from() <= last))
			.min(Comparator.comparingLong(IndexGap::from))
			.map((g) -> "index " + (g.from() == g.to() ? g.from() : g.from() + "–" + g.to())
					+ " missing: a restore to a time after index " + (g.from() - 1)
					+ " from this snapshot fails (missing WAL index)")
			.orElse(null);
	}

	private static Band band(String css, Instant a, Instant b, Instant from, double span, String title) {
		double x1 = x(a, from, span);
		double x2 = x(b, from, span);
		return new Band(css, HistoryChart.num(x1), HistoryChart.num(Math.max(1, x2 - x1)), title);
	}

	private static double x(Instant at, Instant from, double span) {
		return Math.max(0, Math.min(WIDTH, Duration.between(from, at).toMillis() / span * WIDTH));
	}

	private static Instant earliest(Instant a, Instant b) {
		return a == null ? b : b == null || a.isBefore(b) ? a : b;
	}

}
