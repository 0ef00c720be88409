package io.litewatch.web;

import java.time.Instant;
import java.util.List;

import io.litewatch.health.LtxState;
import io.litewatch.s3.LtxKeys;

/**
 * A Litestream 0.5 replica on its database's page, in 0.5's own terms: TXIDs and levels.
 *
 * @param layout a sentence on what the path holds
 * @param restore where a restore of the latest state ends, and from how many files
 * @param snapshotDatabase the database's size as the newest snapshot's header gives it,
 * null when not read
 */
public record LtxPanel(String layout, String replicatedTxid, Moment replicatedAt, String localTxid, String restore,
		boolean chainComplete, String snapshotTxid, String snapshotDatabase, List<LevelLine> levels) {

	/**
	 * @param files what is known of the level, see {@link LtxState.Level#files()}
	 */
	public record LevelLine(String level, int files, String size, String newestTxid, Moment newestAt, Moment listedAt) {
	}

	static LtxPanel of(LtxState ltx, Instant now) {
		if (ltx == null) {
			return null;
		}
		String layout = switch (ltx.layout()) {
			case "both" -> "Litestream 0.5 LTX files, and Litestream 0.3 generations from before the upgrade in the "
					+ "same path: Litestream 0.5 restores the latest state from whichever was written to last (the LTX "
					+ "files, unless a 0.3 process wrote after them), and a -timestamp from the 0.3 generations when "
					+ "their snapshot before that time is newer than the LTX one (so any time before the upgrade).";
			case "0.3" -> "Only Litestream 0.3 generations: 0.5 has not uploaded here yet.";
			default -> "Litestream 0.5 LTX files.";
		};
		String restore = ltx.chainFiles() == 0 ? "nothing to restore" : "TXID " + LtxKeys.hex(ltx.restoreTxid())
				+ " from " + ltx.chainFiles() + (ltx.chainFiles() == 1 ? " file" : " files");
		List<LevelLine> levels = ltx.levels()
			.stream()
			.map((l) -> new LevelLine(l.level() == LtxKeys.MAX_LEVEL ? "L9 (snapshots)" : "L" + l.level(), l.files(),
					Texts.bytes(l.bytes()), l.newestMaxTxid() != null ? LtxKeys.hex(l.newestMaxTxid()) : "—",
					l.newestAt() != null ? Moment.of(l.newestAt(), now) : null,
					l.listedAt() != null ? Moment.of(l.listedAt(), now) : null))
			.toList();
		return new LtxPanel(layout, ltx.replicatedTxid() > 0 ? LtxKeys.hex(ltx.replicatedTxid()) : "—",
				ltx.replicatedAt() != null ? Moment.of(ltx.replicatedAt(), now) : null,
				ltx.localTxid() != null ? LtxKeys.hex(ltx.localTxid()) : "unknown", restore, ltx.chainComplete(),
				ltx.snapshotTxid() > 0 ? LtxKeys.hex(ltx.snapshotTxid()) : "none", snapshotDatabase(ltx), levels);
	}

	private static String snapshotDatabase(LtxState ltx) {
		LtxState.SnapshotHeader h = ltx.newestSnapshot();
		return h == null ? null
				: "a " + Texts.bytes(h.databaseBytes()) + " database (" + Texts.bytes((long) h.pageSize()) + " pages)";
	}

}
