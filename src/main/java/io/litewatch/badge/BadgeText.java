package io.litewatch.badge;

import java.time.Duration;
import java.util.Objects;

import io.litewatch.health.DatabaseStatus;
import io.litewatch.health.Freshness;
import io.litewatch.health.HealthStatus;
import io.litewatch.health.ReplicaStatus;
import io.litewatch.poll.PollResult;

/**
 * The badges' words, from one poll only: names, states and lag, never a location or a
 * credential.
 */
final class BadgeText {

	private BadgeText() {
	}

	/**
	 * The installation: "ok", or the worst state with how many databases are in it ("2
	 * critical"); "stalled" when no poll completed for too long, as {@code /api/status}
	 * says critical then.
	 */
	static Badge overall(PollResult poll, boolean stalled) {
		if (stalled) {
			return Badge.stalled();
		}
		HealthStatus status = poll.status();
		long count = poll.databases().stream().filter((db) -> db.status() == status).count();
		String message = (status == HealthStatus.OK || count == 0) ? status.label() : count + " " + status.label();
		return new Badge(Badge.LABEL, message, Badge.Tone.of(status));
	}

	/** One database: "production: ok · lag 2s", the lag being its worst replica's. */
	static Badge database(DatabaseStatus db, boolean stalled) {
		if (stalled) {
			return new Badge(Badge.LABEL, db.name() + ": stalled", Badge.Tone.CRITICAL);
		}
		StringBuilder message = new StringBuilder(db.name()).append(": ").append(db.status().label());
		if (!db.replicas().isEmpty()) {
			Duration lag = worstLag(db);
			message.append(" \u00b7 lag ").append(lag == null ? "unknown" : duration(lag));
		}
		return new Badge(Badge.LABEL, message.toString(), Badge.Tone.of(db.status()));
	}

	/**
	 * The largest lag among the replicas whose lag is known; null when none is. A replica
	 * ahead of the file (negative lag) is caught up: it counts as zero.
	 */
	static Duration worstLag(DatabaseStatus db) {
		return db.replicas()
			.stream()
			.map(ReplicaStatus::freshness)
			.map(Freshness::lag)
			.filter(Objects::nonNull)
			.map((lag) -> lag.isNegative() ? Duration.ZERO : lag)
			.max(Duration::compareTo)
			.orElse(null);
	}

	/**
	 * A duration as people write it, in its two largest units, rounded down: {@code 0s},
	 * {@code 2s}, {@code 1m 30s}, {@code 1h}, {@code 3d 4h}.
	 */
	static String duration(Duration duration) {
		long seconds = Math.max(0, duration.getSeconds());
		long[] sizes = { 86_400, 3_600, 60, 1 };
		String[] units = { "d", "h", "m", "s" };
		for (int i = 0; i < sizes.length; i++) {
			long major = seconds / sizes[i];
			if (major == 0 && i < sizes.length - 1) {
				continue;
			}
			String text = major + units[i];
			if (i < sizes.length - 1) {
				long minor = (seconds % sizes[i]) / sizes[i + 1];
				if (minor > 0) {
					text += " " + minor + units[i + 1];
				}
			}
			return text;
		}
		throw new IllegalStateException("unreachable");
	}

}
