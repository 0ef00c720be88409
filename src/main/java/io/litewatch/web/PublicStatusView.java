package io.litewatch.web;

import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /api/status} tells a client that is neither signed in nor holding a
 * token, while {@code litewatch.security.status-access} is public: the states and the
 * lag, as the badges show them, and nothing that names a place (no path, bucket,
 * endpoint, container, address or message text). Cut from the full {@link StatusView}, so
 * both always agree, and the HTTP status is the same.
 */
public record PublicStatusView(String status, Long sequence, String checkedAt, boolean stale,
		List<DatabaseView> databases) {

	/**
	 * @param lagSeconds the worst replica's lag, a caught-up replica (negative lag)
	 * counting as zero; null when no replica has one yet
	 */
	public record DatabaseView(String name, String status, Double lagSeconds) {

		static DatabaseView of(StatusView.DatabaseView db) {
			Double worst = db.replicas()
				.stream()
				.map(StatusView.ReplicaView::lagSeconds)
				.filter(Objects::nonNull)
				.map((lag) -> Math.max(0.0, lag))
				.max(Double::compare)
				.orElse(null);
			return new DatabaseView(db.name(), db.status(), worst);
		}

	}

	static PublicStatusView of(StatusView full) {
		return new PublicStatusView(full.status(), full.sequence(), full.checkedAt(), full.stale(),
				full.databases().stream().map(DatabaseView::of).toList());
	}

}
