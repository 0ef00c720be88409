package io.litewatch.poll;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.docker.ContainerState;
import io.litewatch.docker.EngineInfo;
import io.litewatch.docker.ExecResult;
import io.litewatch.docker.FileStat;
import io.litewatch.docker.LitestreamAccessory;

/**
 * Litestream's answers for these databases, as the accessory would relay them (0.3.13's
 * tables, 0.5.17's JSON); records what was asked.
 */
final class ScriptedAccessory implements LitestreamAccessory {

	final List<List<String>> asked = new ArrayList<>();

	private final List<String> dbs;

	/** While set, {@code status} does not answer until it is counted down. */
	volatile CountDownLatch holdStatus;

	ScriptedAccessory(List<String> dbs) {
		this.dbs = List.copyOf(dbs);
	}

	@Override
	public ExecResult exec(List<String> command, Duration timeout) {
		synchronized (this) {
			asked.add(command);
		}
		CountDownLatch hold = holdStatus;
		if (hold != null && command.get(1).equals("status")) {
			try {
				hold.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		String stdout = switch (command.get(1)) {
			case "status" -> dbs.stream()
				.map((db) -> "{\"database\": \"" + db + "\", \"status\": \"ok\", \"local_txid\": "
						+ "\"0000000000000007\", \"wal_size\": \"4.1 kB\"}")
				.collect(Collectors.joining(",\n", "[\n", "\n]\n"));
			case "databases" -> databasesTable();
			case "snapshots" -> "replica  generation  index  size  created\n";
			case "generations" -> "name  generation  lag  start  end\n";
			default -> throw new AssertionError("not asked of the accessory: " + command);
		};
		return new ExecResult(command, 0, stdout, "", Duration.ofMillis(20), false);
	}

	/** As 0.3.13 prints it: columns aligned to the longest value. */
	private String databasesTable() {
		int width = dbs.stream().mapToInt(String::length).max().orElse(0) + 2;
		StringBuilder table = new StringBuilder(String.format("%-" + width + "s%s%n", "path", "replicas"));
		dbs.forEach((db) -> table.append(String.format("%-" + width + "s%s%n", db, "s3")));
		return table.toString();
	}

	/** The real commands over this accessory, with the default settings. */
	LitestreamCommands commands(Clock clock) {
		return new LitestreamCommands(this, new LitewatchProperties.Docker("", "litestream", "", Duration.ofSeconds(10),
				Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofMinutes(10)), clock);
	}

	/** The questions as a poll asks them, waiting up to 10 s for an answer. */
	static AccessoryQuestions questions(LitestreamCommands commands, ExecutorService executor, Clock clock) {
		return new AccessoryQuestions(commands, Duration.ofMinutes(10), executor, Duration.ofSeconds(10), clock);
	}

	synchronized List<List<String>> asked() {
		return List.copyOf(asked);
	}

	@Override
	public FileStat stat(String path) {
		return new FileStat(path, false, 0, null);
	}

	@Override
	public EngineInfo engine() {
		throw new AssertionError("the collector does not ask the engine");
	}

	@Override
	public ContainerState containerState() {
		throw new AssertionError("the collector does not ask the container's state");
	}

	@Override
	public void close() {
	}

}
