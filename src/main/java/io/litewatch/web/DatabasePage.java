package io.litewatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.litewatch.alert.outbox.OutboxMessage;
import io.litewatch.config.LitewatchProperties;
import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.Finding;
import io.litewatch.history.HistorySeries;
import io.litewatch.poll.PollResult;

/**
 * One database's page: its row as the overview shows it, then per replica the thresholds,
 * the history charts over the chosen range, the generations and snapshots, and the
 * database's status flips.
 *
 * @param row the overview's row (state, findings, held back)
 * @param range the charts' range
 * @param flips newest first, at most {@link #MAX_FLIPS}
 */
public record DatabasePage(DatabaseRow row, List<ReplicaPanel> replicas, Range range, List<StatusFlips.Flip> flips,
		List<Notification> notifications, PollClock clock, String title) {

	static final int MAX_FLIPS = 50;

	/** The outbox's newest messages searched for this database's notifications. */
	static final int OUTBOX_SCAN = 200;

	static final int MAX_NOTIFICATIONS = 20;

	/**
	 * One notification sent (or being sent) about this database, with its delivery.
	 *
	 * @param event "firing", "reminder", "resolved"
	 * @param delivery "sent", "pending" or "dead" (given up)
	 * @param error the last delivery error, redacted, or null
	 */
	public record Notification(Moment queued, String channel, String event, String severity, String subject,
			String delivery, int attempts, Moment sent, String error) {

		static Notification of(OutboxMessage m, Instant now) {
			return new Notification(Moment.of(m.createdAt(), now), m.channel(), lower(m.event().name()),
					lower(m.severity().name()), m.message().subject(), lower(m.status().name()), m.attempts(),
					Moment.of(m.sentAt(), now), m.lastError());
		}

		private static String lower(String s) {
			return s.toLowerCase(java.util.Locale.ROOT);
		}

	}

	/** The charts' ranges, as the query parameter spells them. */
	public enum Range {

		DAY("24h", Duration.ofHours(24)), WEEK("7d", Duration.ofDays(7)), MONTH("30d", Duration.ofDays(30));

		private final String param;

		private final Duration length;

		Range(String param, Duration length) {
			this.param = param;
			this.length = length;
		}

		public String code() {
			return param;
		}

		Duration length() {
			return length;
		}

		/** The named range; 24 h for anything else, so an odd link still shows a page. */
		static Range of(String param) {
			for (Range r : values()) {
				if (r.param.equals(param)) {
					return r;
				}
			}
			return DAY;
		}

	}

	/** The database by its name in the latest poll. */
	static Optional<DatabaseStatus> find(PollResult poll, String name) {
		return poll == null ? Optional.empty()
				: poll.databases().stream().filter((d) -> d.name().equals(name)).findFirst();
	}

	/**
	 * @param maxGap a longer silence between samples was a time Litewatch did not watch
	 */
	static DatabasePage of(DatabaseStatus db, PollResult poll, boolean polling, Optional<Finding> stalled,
			HistorySeries history, List<OutboxMessage> outbox, LitewatchProperties properties, Range range,
			Instant now) {
		OverviewPage overview = OverviewPage.of(poll, polling, stalled, properties, now);
		DatabaseRow row = overview.rows().stream().filter((r) -> r.name().equals(db.name())).findFirst().orElseThrow();
		Duration maxGap = properties.pollInterval().multipliedBy(3);
		Instant from = now.minus(range.length());
		Duration slot = HistoryChart.slotLength(from, now, ReplicaPanel.MAX_POINTS);
		List<ReplicaPanel> replicas = new java.util.ArrayList<>();
		for (int i = 0; i < db.replicas().size(); i++) {
			var r = db.replicas().get(i);
			replicas.add(ReplicaPanel.of(row.replicas().get(i), r, db.litestream(), properties.health(),
					history.replicaSlots(db.name(), r.name(), from, now, slot),
					history.replicaGaps(db.name(), r.name(), from, now, maxGap), from, now, maxGap));
		}
		// One row more than the flips shown: the oldest shown needs the row it starts at.
		List<StatusFlips.Flip> flips = StatusFlips.of(history.statusChanges(db.name(), from, maxGap, MAX_FLIPS + 1),
				maxGap, now, MAX_FLIPS);
		List<Notification> notifications = outbox.stream()
			.filter((m) -> db.name().equals(m.database()))
			.limit(MAX_NOTIFICATIONS)
			.map((m) -> Notification.of(m, now))
			.toList();
		return new DatabasePage(row, List.copyOf(replicas), range, flips, notifications, overview.clock(),
				db.name() + " · " + row.state().label() + " · Litewatch");
	}

	public List<Range> ranges() {
		return List.of(Range.values());
	}

}
