package io.litewatch.health;

import java.time.Instant;
import java.util.List;

import io.litewatch.docker.GenerationRow;
import io.litewatch.docker.SnapshotRow;

/**
 * A database as the Litestream accessory itself reports it through
 * {@code litestream snapshots} (every poll: it lists only the snapshot prefix) and
 * {@code litestream generations} (rarely: it lists every object). Litestream exits 0 when
 * storage fails, so its ERROR log lines are kept as {@code storageErrors}.
 *
 * @param execError why a command could not be run or understood (timeout, not running,
 * odd output), or null
 */
public record LitestreamView(Instant snapshotsAt, List<SnapshotRow> snapshots, Instant generationsAt,
		List<GenerationRow> generations, List<String> storageErrors, String execError) {

	public static LitestreamView none(String why) {
		return new LitestreamView(null, List.of(), null, List.of(), List.of(), why);
	}

	public List<GenerationRow> generationsOf(String replica) {
		return generations.stream().filter((row) -> row.replica().equals(replica)).toList();
	}

	public List<SnapshotRow> snapshotsOf(String replica) {
		return snapshots.stream().filter((row) -> row.replica().equals(replica)).toList();
	}

}
