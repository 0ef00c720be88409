package io.litewatch.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.litewatch.alert.AlertState.Phase;

/**
 * pending → firing → resolved, per (database, replica, code). Pure: the states of the
 * previous poll, this poll's findings and the time go in; the new states and what to
 * announce come out.
 * <ul>
 * <li>A finding fires after {@code forPolls} consecutive polls and {@code grace}; one
 * that vanishes while pending was a flap and is forgotten without a word.</li>
 * <li>While firing it is announced again only after {@code repeatInterval}, or at once
 * when its severity rises above what was announced.</li>
 * <li>When it clears, exactly one RESOLVED, and only if its FIRING was announced.</li>
 * <li>A silenced finding keeps its state but is not announced; when the silence ends
 * while it still fires, the FIRING goes out then.</li>
 * </ul>
 */
public final class AlertStateMachine {

	private final AlertProperties policy;

	public AlertStateMachine(AlertProperties policy) {
		this.policy = policy;
	}

	public record Transition(AlertEvent event, AlertState state) {
	}

	/**
	 * @param states keyed by {@link AlertState#key()}
	 */
	public record Step(Map<String, AlertState> states, List<Transition> transitions, List<AlertState> resolved) {
	}

	public Step step(Map<String, AlertState> previous, List<ObservedFinding> findings,
			Predicate<ObservedFinding> silenced, Instant now) {
		return step(previous, findings, silenced, (state) -> false, now);
	}

	/**
	 * @param frozen which earlier states are held by a cause in this poll; their findings
	 * are not among {@code findings}
	 */
	public Step step(Map<String, AlertState> previous, List<ObservedFinding> findings,
			Predicate<ObservedFinding> silenced, Predicate<AlertState> frozen, Instant now) {
		Map<String, AlertState> next = new LinkedHashMap<>();
		List<Transition> transitions = new ArrayList<>();
		List<AlertState> resolved = new ArrayList<>();
		for (ObservedFinding finding : findings) {
			if (next.containsKey(finding.key())) {
				continue;
			}
			AlertState before = previous.get(finding.key());
			AlertState state = before == null
					? new AlertState(finding.key(), finding.database(), finding.databasePath(), finding.replica(),
							finding.code(), Phase.PENDING, finding.severity(), finding.message(), finding.lagSeconds(),
							1, now, now, null, null, null)
					: new AlertState(before.key(), finding.database(), finding.databasePath(), finding.replica(),
							finding.code(), before.phase(), finding.severity(), finding.message(), finding.lagSeconds(),
							before.consecutive() + 1, before.firstSeenAt(), now, before.firedAt(), before.notifiedAt(),
							before.notifiedSeverity());
			if (state.phase() == Phase.PENDING && state.consecutive() >= policy.forPolls()
					&& Duration.between(state.firstSeenAt(), now).compareTo(policy.grace()) >= 0) {
				state = withPhase(state, Phase.FIRING, now);
			}
			if (state.firing() && !silenced.test(finding)) {
				AlertEvent event = announcement(state, now);
				if (event != null) {
					state = notified(state, now);
					transitions.add(new Transition(event, state));
				}
			}
			next.put(state.key(), state);
		}
		for (AlertState before : previous.values()) {
			if (next.containsKey(before.key())) {
				continue;
			}
			if (frozen.test(before)) {
				next.put(before.key(), before);
			}
			else if (before.firing()) {
				resolved.add(before);
				if (before.notifiedAt() != null) {
					transitions.add(new Transition(AlertEvent.RESOLVED, before));
				}
			}
		}
		return new Step(next, transitions, resolved);
	}

	private AlertEvent announcement(AlertState state, Instant now) {
		if (state.notifiedAt() == null) {
			return AlertEvent.FIRING;
		}
		if (state.severity().compareTo(state.notifiedSeverity()) > 0) {
			return AlertEvent.FIRING;
		}
		if (Duration.between(state.notifiedAt(), now).compareTo(policy.repeatInterval()) >= 0) {
			return AlertEvent.REMINDER;
		}
		return null;
	}

	private static AlertState withPhase(AlertState s, Phase phase, Instant now) {
		return new AlertState(s.key(), s.database(), s.databasePath(), s.replica(), s.code(), phase, s.severity(),
				s.message(), s.lagSeconds(), s.consecutive(), s.firstSeenAt(), s.lastSeenAt(), now, s.notifiedAt(),
				s.notifiedSeverity());
	}

	private static AlertState notified(AlertState s, Instant now) {
		return new AlertState(s.key(), s.database(), s.databasePath(), s.replica(), s.code(), s.phase(), s.severity(),
				s.message(), s.lagSeconds(), s.consecutive(), s.firstSeenAt(), s.lastSeenAt(), s.firedAt(), now,
				s.severity());
	}

}
