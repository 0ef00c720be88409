package io.litewatch.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.litewatch.testsupport.LitewatchApp.Json;

/**
 * What the fault tests read from /api/status: every finding wherever it sits, the time
 * from a fault's injection until Litewatch shows it (logged as a {@code MEASURED} line,
 * the fault matrix's figure), and one answer per completed poll.
 */
public final class FaultWatch {

	private static final Logger log = LoggerFactory.getLogger(FaultWatch.class);

	private FaultWatch() {
	}

	/** Codes of every finding: installation-wide, per database and per replica. */
	public static List<String> codes(Json status) {
		return status.strings("$..findings[*].code");
	}

	/** Codes of the findings no cause holds back: those count and alert. */
	public static List<String> unheldCodes(Json status) {
		return status.strings("$..findings[?(@.heldBy == null)].code");
	}

	/** The severities of the findings with this code, wherever they sit. */
	public static List<String> severities(Json status, String code) {
		return status.strings("$..findings[?(@.code == '" + code + "')].severity");
	}

	public static List<String> messages(Json status, String code) {
		return status.strings("$..findings[?(@.code == '" + code + "')].message");
	}

	/**
	 * Waits until /api/status shows the fault and logs
	 * {@code MEASURED fault <name>: <finding> after <ms> ms}, counted from
	 * {@code injected}.
	 */
	public static Json awaitShown(LitewatchApp app, String fault, String finding, Instant injected, Duration timeout,
			Predicate<Json> shown) throws Exception {
		Json status = app.awaitStatus(timeout, fault + " shown as " + finding, shown);
		log.info("MEASURED fault {}: {} after {} ms (HTTP {}, poll #{})", fault, finding,
				Duration.between(injected, Instant.now()).toMillis(), status.code(),
				status.read("$.sequence", Long.class));
		return status;
	}

	/**
	 * One /api/status answer for each of the next {@code polls} completed polls (as far
	 * as a 500 ms look catches each): what the status said all along a fault, not only at
	 * its end. Fails when the polls stop completing.
	 */
	public static List<Json> eachPoll(LitewatchApp app, int polls, Duration timeout) throws Exception {
		long start = app.sequence();
		return collect(app, timeout, polls + " more polls after #" + start,
				(last) -> last.read("$.sequence", Long.class) >= start + polls);
	}

	/** Like {@link #eachPoll}, for every poll that completes until {@code until}. */
	public static List<Json> eachPollUntil(LitewatchApp app, Instant until, Duration timeout) throws Exception {
		return collect(app, timeout, "polls until " + until, (last) -> !Instant.now().isBefore(until));
	}

	private static List<Json> collect(LitewatchApp app, Duration timeout, String what, Predicate<Json> done)
			throws Exception {
		List<Json> seen = new ArrayList<>();
		long[] last = { app.sequence() };
		app.awaitStatus(timeout, what, (s) -> {
			long sequence = s.read("$.sequence", Long.class);
			if (sequence > last[0]) {
				seen.add(s);
				last[0] = sequence;
			}
			return !seen.isEmpty() && done.test(s);
		});
		return List.copyOf(seen);
	}

	/** The longest time between two consecutive completed polls among these answers. */
	public static Duration longestGap(List<Json> polls) {
		Duration longest = Duration.ZERO;
		for (int i = 1; i < polls.size(); i++) {
			Duration gap = Duration.between(Instant.parse(polls.get(i - 1).read("$.checkedAt", String.class)),
					Instant.parse(polls.get(i).read("$.checkedAt", String.class)));
			longest = gap.compareTo(longest) > 0 ? gap : longest;
		}
		return longest;
	}

	/** "#sequence HTTP [unheld codes]" per poll, for the log. */
	public static List<String> summary(List<Json> polls) {
		return polls.stream()
			.map((s) -> "#" + s.read("$.sequence", Long.class) + " " + s.code() + " "
					+ s.read("$.pollDurationMs", Long.class) + "ms " + unheldCodes(s))
			.toList();
	}

}
