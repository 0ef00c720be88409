package io.litewatch.health;

import java.time.Instant;
import java.util.List;

import io.litewatch.docker.GenerationRow;
import io.litewatch.docker.SnapshotRow;

/**
 * A database as the Litestream accessory itself reports it through
 * {@code litestream snapshots} (it lists only the snapshot prefix; for a replica
 * Litewatch lists itself the rows are the listing's and the command only checks that
 * Litestream reaches its storage) and {@code litestream generations} (rarely: it lists
 * every object). Litestream exits 0 when storage fails, so its ERROR log lines are kept
 * as {@code storageErrors}.
 *
 * @param execError why a command could not be run or understood (timeout, not running,
 * odd output), or null
 * @param local Litestream 0.5's {@code status} of the database (its own TXID), or null
 * for 0.3 and when it could not be asked
 */
public record LitestreamView(Instant snapshotsAt, List<SnapshotRow> snapshots, Instant generationsAt,
		List<GenerationRow> generations, List<String> storageErrors, String execError, LocalStatus local) {

	public LitestreamView(Instant snapshotsAt, List<SnapshotRow> snapshots, Instant generationsAt,
			List<GenerationRow> generations, List<String> storageErrors, String execError) {
		this(snapshotsAt, snapshots, generationsAt, generations, storageErrors, execError, null);
	}

	/** What Litestream 0.5's {@code status -json} says of one database. */
	public static LitestreamView of05(LocalStatus local, String execError) {
		return new LitestreamView(null, List.of(), null, List.of(), List.of(), execError, local);
	}

	/**
	 * @param txid the newest TXID of the database's local LTX files, null when it has
	 * none ({@code "-"})
	 * @param status {@code ok}, {@code not initialized}, {@code no database} or
	 * {@code error}
	 * @param at when it was asked
	 */
	public record LocalStatus(Long txid, String status, Instant at) {
	}

	/** Not asked yet, and nothing wrong known. */
	public static LitestreamView unasked() {
		return new LitestreamView(null, List.of(), null, List.of(), List.of(), null);
	}

	/**
	 * The same answer with the snapshots of Litewatch's own listing, which are the same
	 * objects as Litestream's {@code snapshots} lists.
	 */
	public LitestreamView withSnapshots(Instant listedAt, List<SnapshotRow> listed) {
		return new LitestreamView(listedAt, List.copyOf(listed), generationsAt, generations, storageErrors, execError,
				local);
	}

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
