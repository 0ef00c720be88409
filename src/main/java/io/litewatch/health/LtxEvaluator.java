package io.litewatch.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.litewatch.config.LitewatchProperties;
import io.litewatch.config.LtxSettings;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.s3.LtxChain;
import io.litewatch.s3.LtxFile;
import io.litewatch.s3.LtxKeys;
import io.litewatch.s3.LtxListing;
import io.litewatch.time.GoDuration;

/**
 * Judges a Litestream 0.5 replica from its LTX listing, in the same findings as a 0.3
 * one, in 0.5's terms (TXIDs and levels): how far behind the database it is, whether its
 * snapshot is due, whether a restore reaches its newest file, whether two writers or a
 * reset show in it. Pure, like {@link ReplicaEvaluator}.
 */
final class LtxEvaluator {

	/** A compaction is behind once its input waited this many of its intervals. */
	private static final int COMPACTION_INTERVALS = 2;

	private static final Duration COMPACTION_GRACE = Duration.ofMinutes(1);

	private final LitewatchProperties.Health thresholds;

	LtxEvaluator(LitewatchProperties.Health thresholds) {
		this.thresholds = thresholds;
	}

	ReplicaStatus evaluate(ReplicaConfig config, LtxListing listing, DbFileState file, LitestreamView litestream,
			ReplicaStatus previous, Instant now) {
		List<Finding> findings = new ArrayList<>();
		LtxState before = previous != null ? previous.ltx() : null;
		String layout = listing.generationsPresent() ? "both" : "0.5";
		if (listing.empty()) {
			findings.add(Finding.critical(FindingCode.NO_GENERATION, "No LTX file in " + config.location()
					+ ": Litestream 0.5 has not uploaded anything there, so there is nothing to restore"
					+ (listing.generationsPresent() ? " with -txid (0.3's generations there still restore the state "
							+ "from before the upgrade)." : ".")));
			LtxState state = new LtxState(listing.generationsPresent() ? "0.3" : "0.5", 0, null, 0, false, 0, 0,
					localTxid(litestream), List.of(), listing.badKeys(), listing.badKeyCount(), null,
					before != null ? before.wentBack() : null);
			return new ReplicaStatus(config, Verdict.of(findings), Freshness.unknown(), SnapshotState.none(),
					RestoreRange.unknown(), listing.requests(), null, null, state);
		}
		LtxChain chain = listing.chain();
		Long local = localTxid(litestream);
		LtxState.WentBack wentBack = wentBack(chain, before, now, findings, config);
		LtxState.Behind behind = behind(local, chain.replicatedTxid(), before, now);
		Freshness freshness = freshness(config, chain, local, behind, file, now, findings);
		SnapshotState snapshots = snapshots(config, listing, chain, now, findings);
		if (chain.restorable() && chain.gap()) {
			findings.add(Finding.critical(FindingCode.WAL_GAP,
					"A restore of " + config.location() + " stops at TXID " + LtxKeys.hex(chain.reach())
							+ ": no level holds TXID " + LtxKeys.hex(chain.reach() + 1) + ", yet files up to "
							+ LtxKeys.hex(chain.replicatedTxid()) + " exist, and Litestream refuses a restore "
							+ "across the gap (\"non-contiguous ltx files\")."));
		}
		overlaps(config, listing, now, findings);
		compaction(config, listing, findings);
		if (listing.badKeyCount() > 0) {
			findings.add(Finding.warning(FindingCode.LTX_KEY_INVALID,
					listing.badKeyCount() + " object(s) in the level folders of " + config.location()
							+ " are no LTX file Litestream wrote, and are left out: "
							+ String.join(", ", listing.badKeys())
							+ (listing.badKeyCount() > listing.badKeys().size() ? ", …" : "") + "."));
		}
		badSnapshot(config, listing.snapshotHeader(), findings);
		RestoreRange restore = chain.restorable() ? new RestoreRange(oldestSnapshot(listing), chain.reachAt(), "ltx")
				: RestoreRange.unknown();
		LtxState state = new LtxState(layout, chain.replicatedTxid(), chain.replicatedAt(), chain.reach(), !chain.gap(),
				chain.files(), chain.snapshot() != null ? chain.snapshot().maxTxid() : 0, local, levels(listing),
				listing.badKeys(), listing.badKeyCount(), behind, wentBack, snapshotList(listing),
				snapshotHeader(listing.snapshotHeader()));
		return new ReplicaStatus(config, Verdict.of(findings), freshness, snapshots, restore, listing.requests(), null,
				null, state);
	}

