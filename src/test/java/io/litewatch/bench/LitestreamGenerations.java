package io.litewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.litewatch.bench.CountingProxy.Counts;

/**
 * One {@code litestream generations -config <yml> <db>} run against the counting proxy:
 * what Litestream 0.3.13 itself spends to say what Litewatch says each poll.
 */
final class LitestreamGenerations {

	private LitestreamGenerations() {
	}

	/**
	 * @param requests what went through the proxy meanwhile, by list API
	 * @param foundGeneration whether the output names the synthesized generation (a
	 * sanity check that the listing was understood)
	 * @param error why it did not finish, or null
	 */
	record Result(Counts requests, Duration took, Integer exitCode, boolean foundGeneration, String error) {
	}

	static Result run(Path binary, Path config, Path db, String generation, CountingProxy proxy, Duration timeout,
			Path log, PidFiles pids) throws IOException, InterruptedException {
		Counts before = proxy.counts();
		long started = System.nanoTime();
		Process process = new ProcessBuilder(
				List.of(binary.toString(), "generations", "-config", config.toString(), db.toString()))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		pids.note("litestream", process.pid());
		boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!finished) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		pids.forget("litestream");
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		Counts requests = proxy.counts().minus(before);
		if (!finished) {
			return new Result(requests, took, null, false, "still running after " + timeout + ": killed");
		}
		boolean found = Files.readString(log).contains(generation);
		int exit = process.exitValue();
		return new Result(requests, took, exit, found, exit != 0 || !found
				? "exit " + exit + ", generation " + (found ? "" : "not ") + "in the output" : null);
	}

}
