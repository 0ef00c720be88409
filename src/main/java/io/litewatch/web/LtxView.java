package io.litewatch.web;

import java.util.List;

import io.litewatch.health.LtxState;
import io.litewatch.s3.LtxKeys;

/**
 * A Litestream 0.5 replica in its own terms; TXIDs in 16 hex digits, as Litestream prints
 * them.
 *
 * @param restoreTxid where a restore of the latest state ends
 * @param chainComplete false when a gap leaves files past {@code restoreTxid} out of
 * reach
 * @param localTxid the database's own TXID, null when the accessory could not be asked
 * @param snapshotDatabaseBytes the database's size as the newest snapshot's header gives
 * it, null when not read
 * @param snapshotTakenAt the time of the newest snapshot's last transaction, from its
 * header
 */
public record LtxView(String replicatedTxid, String lastReplicatedAt, String restoreTxid, boolean chainComplete,
		int chainFiles, String snapshotTxid, String localTxid, List<LevelView> levels, List<String> badKeys,
		int badKeyCount, Long snapshotDatabaseBytes, String snapshotTakenAt) {

	static LtxView of(LtxState ltx) {
		if (ltx == null) {
			return null;
		}
		return new LtxView(txid(ltx.replicatedTxid()), StatusView.text(ltx.replicatedAt()), txid(ltx.restoreTxid()),
				ltx.chainComplete(), ltx.chainFiles(), txid(ltx.snapshotTxid()),
				ltx.localTxid() != null ? LtxKeys.hex(ltx.localTxid()) : null,
				ltx.levels().stream().map(LevelView::of).toList(), ltx.badKeys(), ltx.badKeyCount(),
				ltx.newestSnapshot() != null ? ltx.newestSnapshot().databaseBytes() : null,
				ltx.newestSnapshot() != null ? StatusView.text(ltx.newestSnapshot().takenAt()) : null);
	}

	private static String txid(long txid) {
		return txid > 0 ? LtxKeys.hex(txid) : null;
	}

	/**
	 * @param files every snapshot for level 9; for a compaction level the files past what
	 * the levels above reach (what a restore may fetch)
	 * @param listedAt when the level was last listed (levels take turns)
	 */
	public record LevelView(int level, int files, long bytes, String newestMaxTxid, String newestAt, String listedAt) {

		static LevelView of(LtxState.Level level) {
			return new LevelView(level.level(), level.files(), level.bytes(),
					level.newestMaxTxid() != null ? LtxKeys.hex(level.newestMaxTxid()) : null,
					StatusView.text(level.newestAt()), StatusView.text(level.listedAt()));
		}

	}

}
