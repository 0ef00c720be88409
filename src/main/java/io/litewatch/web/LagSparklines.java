package io.litewatch.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.history.HistorySeries;
import io.litewatch.history.ReplicaSlot;
import io.litewatch.history.SampleGap;
import io.litewatch.poll.PollResult;

/**
 * The overview's lag sparklines, every replica's last 24 h in {@link #SLOTS} slots, from
 * two grouped queries for all replicas together. The history changes only when a poll is
 * recorded, so they are drawn at most once per poll, by the first request that shows that
 * poll; every other request of the poll reads the same drawing. The first request can
 * come before the poll's own samples are recorded (the poll is shown first, then
 * recorded): its drawing then ends one poll early, which at 15 min a slot shows nowhere.
 */
@Component
class LagSparklines {

	static final Duration RANGE = Duration.ofHours(24);

	static final int SLOTS = 96;

	private final HistorySeries history;

	private final LitewatchProperties properties;

	private final Clock clock;

	/** The drawing of the poll last shown. */
	private final AtomicReference<Drawn> drawn = new AtomicReference<>();

	private record Drawn(PollResult poll, Sparklines sparklines) {
	}

	LagSparklines(HistorySeries history, LitewatchProperties properties, Clock clock) {
		this.history = history;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The sparklines of {@code poll}'s replicas; {@link Sparklines#NONE} before the first
	 * poll.
	 */
	Sparklines of(PollResult poll) {
		if (poll == null) {
			return Sparklines.NONE;
		}
		Drawn current = drawn.get();
		// The same poll object, not an equal one: each poll is a new PollResult.
		if (current != null && current.poll() == poll) {
			return current.sparklines();
		}
		synchronized (this) {
			current = drawn.get();
			if (current == null || current.poll() != poll) {
				current = new Drawn(poll, draw(poll, clock.instant()));
				drawn.set(current);
			}
			return current.sparklines();
		}
	}

	private Sparklines draw(PollResult poll, Instant now) {
		Instant from = now.minus(RANGE);
		Duration maxGap = properties.pollInterval().multipliedBy(3);
		Map<String, List<HistoryChart.Slot>> slots = new HashMap<>();
		Map<String, List<HistoryChart.Silence>> silences = new HashMap<>();
		Map<String, Duration> peaks = new HashMap<>();
		for (ReplicaSlot s : history.allReplicaSlots(from, now, HistoryChart.slotLength(from, now, SLOTS))) {
			String key = Sparklines.key(s.database(), s.replica());
			slots.computeIfAbsent(key, (k) -> new ArrayList<>())
				.add(new HistoryChart.Slot(s.first(), s.last(),
						s.maxLag() == null ? null : s.maxLag().toMillis() / 1000.0, s.lagUnknown() > 0));
			if (s.maxLag() != null) {
				peaks.merge(key, s.maxLag(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
			}
		}
		for (SampleGap g : history.allReplicaGaps(from, now, maxGap)) {
			silences.computeIfAbsent(Sparklines.key(g.database(), g.replica()), (k) -> new ArrayList<>())
				.add(new HistoryChart.Silence(g.from(), g.to()));
		}
		Map<String, LagSparkline> lines = new HashMap<>();
		for (DatabaseStatus db : poll.databases()) {
			for (ReplicaStatus r : db.replicas()) {
				String key = Sparklines.key(db.name(), r.name());
				Duration limit = properties.health().lagWarning(r.config().syncInterval());
				HistoryChart.Drawing d = HistoryChart.draw(slots.getOrDefault(key, List.of()),
						silences.getOrDefault(key, List.of()), from, now, maxGap, limit.toMillis() / 1000.0);
				lines.put(key, LagSparkline.of(d, peaks.get(key), limit));
			}
		}
		return new Sparklines(lines);
	}

	/** Every replica's sparkline of one poll, for the template to look up. */
	public record Sparklines(Map<String, LagSparkline> lines) {

		static final Sparklines NONE = new Sparklines(Map.of());

		public Sparklines {
			lines = Map.copyOf(lines);
		}

		/** The replica's sparkline, or null when the poll did not have it. */
		public LagSparkline of(String database, String replica) {
			return lines.get(key(database, replica));
		}

		static String key(String database, String replica) {
			return database + '\u0000' + replica;
		}

	}

}
