package io.litewatch.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.litewatch.alert.outbox.OutboxRepository;
import io.litewatch.time.GoDuration;

/**
 * Keeps alerting's tables bounded: resolved alerts and finished deliveries older than the
 * history retention go ({@code 0} keeps them all, as for the poll history), and silences
 * go once they have ended, whatever the retention, since nothing shows them any more.
 */
public class AlertPruner {

	private static final Logger log = LoggerFactory.getLogger(AlertPruner.class);

	private final AlertRepository alerts;

	private final OutboxRepository outbox;

	private final Clock clock;

	private final Duration retention;

	public AlertPruner(AlertRepository alerts, OutboxRepository outbox, Clock clock, Duration retention) {
		this.alerts = alerts;
		this.outbox = outbox;
		this.clock = clock;
		this.retention = retention;
	}

	/** Returns the rows deleted. */
	public int prune() {
		Instant now = clock.instant();
		int silences = alerts.deleteSilencesEndedBefore(now);
		int resolved = 0;
		int deliveries = 0;
		if (GoDuration.positive(retention)) {
			Instant cutoff = now.minus(retention);
			resolved = alerts.deleteResolvedBefore(cutoff);
			deliveries = outbox.deleteFinishedBefore(cutoff);
		}
		if (silences + resolved + deliveries > 0) {
			log.info("Pruned {} resolved alert(s), {} finished deliveries and {} ended silence(s)", resolved,
					deliveries, silences);
		}
		return silences + resolved + deliveries;
	}

}
