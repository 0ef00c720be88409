package io.litewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.litewatch.bench.CountingProxy.Counts;

/**
 * One {@code litestream ltx -config <yml> -level all -json <db>} of Litestream 0.5
 * against the counting proxy: what 0.5 itself spends to list what Litewatch reads each
 * poll. It lists the ten level folders page by page (LTXFiles with no metadata: names,
 * sizes and LastModified, no object is read).
 */
final class LitestreamLtx {

	private static final Pattern LEVEL = Pattern.compile("\"level\":\\s*(\\d+)");

	private LitestreamLtx() {
	}

	/**
	 * @param requests what went through the proxy meanwhile, by list API
	 * @param files the entries in its JSON output (-1 when it did not finish)
	 * @param error why it did not finish or listed fewer files than there were, or null
	 */
	record Result(Counts requests, Duration took, Integer exitCode, long files, String error) {
	}

	/**
	 * @param atLeast the files present when it started: it must list at least as many
	 */
	static Result run(Path binary, Path config, Path db, long atLeast, CountingProxy proxy, Duration timeout,
			Path output, PidFiles pids) throws IOException, InterruptedException {
		Counts before = proxy.counts();
		long started = System.nanoTime();
		Path stderr = output.resolveSibling(output.getFileName() + ".stderr");
		ProcessBuilder builder = new ProcessBuilder(List.of(binary.toString(), "ltx", "-config", config.toString(),
				"-level", "all", "-json", db.toString()))
			.redirectOutput(output.toFile())
			.redirectError(stderr.toFile());
		// 0.5.17 refuses to build its S3 client with AWS_CA_BUNDLE set ("unable to add
		// custom RootCAs"), and the config names its own credentials.
		builder.environment().remove("AWS_CA_BUNDLE");
		builder.environment().remove("LITESTREAM_ACCESS_KEY_ID");
		builder.environment().remove("LITESTREAM_SECRET_ACCESS_KEY");
		Process process = builder.start();
		pids.note("litestream", process.pid());
		boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!finished) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		pids.forget("litestream");
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		Counts requests = proxy.counts().minus(before);
		if (!finished) {
			return new Result(requests, took, null, -1, "still running after " + timeout + ": killed");
		}
		int exit = process.exitValue();
		long files = 0;
		Matcher m = LEVEL.matcher(Files.readString(output));
		while (m.find()) {
			files++;
		}
		String error = exit != 0 ? "exit " + exit + ": " + firstLine(stderr)
				: files < atLeast ? "listed " + files + " files of " + atLeast : null;
		return new Result(requests, took, exit, files, error);
	}

	private static String firstLine(Path file) throws IOException {
		return Files.readAllLines(file).stream().filter((l) -> !l.isBlank()).findFirst().orElse("(no output)");
	}

}