	private static Long localTxid(LitestreamView litestream) {
		return litestream != null && litestream.local() != null ? litestream.local().txid() : null;
	}

	/**
	 * 0.5 never numbers a database's changes down (a restore over the live file goes on
	 * from the replica's TXID), so a lower one means the replica was wiped or reset.
	 */
	private LtxState.WentBack wentBack(LtxChain chain, LtxState before, Instant now, List<Finding> findings,
			ReplicaConfig config) {
		LtxState.WentBack wentBack = before != null ? before.wentBack() : null;
		if (before != null && before.replicatedTxid() > 0 && chain.replicatedTxid() < before.replicatedTxid()) {
			wentBack = new LtxState.WentBack(before.replicatedTxid(), chain.replicatedTxid(), now);
		}
		if (wentBack != null
				&& Duration.between(wentBack.at(), now).compareTo(thresholds.generationChangeWindow()) < 0) {
			findings.add(Finding.warning(FindingCode.GENERATION_CHANGED,
					"The replicated TXID went back from " + LtxKeys.hex(wentBack.from()) + " to "
							+ LtxKeys.hex(wentBack.to()) + " at " + Finding.when(wentBack.at()) + ": the files of "
							+ config.location() + " were deleted or replaced, so what they held before is gone "
							+ "(a wiped bucket, or another database replicating to the same path)."));
		}
		return wentBack;
	}

	/**
	 * Tracks since when the database holds a TXID the replica lacks. Known to one poll:
	 * TXIDs the last poll saw and the replica still lacks date from that poll; newer ones
	 * from this one.
	 */
	static LtxState.Behind behind(Long local, long replicated, LtxState before, Instant now) {
		if (local == null || local <= replicated) {
			return null;
		}
		LtxState.Behind was = before != null ? before.behind() : null;
		if (was != null && replicated < was.txid()) {
			return new LtxState.Behind(was.txid(), was.since(), local, now);
		}
		if (was != null && replicated < was.lastLocal()) {
			return new LtxState.Behind(was.lastLocal(), was.lastLocalAt(), local, now);
		}
		return new LtxState.Behind(local, now, local, now);
	}

	private Freshness freshness(ReplicaConfig config, LtxChain chain, Long local, LtxState.Behind behind,
			DbFileState file, Instant now, List<Finding> findings) {
		Duration lag = null;
		String source = null;
		if (local != null) {
			lag = behind == null ? Duration.ZERO : Duration.between(behind.since(), now);
			source = "litestream-txid";
		}
		else if (file != null && file.known() && file.exists() && file.updatedAt() != null
				&& chain.replicatedAt() != null) {
			lag = Duration.between(chain.replicatedAt(), file.updatedAt());
			lag = lag.isNegative() ? Duration.ZERO : lag;
			source = "db-file";
		}
		if (lag != null) {
			Duration warn = thresholds.lagWarning(config.syncInterval());
			Duration critical = thresholds.lagCritical(config.syncInterval());
			if (lag.compareTo(warn) > 0) {
				String what = local != null && behind != null
						? "the database is at TXID " + LtxKeys.hex(local) + ", the replica at "
								+ LtxKeys.hex(chain.replicatedTxid()) + " (newest upload "
								+ Finding.when(chain.replicatedAt()) + ")"
						: "the database changed after the newest upload (" + Finding.when(chain.replicatedAt()) + ")";
				String sentence = "Replica is " + GoDuration.format(ReplicaEvaluator.truncate(lag))
						+ " behind the database (sync-interval " + GoDuration.format(config.syncInterval())
						+ "; warning above " + GoDuration.format(warn) + ", critical above "
						+ GoDuration.format(critical) + "): " + what + ".";
				findings.add(lag.compareTo(critical) > 0 ? Finding.critical(FindingCode.REPLICA_STALE, sentence)
						: Finding.warning(FindingCode.REPLICA_STALE, sentence));
			}
		}
		return new Freshness(lag, source, chain.replicatedAt());
	}

