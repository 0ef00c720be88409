package io.litewatch.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.litewatch.health.FindingCode;
import io.litewatch.health.Severity;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the machine poll by poll and checks what it would announce after each one. */
class AlertStateMachineTest {

	static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

	static final Duration POLL = Duration.ofSeconds(15);

	final AlertStateMachine machine = new AlertStateMachine(new AlertProperties(2, Duration.ZERO, Duration.ofHours(4),
			Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(10), 20));

	Map<String, AlertState> states = Map.of();

	int poll;

	static ObservedFinding stale(Severity severity) {
		return new ObservedFinding("production", "/rails/storage/production.sqlite3", "s3", FindingCode.REPLICA_STALE,
				severity, "Replica is 42s behind", 42.0);
	}

	static final ObservedFinding STALE = stale(Severity.CRITICAL);

	static final ObservedFinding OVERDUE = new ObservedFinding("production", "/rails/storage/production.sqlite3", "s3",
			FindingCode.SNAPSHOT_OVERDUE, Severity.WARNING, "Newest snapshot is 2h old", null);

	List<AlertStateMachine.Transition> step(ObservedFinding... findings) {
		return step(false, findings);
	}

	List<AlertStateMachine.Transition> step(boolean silenced, ObservedFinding... findings) {
		return stepAt(T0.plus(POLL.multipliedBy(poll++)), silenced, findings);
	}

	List<AlertStateMachine.Transition> stepAt(Instant now, boolean silenced, ObservedFinding... findings) {
		AlertStateMachine.Step step = machine.step(states, List.of(findings), (f) -> silenced, now);
		states = step.states();
		return step.transitions();
	}

	static final ObservedFinding ACCESSORY_DOWN = new ObservedFinding(ObservedFinding.INSTALLATION,
			"/etc/litestream.yml", "", FindingCode.ACCESSORY_DOWN, Severity.CRITICAL, "Container is exited", null);

	/** A poll in which the accessory is down: what it holds is frozen, not observed. */
	List<AlertStateMachine.Transition> stepHeld(ObservedFinding... findings) {
		AlertStateMachine.Step step = machine.step(states, List.of(findings), (f) -> false,
				(state) -> state.code() != FindingCode.ACCESSORY_DOWN, T0.plus(POLL.multipliedBy(poll++)));
		states = step.states();
		return step.transitions();
	}

	static List<AlertEvent> events(List<AlertStateMachine.Transition> transitions) {
		return transitions.stream().map(AlertStateMachine.Transition::event).toList();
	}

	@Test
	void firesAfterTheDampingPeriodOnceAndResolvesOnce() {
		assertThat(step(STALE)).isEmpty();
		assertThat(states.get(STALE.key()).phase()).isEqualTo(AlertState.Phase.PENDING);
		assertThat(events(step(STALE))).containsExactly(AlertEvent.FIRING);
		assertThat(step(STALE)).isEmpty();
		assertThat(step(STALE)).isEmpty();
		List<AlertStateMachine.Transition> resolved = step();
		assertThat(events(resolved)).containsExactly(AlertEvent.RESOLVED);
		assertThat(resolved.get(0).state().firstSeenAt()).isEqualTo(T0);
		assertThat(states).isEmpty();
		assertThat(step()).isEmpty();
	}

	@Test
	void aFlappingFindingSendsNothing() {
		for (int i = 0; i < 10; i++) {
			assertThat(i % 2 == 0 ? step(STALE) : step()).isEmpty();
		}
	}

	@Test
	void remindsEveryRepeatIntervalNeverOnEveryPoll() {
		step(STALE);
		assertThat(events(step(STALE))).containsExactly(AlertEvent.FIRING);
		Instant firedAt = states.get(STALE.key()).notifiedAt();
		assertThat(stepAt(firedAt.plus(Duration.ofHours(3)), false, STALE)).isEmpty();
		assertThat(events(stepAt(firedAt.plus(Duration.ofHours(4)), false, STALE)))
			.containsExactly(AlertEvent.REMINDER);
		assertThat(stepAt(firedAt.plus(Duration.ofHours(4)).plusSeconds(15), false, STALE)).isEmpty();
	}

