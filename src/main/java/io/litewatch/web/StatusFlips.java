package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.litewatch.history.StatusChange;
import io.litewatch.time.HumanDuration;

/**
 * A database's history as a list of states and how long each lasted, from the
 * {@code database_sample} rows where something began (the history finds them in SQL, so
 * the repeats in between are never read): "warning for 4 min 12 s". A silence longer than
 * {@code maxGap} between samples is its own entry ("Litewatch not running"), so a state
 * never seems to last through a time nobody watched.
 */
final class StatusFlips {

	private StatusFlips() {
	}

	/**
	 * @param state "ok", "warning", "critical", or "not watched" for a silence
	 * @param duration "4 min 12 s"; for the current state, so far
	 * @param current whether it still holds
	 */
	record Flip(String state, Moment from, Moment to, String duration, boolean current) {

		public String sentence() {
			return (current ? state + " for " + duration + " so far" : state + " for " + duration);
		}

	}

	private record Run(String state, Instant from, Instant to) {
	}

	/**
	 * @param changes oldest first, the newest sample last
	 * @param maxGap a longer silence since the newest sample means nobody watches now
	 * @return newest first, at most {@code limit}
	 */
	static List<Flip> of(List<StatusChange> changes, Duration maxGap, Instant now, int limit) {
		List<Run> runs = new ArrayList<>();
		String state = null;
		Instant start = null;
		Instant last = null;
		for (StatusChange c : changes) {
			String label = c.status().label();
			if (c.afterGap()) {
				if (state != null) {
					runs.add(new Run(state, start, c.previousAt()));
				}
				runs.add(new Run(null, c.previousAt(), c.checkedAt()));
				state = null;
			}
			if (!label.equals(state)) {
				if (state != null) {
					runs.add(new Run(state, start, c.checkedAt()));
				}
				state = label;
				start = c.checkedAt();
			}
			last = c.checkedAt();
		}
		boolean watched = last != null && Duration.between(last, now).compareTo(maxGap) <= 0;
		if (state != null) {
			runs.add(new Run(state, start, watched ? null : last));
		}
		if (last != null && !watched) {
			runs.add(new Run(null, last, null));
		}
		List<Flip> flips = new ArrayList<>();
		for (int i = runs.size() - 1; i >= 0 && flips.size() < limit; i--) {
			Run r = runs.get(i);
			Instant end = r.to() == null ? now : r.to();
			flips.add(new Flip(r.state() == null ? "not watched" : r.state(), Moment.of(r.from(), now),
					r.to() == null ? null : Moment.of(r.to(), now), length(Duration.between(r.from(), end)),
					r.to() == null));
		}
		return List.copyOf(flips);
	}

	/**
	 * The two largest units, seconds included under an hour: "4 min 12 s", "2 h 5 min".
	 */
	static String length(Duration d) {
		long s = Math.max(0, d.getSeconds());
		if (s >= 60 && s < 3600) {
			return (s / 60) + " min" + (s % 60 > 0 ? " " + (s % 60) + " s" : "");
		}
		return HumanDuration.spoken(Duration.ofSeconds(s));
	}

}