	private SnapshotState snapshots(ReplicaConfig config, LtxListing listing, LtxChain chain, Instant now,
			List<Finding> findings) {
		LtxFile newest = chain.snapshot();
		if (newest == null) {
			findings.add(Finding.critical(FindingCode.SNAPSHOT_OVERDUE, "No snapshot (level 9) in " + config.location()
					+ ": a restore starts from one, so this replica cannot be restored."));
			return new SnapshotState(null, null, 0);
		}
		Duration age = Duration.between(newest.lastModified(), now);
		Duration spacing = config.expectedSnapshotSpacing();
		// Litestream snapshots only a database that changed since, at the next interval
		// boundary: a snapshot is due one interval after the first change past it,
		// however
		// long the database was idle before.
		Instant firstChange = listing.compacted()
			.stream()
			.filter((f) -> f.maxTxid() > newest.maxTxid() && f.lastModified() != null)
			.map(LtxFile::lastModified)
			.min(Instant::compareTo)
			.orElse(null);
		Duration due = firstChange == null ? null : Duration.between(firstChange, now);
		if (spacing != null && due != null && due.compareTo(thresholds.snapshotWarning(spacing)) > 0) {
			String sentence = "Newest snapshot (TXID " + LtxKeys.hex(newest.maxTxid()) + ") is "
					+ GoDuration.format(ReplicaEvaluator.truncate(age)) + " old, and the database changed after it "
					+ "since " + Finding.when(firstChange) + " (snapshot.interval " + GoDuration.format(spacing)
					+ "; overdue " + GoDuration.format(thresholds.snapshotWarning(spacing))
					+ " after the first change).";
			findings.add(due.compareTo(thresholds.snapshotCritical(spacing)) > 0
					? Finding.critical(FindingCode.SNAPSHOT_OVERDUE, sentence)
					: Finding.warning(FindingCode.SNAPSHOT_OVERDUE, sentence));
		}
		return new SnapshotState(newest.lastModified(), age, listing.snapshots().size());
	}

	/**
	 * Two processes replicating to one path write the same TXIDs over each other's files.
	 * What the bucket shows of it: a file listed again with another size, or one level
	 * holding overlapping ranges.
	 */
	private void overlaps(ReplicaConfig config, LtxListing listing, Instant now, List<Finding> findings) {
		LtxListing.Rewrite rewrite = listing.rewrite();
		if (rewrite != null
				&& Duration.between(rewrite.seenAt(), now).compareTo(thresholds.generationChangeWindow()) < 0) {
			findings.add(Finding.critical(FindingCode.SPLIT_BRAIN,
					rewrite.key() + " was written again with other contents (" + rewrite.sizeBefore() + " bytes, then "
							+ rewrite.sizeAfter() + ", seen " + Finding.when(rewrite.seenAt())
							+ "): Litestream never rewrites a file, so two Litestream processes are replicating to "
							+ config.location() + " and each overwrites the other's changes."));
			return;
		}
		for (Map.Entry<Integer, List<LtxFile>> level : listing.levels().entrySet()) {
			if (level.getKey() == LtxKeys.MAX_LEVEL) {
				continue;
			}
			List<LtxFile> files = level.getValue();
			for (int i = 1; i < files.size(); i++) {
				LtxFile a = files.get(i - 1);
				LtxFile b = files.get(i);
				if (b.minTxid() <= a.maxTxid()) {
					findings.add(Finding.critical(FindingCode.SPLIT_BRAIN, "Level " + level.getKey() + " of "
							+ config.location() + " holds overlapping files " + a.name() + " and " + b.name()
							+ ": two Litestream processes are replicating to this path, and each overwrites the "
							+ "other's files (one database's changes are lost)."));
					return;
				}
			}
		}
	}

