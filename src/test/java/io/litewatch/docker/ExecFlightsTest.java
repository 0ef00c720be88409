package io.litewatch.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The single-flight bookkeeping on its own; the handles here are names whose liveness the
 * test decides. The real thing against Docker and processes is in
 * {@link DockerExecLimitsIT} and {@link LocalAccessoryIT}.
 */
class ExecFlightsTest {

	private static final List<String> SNAPSHOTS = List.of("litestream", "snapshots", "/db");

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final Set<String> alive = new HashSet<>();

	private final ExecFlights<String> flights = new ExecFlights<>("in container c", now::get);

	@Test
	void aRunThatEndedNormallyLeavesNothingBehind() {
		ExecFlights.Flight<String> flight = start(SNAPSHOTS, "e1");
		flights.release(SNAPSHOTS, flight);

		assertThat(flights.size()).isZero();
		start(SNAPSHOTS, "e2");
	}

	@Test
	void theSameCommandIsRefusedWhileAnAbandonedRunIsAlive() {
		start(SNAPSHOTS, "e1"); // timed out: not released
		now.addAndGet(Duration.ofSeconds(95).toNanos());

		assertThatThrownBy(() -> flights.reserve(SNAPSHOTS, alive::contains))
			.isInstanceOfSatisfying(ExecStillRunningException.class, (ex) -> {
				assertThat(ex.command()).isEqualTo(SNAPSHOTS);
				assertThat(ex.runningFor()).isEqualTo(Duration.ofSeconds(95));
			})
			.isInstanceOf(DockerAccessException.class)
			.hasMessage("the previous run of this command has been running in container c for 95 s"
					+ " and has not finished; not starting another");
		assertThat(flights.size()).isEqualTo(1);
	}

	@Test
	void otherCommandsAreNotHeldUp() {
		start(SNAPSHOTS, "e1");

		start(List.of("litestream", "snapshots", "/other"), "e2");
		start(List.of("litestream", "generations", "/db"), "e3");
		assertThat(flights.size()).isEqualTo(3);
	}

	@Test
	void onceTheAbandonedRunEndedItIsForgottenAndTheCommandRunsAgain() {
		start(SNAPSHOTS, "e1");
		alive.remove("e1");

		ExecFlights.Flight<String> second = start(SNAPSHOTS, "e2");
		assertThat(second.handle()).isEqualTo("e2");
		assertThat(flights.size()).isEqualTo(1);
	}

	@Test
	void aRunBeingStartedByAnotherCallerCountsAsRunning() {
		ExecFlights.Flight<String> reservation = flights.reserve(SNAPSHOTS, alive::contains);

		assertThatThrownBy(() -> flights.reserve(SNAPSHOTS, (h) -> {
			throw new AssertionError("a reservation has nothing to ask the accessory about");
		})).isInstanceOf(ExecStillRunningException.class);

		flights.release(SNAPSHOTS, reservation);
		assertThat(flights.size()).isZero();
	}

	@Test
	void aStaleCallerCannotRemoveSomeoneElsesRun() {
		ExecFlights.Flight<String> first = start(SNAPSHOTS, "e1");
		alive.remove("e1");
		start(SNAPSHOTS, "e2"); // replaced e1 after seeing it ended

		flights.release(SNAPSHOTS, first); // e1's caller finishing late

		assertThatThrownBy(() -> flights.reserve(SNAPSHOTS, alive::contains))
			.isInstanceOf(ExecStillRunningException.class);
	}

	@Test
	void endedRunsOfCommandsNeverAskedForAgainAreSweptAboveTheBound() {
		for (int i = 0; i <= ExecFlights.SWEEP_ABOVE; i++) {
			start(List.of("litestream", "snapshots", "/db" + i), "e" + i);
		}
		assertThat(flights.size()).isEqualTo(ExecFlights.SWEEP_ABOVE + 1);
		alive.clear();
		alive.add("e0"); // still hung: stays tracked

		start(List.of("litestream", "databases"), "new");

		assertThat(flights.size()).isEqualTo(2);
	}

	private ExecFlights.Flight<String> start(List<String> command, String handle) {
		ExecFlights.Flight<String> reservation = flights.reserve(command, alive::contains);
		alive.add(handle);
		return flights.started(command, reservation, handle);
	}

}
