package io.litewatch.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.litewatch.health.Finding;
import io.litewatch.health.FindingCode;
import io.litewatch.time.GoDuration;

/**
 * Whether the polls still complete. A monitor that froze (a hung source, a dead
 * scheduler) would otherwise serve its last result for ever: after {@value #INTERVALS}
 * poll intervals without a completed poll, the JSON says POLL_STALLED with 503, the page
 * says its data is stale, and the readiness probe goes down.
 */
public class PollFreshness implements HealthIndicator {

	static final int INTERVALS = 3;

	private final LatestPoll latest;

	private final Duration interval;

	private final Duration limit;

	private final Clock clock;

	private final Instant startedAt;

	/**
	 * @param collectionDeadline how long a poll may legitimately take while its sources
	 * time out: a poll that slow is no stall, so the limit is at least that plus two
	 * intervals
	 */
	public PollFreshness(LatestPoll latest, Duration pollInterval, Duration collectionDeadline, Clock clock) {
		this.latest = latest;
		this.interval = pollInterval;
		Duration intervals = pollInterval.multipliedBy(INTERVALS);
		Duration slowPoll = collectionDeadline.plus(pollInterval.multipliedBy(2));
		this.limit = intervals.compareTo(slowPoll) >= 0 ? intervals : slowPoll;
		this.clock = clock;
		this.startedAt = clock.instant();
	}

	public Optional<Finding> stalled() {
		Instant now = clock.instant();
		Optional<PollResult> last = latest.get();
		Instant since = last.map(PollResult::checkedAt).orElse(startedAt);
		Duration age = Duration.between(since, now);
		if (age.compareTo(limit) <= 0) {
			return Optional.empty();
		}
		String quiet = GoDuration.format(Duration.ofSeconds(age.getSeconds()));
		return Optional.of(Finding.critical(FindingCode.POLL_STALLED,
				last.map((poll) -> "No poll has completed for " + quiet + " (the last, #" + poll.sequence() + ", at "
						+ Finding.when(poll.checkedAt()) + "; expected every " + GoDuration.format(interval)
						+ "): everything shown is as of then, and Litewatch itself needs looking at.")
					.orElse("No poll has completed in the " + quiet + " since Litewatch started (expected every "
							+ GoDuration.format(interval) + "): a source does not answer.")));
	}

	@Override
	public Health health() {
		return stalled().map((f) -> Health.down().withDetail("reason", f.code().name()).build())
			.orElseGet(() -> Health.up().build());
	}

}