	/** A level whose input waited past twice its interval is not being compacted. */
	private static void compaction(ReplicaConfig config, LtxListing listing, List<Finding> findings) {
		LtxSettings ltx = config.ltx();
		if (ltx == null) {
			return;
		}
		for (int level = 1; level <= ltx.topLevel(); level++) {
			Instant known = listing.levelListedAt().get(level);
			List<LtxFile> input = listing.levels().getOrDefault(level - 1, List.of());
			List<LtxFile> output = listing.levels().getOrDefault(level, List.of());
			if (known == null || input.isEmpty()) {
				continue;
			}
			long compacted = output.stream().mapToLong(LtxFile::maxTxid).max().orElse(0);
			Instant waiting = input.stream()
				.filter((f) -> f.minTxid() > compacted && f.lastModified() != null)
				.map(LtxFile::lastModified)
				.min(Instant::compareTo)
				.orElse(null);
			Duration allowed = ltx.levelInterval(level).multipliedBy(COMPACTION_INTERVALS).plus(COMPACTION_GRACE);
			if (waiting != null && Duration.between(waiting, known).compareTo(allowed) > 0) {
				findings.add(Finding.warning(FindingCode.COMPACTION_BEHIND,
						"Level " + level + " of " + config.location() + " is behind: level " + (level - 1)
								+ " holds changes since " + Finding.when(waiting) + " not compacted into it (every "
								+ GoDuration.format(ltx.levelInterval(level)) + " by the config). Litestream logs "
								+ "\"compaction failed\" with the reason; a restore still works, from more files."));
				return;
			}
		}
	}

	/**
	 * A newest snapshot that is no LTX file, or holds other TXIDs than its name, fails
	 * every restore of the latest state (Litestream starts from it), though it lists like
	 * any other.
	 */
	private static void badSnapshot(ReplicaConfig config, LtxListing.SnapshotHeader header, List<Finding> findings) {
		if (header != null && header.problem() != null) {
			findings.add(Finding.critical(FindingCode.LTX_KEY_INVALID,
					"The newest snapshot of " + config.location() + ", " + header.key() + ", is no LTX file Litestream "
							+ "wrote: " + header.problem() + ". A restore of the latest state starts from it and would "
							+ "fail; the next snapshot replaces it (or delete it, so the one before is used)."));
		}
	}

	private static LtxState.SnapshotHeader snapshotHeader(LtxListing.SnapshotHeader read) {
		if (read == null || read.header() == null) {
			return null;
		}
		return new LtxState.SnapshotHeader(read.header().maxTxid(), read.header().databaseBytes(),
				read.header().pageSize(), read.header().timestamp());
	}

	private static List<LtxState.Snapshot> snapshotList(LtxListing listing) {
		return listing.snapshots()
			.stream()
			.filter((file) -> file.lastModified() != null)
			.sorted(java.util.Comparator.comparing(LtxFile::lastModified))
			.map((file) -> new LtxState.Snapshot(file.maxTxid(), file.size(), file.lastModified()))
			.toList();
	}

	private static Instant oldestSnapshot(LtxListing listing) {
		return listing.snapshots()
			.stream()
			.map(LtxFile::lastModified)
			.filter(java.util.Objects::nonNull)
			.min(Instant::compareTo)
			.orElse(null);
	}

	private static List<LtxState.Level> levels(LtxListing listing) {
		List<LtxState.Level> levels = new ArrayList<>();
		listing.levels().forEach((level, files) -> {
			LtxFile newest = files.stream().max(java.util.Comparator.comparingLong(LtxFile::maxTxid)).orElse(null);
			levels.add(new LtxState.Level(level, files.size(), files.stream().mapToLong(LtxFile::size).sum(),
					newest != null ? newest.maxTxid() : null, newest != null ? newest.lastModified() : null,
					listing.levelListedAt().get(level)));
		});
		return levels;
	}

}
