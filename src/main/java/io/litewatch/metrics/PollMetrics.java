package io.litewatch.metrics;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.litewatch.health.FindingCode;
import io.litewatch.health.HealthStatus;
import io.litewatch.poll.PollCompletedEvent;
import io.litewatch.poll.PollFreshness;
import io.litewatch.poll.PollResult;
import io.litewatch.metrics.PollSamples.FindingKey;
import io.litewatch.metrics.PollSamples.Sample;

/**
 * The last poll as Micrometer gauges, for {@code /actuator/prometheus}. Each completed
 * poll replaces every per-database and per-replica series at once: a database or replica
 * no longer in litestream.yml loses its series with the first poll that no longer has it.
 * The installation's status and POLL_STALLED are read when scraped, as
 * {@code /api/status} reads them: a stalled poll loop is visible although no new poll
 * arrives.
 */
@Component
class PollMetrics implements MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(PollMetrics.class);

	private final PollFreshness freshness;

	/** The per-poll gauges of each registry bound (one, unless several are exported). */
	private final List<Map<PollGauge, MultiGauge>> bound = new CopyOnWriteArrayList<>();

	private volatile PollResult last;

	/** The last poll's per-database and per-replica values, replaced as a whole. */
	private volatile Map<PollGauge, Map<Tags, Double>> current = Map.of();

	private volatile Map<FindingKey, Integer> findings = PollSamples.findingCounts(null);

	PollMetrics(PollFreshness freshness) {
		this.freshness = freshness;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		gauge(registry, "litewatch.status", null,
				"Installation state as /api/status reports it: 0 ok, 1 warning, 2 critical (a stalled poll loop is critical)",
				PollMetrics::status);
		gauge(registry, "litewatch.poll.sequence", null, "Number of the last completed poll since start",
				(m) -> m.ofLast((poll) -> poll.sequence()));
		gauge(registry, "litewatch.poll.duration", "seconds", "How long the last completed poll took",
				(m) -> m.ofLast((poll) -> poll.duration().toMillis() / 1000.0));
		gauge(registry, "litewatch.poll.checked.timestamp", "seconds",
				"When the last poll completed, in seconds since the epoch",
				(m) -> m.ofLast((poll) -> poll.checkedAt().toEpochMilli() / 1000.0));
		for (FindingKey key : PollSamples.allFindingKeys()) {
			Gauge.builder("litewatch.findings", this, (m) -> m.findingCount(key))
				.tags(key.tags())
				.description("Active findings by code and severity, not counting those held back by a cause")
				.register(registry);
		}
		Map<PollGauge, MultiGauge> gauges = new EnumMap<>(PollGauge.class);
		for (PollGauge gauge : PollGauge.values()) {
			gauges.put(gauge,
					MultiGauge.builder(gauge.meterName())
						.baseUnit(gauge.unit())
						.description(gauge.description())
						.register(registry));
		}
		bound.add(gauges);
		show(gauges);
	}

	/** Runs on the poll thread after the poll is in LatestPoll; never throws. */
	@EventListener
	public synchronized void onPollCompleted(PollCompletedEvent event) {
		try {
			PollResult poll = event.result();
			current = byTags(PollSamples.of(poll));
			findings = PollSamples.findingCounts(poll);
			last = poll;
			for (Map<PollGauge, MultiGauge> gauges : bound) {
				show(gauges);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Metrics of poll {} not updated", event.result().sequence(), ex);
		}
	}

	/**
	 * Registers a row for each series of the current poll and removes the others. A row
	 * reads its value from {@link #current} when scraped, so a series that stays from one
	 * poll to the next is never removed and re-added (a scrape in between would miss it).
	 */
	private void show(Map<PollGauge, MultiGauge> gauges) {
		Map<PollGauge, Map<Tags, Double>> values = current;
		gauges.forEach((gauge,
				multi) -> multi.register(values.getOrDefault(gauge, Map.of())
					.keySet()
					.stream()
					.map((tags) -> MultiGauge.Row.of(tags, this, (m) -> m.value(gauge, tags)))
					.toList(), false));
	}

	/** NaN for a series of an earlier poll, in the moment before its row is removed. */
	private double value(PollGauge gauge, Tags tags) {
		Double value = current.getOrDefault(gauge, Map.of()).get(tags);
		return value == null ? Double.NaN : value;
	}

	private static Map<PollGauge, Map<Tags, Double>> byTags(Map<PollGauge, List<Sample>> samples) {
		Map<PollGauge, Map<Tags, Double>> values = new EnumMap<>(PollGauge.class);
		samples.forEach((gauge, list) -> {
			Map<Tags, Double> series = new LinkedHashMap<>();
			list.forEach((sample) -> series.put(sample.tags(), sample.value()));
			values.put(gauge, series);
		});
		return values;
	}

	private void gauge(MeterRegistry registry, String name, String unit, String description,
			ToDoubleFunction<PollMetrics> value) {
		Gauge.builder(name, this, value).baseUnit(unit).description(description).register(registry);
	}

	private double status() {
		if (freshness.stalled().isPresent()) {
			return PollSamples.level(HealthStatus.CRITICAL);
		}
		return ofLast((poll) -> PollSamples.level(poll.status()));
	}

	private double findingCount(FindingKey key) {
		if (key.code() == FindingCode.POLL_STALLED) {
			// Made when asked (PollFreshness), never part of a poll.
			return freshness.stalled().filter((f) -> f.severity() == key.severity()).isPresent() ? 1 : 0;
		}
		return findings.getOrDefault(key, 0);
	}

	/** NaN until the first poll completes. */
	private double ofLast(ToDoubleFunction<PollResult> value) {
		PollResult poll = last;
		return poll == null ? Double.NaN : value.applyAsDouble(poll);
	}

}
