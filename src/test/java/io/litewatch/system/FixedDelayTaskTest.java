package io.litewatch.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task on its own thread keeps its interval from start to start, and a run longer than
 * the interval is never caught up on back to back. Bounds are chosen far apart (a fixed
 * delay would make every gap run + interval), so a loaded machine does not blur them.
 */
class FixedDelayTaskTest {

	@Test
	void theIntervalIsKeptFromStartToStart() throws Exception {
		List<Long> gaps = gapsBetweenStarts(Duration.ofMillis(400), Duration.ofMillis(300), 6);

		// A fixed delay would make each gap at least 700 ms.
		assertThat(median(gaps)).isLessThan(Duration.ofMillis(650).toNanos());
		assertThat(gaps).allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(390).toNanos()));
	}

	@Test
	void aRunLongerThanTheIntervalDelaysTheNextWithoutCatchingUp() throws Exception {
		List<Long> gaps = gapsBetweenStarts(Duration.ofMillis(100), Duration.ofMillis(350), 4);

		// Caught-up runs would start right after one another, well under the run's
		// length.
		assertThat(gaps).allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(345).toNanos()));
	}

	private static List<Long> gapsBetweenStarts(Duration interval, Duration run, int runs) throws Exception {
		List<Long> starts = new ArrayList<>();
		CountDownLatch done = new CountDownLatch(runs);
		FixedDelayTask task = FixedDelayTask.onOwnThread("test", () -> {
			synchronized (starts) {
				starts.add(System.nanoTime());
			}
			try {
				Thread.sleep(run.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			done.countDown();
		}, interval);
		task.start();
		try {
			assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			task.stop();
		}
		List<Long> gaps = new ArrayList<>();
		synchronized (starts) {
			for (int i = 1; i < runs; i++) {
				gaps.add(starts.get(i) - starts.get(i - 1));
			}
		}
		return gaps;
	}

	private static long median(List<Long> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}

}
