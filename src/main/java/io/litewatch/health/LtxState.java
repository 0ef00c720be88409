package io.litewatch.health;

import java.time.Instant;
import java.util.List;

/**
 * The Litestream 0.5 layout's own figures: TXIDs and compaction levels. Null in a
 * {@link ReplicaStatus} of a 0.3 replica.
 *
 * @param layout {@code 0.5}, or {@code both} when 0.3's generations sit under the same
 * path (a bucket upgraded in place)
 * @param replicatedTxid the highest TXID any file holds; 0 when none
 * @param replicatedAt when the file holding it was uploaded
 * @param restoreTxid the last TXID a restore of the latest state reaches (0 when none)
 * @param chainComplete false when files past {@code restoreTxid} cannot be reached (a
 * gap)
 * @param chainFiles the files that restore would fetch, the snapshot included
 * @param snapshotTxid the newest snapshot's TXID, 0 when none
 * @param localTxid the database's own TXID as {@code litestream status} reads it, or null
 * when it could not be asked
 * @param levels what was listed of each level, snapshots last
 * @param badKeys names under a level folder that are no LTX file (at most 20)
 * @param badKeyCount how many there are
 * @param behind since when a local TXID the replica does not hold yet is known, or null
 * while it holds everything
 * @param wentBack the drop of the replicated TXID last seen, or null
 * @param snapshots every snapshot (level 9) listed, oldest first: what a point-in-time
 * restore can start from
 * @param newestSnapshot what the newest snapshot's header says, or null when it was not
 * read or is no good
 */
public record LtxState(String layout, long replicatedTxid, Instant replicatedAt, long restoreTxid,
		boolean chainComplete, int chainFiles, long snapshotTxid, Long localTxid, List<Level> levels,
		List<String> badKeys, int badKeyCount, Behind behind, WentBack wentBack, List<Snapshot> snapshots,
		SnapshotHeader newestSnapshot) {

	public LtxState {
		levels = List.copyOf(levels);
		badKeys = List.copyOf(badKeys);
		snapshots = List.copyOf(snapshots);
	}

	public LtxState(String layout, long replicatedTxid, Instant replicatedAt, long restoreTxid, boolean chainComplete,
			int chainFiles, long snapshotTxid, Long localTxid, List<Level> levels, List<String> badKeys,
			int badKeyCount, Behind behind, WentBack wentBack) {
		this(layout, replicatedTxid, replicatedAt, restoreTxid, chainComplete, chainFiles, snapshotTxid, localTxid,
				levels, badKeys, badKeyCount, behind, wentBack, List.of(), null);
	}

	/**
	 * @param databaseBytes the database's size as of the snapshot (pages × page size)
	 * @param takenAt the time of the snapshot's last transaction, to the millisecond
	 */
	public record SnapshotHeader(long txid, long databaseBytes, int pageSize, Instant takenAt) {
	}

	/** One snapshot: the database whole as of {@code txid}, uploaded at {@code at}. */
	public record Snapshot(long txid, long bytes, Instant at) {
	}

	/**
	 * @param files what is known of the level: every snapshot, and of a compaction level
	 * the files past what the levels above reach
	 * @param listedAt when the level was last listed
	 */
	public record Level(int level, int files, long bytes, Long newestMaxTxid, Instant newestAt, Instant listedAt) {
	}

	/**
	 * @param txid a local TXID the replica lacked at {@code since}
	 * @param since the poll that first saw {@code txid}, which the replica still lacks
	 * @param lastLocal the local TXID of the last poll, and when it was seen
	 */
	public record Behind(long txid, Instant since, long lastLocal, Instant lastLocalAt) {
	}

	public record WentBack(long from, long to, Instant at) {
	}

}
