package io.litewatch.web;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;

import io.litewatch.time.GoDuration;
import io.litewatch.time.HumanDuration;

/**
 * Small display helpers for templates ({@code ${@fmt.moment(...)}}), for pages whose
 * models hold the JSON views' ISO strings and Go durations.
 */
@Component("fmt")
public class Formats {

	private final Clock clock;

	Formats(Clock clock) {
		this.clock = clock;
	}

	/** An ISO instant as a {@link Moment} relative to now; null stays null. */
	public Moment moment(String instant) {
		return Moment.parse(instant, clock.instant());
	}

	/** Seconds as a spoken duration: {@code 12 s}, {@code 3 min}, {@code 5 h 2 min}. */
	public String seconds(Double seconds) {
		if (seconds == null) {
			return "—";
		}
		return HumanDuration.spoken(Duration.ofMillis(Math.round(seconds * 1000)));
	}

	/**
	 * A Go duration as written in a config ({@code 720h0m0s}) as people write it:
	 * {@code 30d}.
	 */
	public String interval(String goDuration) {
		return goDuration == null ? "—" : HumanDuration.compact(GoDuration.parse(goDuration));
	}

	/** A finding's sentence with Go durations ({@code 720h0m0s}) as people write them. */
	public String prose(String sentence) {
		return HumanDuration.inProse(sentence);
	}

	/** A count with its noun: {@code 1 snapshot}, {@code 10,000 WAL segments}. */
	public String count(Number n, String noun) {
		return Texts.count(n, noun);
	}

	public String bytes(long bytes) {
		return Texts.bytes(bytes);
	}

}