	@Test
	void anEscalationIsAnnouncedAtOnce() {
		step(stale(Severity.WARNING));
		assertThat(events(step(stale(Severity.WARNING)))).containsExactly(AlertEvent.FIRING);
		assertThat(events(step(stale(Severity.CRITICAL)))).containsExactly(AlertEvent.FIRING);
		assertThat(step(stale(Severity.WARNING))).isEmpty();
	}

	@Test
	void silencedFindingsAreTrackedButNotAnnouncedUntilTheSilenceEnds() {
		step(true, STALE);
		assertThat(step(true, STALE)).isEmpty();
		assertThat(states.get(STALE.key()).firing()).isTrue();
		assertThat(events(step(false, STALE))).containsExactly(AlertEvent.FIRING);
	}

	@Test
	void aSilencedAlertThatClearsWithoutEverBeingAnnouncedSendsNoRecovery() {
		step(true, STALE);
		step(true, STALE);
		assertThat(step(true)).isEmpty();
		assertThat(states).isEmpty();
	}

	@Test
	void findingsThatFireTogetherComeOutTogether() {
		step(STALE, OVERDUE);
		assertThat(events(step(STALE, OVERDUE))).containsExactly(AlertEvent.FIRING, AlertEvent.FIRING);
		assertThat(events(step(STALE))).containsExactly(AlertEvent.RESOLVED);
	}

	@Test
	void graceDurationAddsToTheCount() {
		AlertStateMachine slow = new AlertStateMachine(new AlertProperties(1, Duration.ofMinutes(1),
				Duration.ofHours(4), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(10), 20));
		AlertStateMachine.Step first = slow.step(Map.of(), List.of(STALE), (f) -> false, T0);
		assertThat(first.transitions()).isEmpty();
		AlertStateMachine.Step early = slow.step(first.states(), List.of(STALE), (f) -> false, T0.plusSeconds(30));
		assertThat(early.transitions()).isEmpty();
		AlertStateMachine.Step late = slow.step(early.states(), List.of(STALE), (f) -> false, T0.plusSeconds(60));
		assertThat(events(late.transitions())).containsExactly(AlertEvent.FIRING);
	}

	@Test
	void aHeldFindingIsNeitherResolvedNorFiredWhileItsCauseLasts() {
		step(STALE);
		assertThat(events(step(STALE))).containsExactly(AlertEvent.FIRING);
		AlertState firing = states.get(STALE.key());
		// The accessory stops: stale is not observed, but that is no all-clear.
		assertThat(stepHeld(ACCESSORY_DOWN)).isEmpty();
		assertThat(events(stepHeld(ACCESSORY_DOWN))).containsExactly(AlertEvent.FIRING);
		assertThat(states.get(STALE.key())).isEqualTo(firing);
		assertThat(stepHeld(ACCESSORY_DOWN)).isEmpty();
		// Back, still stale: announced already, so nothing new; only the cause resolves.
		List<AlertStateMachine.Transition> back = step(STALE);
		assertThat(back).singleElement().satisfies((t) -> {
			assertThat(t.event()).isEqualTo(AlertEvent.RESOLVED);
			assertThat(t.state().code()).isEqualTo(FindingCode.ACCESSORY_DOWN);
		});
		// Caught up: now the stale alert resolves, once.
		assertThat(step()).singleElement().satisfies((t) -> {
			assertThat(t.event()).isEqualTo(AlertEvent.RESOLVED);
			assertThat(t.state().code()).isEqualTo(FindingCode.REPLICA_STALE);
		});
	}

	@Test
	void whatIsStillWrongWhenTheCauseClearsFiresOnItsOwn() {
		step(OVERDUE);
		assertThat(states.get(OVERDUE.key()).consecutive()).isEqualTo(1);
		stepHeld(ACCESSORY_DOWN);
		stepHeld(ACCESSORY_DOWN);
		assertThat(states.get(OVERDUE.key()).consecutive()).isEqualTo(1);
		List<AlertStateMachine.Transition> back = step(OVERDUE);
		assertThat(back).extracting((t) -> t.event() + " " + t.state().code())
			.containsExactlyInAnyOrder("FIRING SNAPSHOT_OVERDUE", "RESOLVED ACCESSORY_DOWN");
	}

	@Test
	void aHeldFindingWithNoEarlierStateIsNotTracked() {
		stepHeld(ACCESSORY_DOWN);
		assertThat(states).containsOnlyKeys(ACCESSORY_DOWN.key());
	}

}
