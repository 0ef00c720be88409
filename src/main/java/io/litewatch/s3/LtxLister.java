package io.litewatch.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists Litestream 0.5 replicas in a number of requests that does not grow with their
 * history. L1 files stay until snapshot retention removes them (one every 30 s, two days'
 * worth with the defaults), so no level but the snapshots and the top one is ever listed
 * whole. A restore needs the newest snapshot, then from each level down only what the
 * levels above do not reach; each level's boundaries are also boundaries of the level
 * below (a compaction takes whole files), so every level but the top is listed with a
 * {@code StartAfter} of a TXID the levels above end at.
 * <p>
 * What a listing costs:
 * <ul>
 * <li>a full pass: 1 request for the folders (levels present, 0.3's
 * {@code generations/}), 1 for the snapshots, the top level whole ((snapshot retention +
 * interval) / its interval files), then per level below one request per 1000 files of one
 * top-level interval;</li>
 * <li>steady state: 2 requests, the new files of L0 and, in turn, one of the folders, the
 * snapshots or a level's new files. Levels above L0 change at most every 30 s with the
 * defaults, so knowing them one rotation late costs little; how late each is known is
 * kept in {@link LtxListing#levelListedAt()}.</li>
 * </ul>
 * Every {@code fullPassInterval}, and whenever the snapshots go backwards (a wiped or
 * reset replica), everything is listed afresh.
 */
public class LtxLister {

	private final S3ClientFactory clients;

	private final Clock clock;

	private final Duration fullPassInterval;

	private final Map<String, LtxSlot> slots = new ConcurrentHashMap<>();

	public LtxLister(S3ClientFactory clients, Clock clock, Duration fullPassInterval) {
		this.clients = Objects.requireNonNull(clients, "clients");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.fullPassInterval = Objects.requireNonNull(fullPassInterval, "fullPassInterval");
	}

	public LtxListing list(S3Location location) throws S3ListingException {
		LtxSlot slot = slots.computeIfAbsent(location.replicaKey(), (key) -> new LtxSlot());
		synchronized (slot) {
			Instant now = clock.instant();
			boolean due = slot.lastFullPass == null || !now.isBefore(slot.lastFullPass.plus(fullPassInterval));
			Pass pass = new Pass(clients.client(location), location, now);
			try {
				LtxSlot next = due ? pass.full(slot.strays, slot.rewrite) : pass.steady(slot.copy());
				pass.checkNewestSnapshot(next, slot.snapshotHeader);
				next.lastFullPass = pass.fullPass ? now : slot.lastFullPass;
				slot.replaceWith(next);
				LtxLevels.prune(slot.levels);
				return slot.listing(pass.listing.requests(), pass.fullPass, now);
			}
			catch (SdkException e) {
				throw S3Errors.map(e, location);
			}
		}
	}

	/**
	 * Forgets the replicas no longer configured, by {@link S3Location#replicaKey()}: what
	 * is remembered stays bounded by the configuration, not by its history.
	 */
	public void retainOnly(java.util.Set<String> replicaKeys) {
		slots.keySet().retainAll(replicaKeys);
	}

	/** One listing run, counting its own requests. */
	private static final class Pass {

		private final S3Location location;

		private final Instant now;

		private final CountedListing listing;

		/**
		 * Set when the pass listed everything afresh, asked to or because the replica
		 * went back.
		 */
		private boolean fullPass;

		Pass(S3Client s3, S3Location location, Instant now) {
			this.listing = new CountedListing(s3, location.bucket());
			this.location = location;
			this.now = now;
		}

		LtxSlot full(StrayKeys before, LtxListing.Rewrite rewrite) {
			fullPass = true;
			LtxSlot slot = new LtxSlot();
			slot.strays = before.forFullPass();
			slot.rewrite = rewrite;
			listFolders(slot);
			listLevel(slot, LtxKeys.MAX_LEVEL, null, Integer.MAX_VALUE);
			List<Integer> compaction = new ArrayList<>(slot.present.descendingSet());
			compaction.remove(Integer.valueOf(LtxKeys.MAX_LEVEL));
			if (!compaction.contains(0)) {
				compaction.add(0);
			}
			long snapshotTxid = LtxLevels.newestSnapshotTxid(slot.levels);
			for (int i = 0; i < compaction.size(); i++) {
				int level = compaction.get(i);
				if (i == 0 && level > 0) {
					listLevel(slot, level, null, Integer.MAX_VALUE);
				}
				else {
					long after = LtxLevels.listFrom(slot.levels, level, snapshotTxid);
					listLevel(slot, level, LtxKeys.startAfterTxid(LtxKeys.levelPrefix(location.path(), level), after),
							Integer.MAX_VALUE);
				}
			}
			slot.rotation = 0;
			return slot;
		}

		LtxSlot steady(LtxSlot slot) {
			listL0(slot);
			List<Integer> turns = new ArrayList<>();
			turns.add(-1);
			turns.add(LtxKeys.MAX_LEVEL);
			slot.present.descendingSet().stream().filter((l) -> l > 0 && l < LtxKeys.MAX_LEVEL).forEach(turns::add);
			int turn = turns.get(slot.rotation % turns.size());
			slot.rotation++;
			if (turn == -1) {
				TreeSet<Integer> before = new TreeSet<>(slot.present);
				listFolders(slot);
				if (!slot.present.equals(before)) {
					return full(slot.strays, slot.rewrite);
				}
			}
			else if (turn == LtxKeys.MAX_LEVEL) {
				long before = LtxLevels.newestSnapshotTxid(slot.levels);
				slot.levels.remove(LtxKeys.MAX_LEVEL);
				listLevel(slot, LtxKeys.MAX_LEVEL, null, Integer.MAX_VALUE);
				if (LtxLevels.newestSnapshotTxid(slot.levels) < before) {
					return full(slot.strays, slot.rewrite);
				}
			}
			else {
				listLevel(slot, turn, slot.startAfter.get(turn), Integer.MAX_VALUE);
			}
			recheckGap(slot, turn);
			return slot;
		}

		/**
		 * L0 whole while it fits one page, as it does while compaction keeps up (it holds
		 * {@code l0-retention} of syncs): a second writer's files, which sort before the
		 * mark, are then seen on the next poll. A longer L0 is listed from its mark until
		 * the next full pass.
		 */
		private void listL0(LtxSlot slot) {
			if (slot.l0OnePage && !listLevel(slot, 0, null, 1)) {
				return;
			}
			slot.l0OnePage = false;
			listLevel(slot, 0, slot.startAfter.get(0), Integer.MAX_VALUE);
		}

		/**
		 * A gap in a steady pass may be only a level not listed for a while: L0 files
		 * compacted and deleted between two polls are in an L1 file this rotation has not
		 * reached yet. The levels above are listed once more before a gap is reported,
		 * once per place it starts, so a real gap costs those requests once.
		 */
		private void recheckGap(LtxSlot slot, int listedTurn) {
			LtxChain chain = LtxLevels.chain(slot.levels);
			if (!chain.gap() || chain.reach() == slot.gapRechecked) {
				return;
			}
			slot.gapRechecked = chain.reach();
			for (int level : slot.present) {
				if (level > 0 && level < LtxKeys.MAX_LEVEL && level != listedTurn) {
					listLevel(slot, level, slot.startAfter.get(level), Integer.MAX_VALUE);
				}
			}
		}

		/**
		 * Reads the newest snapshot's header once per snapshot, one ranged GET every
		 * {@code snapshot.interval}: a snapshot that is no LTX file, or not the one its
		 * name says, fails every restore, yet lists like any other.
		 */
		void checkNewestSnapshot(LtxSlot slot, LtxListing.SnapshotHeader before) {
			TreeMap<String, LtxFile> snapshots = slot.levels.get(LtxKeys.MAX_LEVEL);
			LtxFile newest = snapshots == null ? null
					: snapshots.values()
						.stream()
						.max(java.util.Comparator.comparingLong(LtxFile::maxTxid))
						.orElse(null);
			if (newest == null) {
				slot.snapshotHeader = null;
				return;
			}
			String key = LtxKeys.levelPrefix(location.path(), LtxKeys.MAX_LEVEL) + newest.name();
			if (before != null && before.key().equals(key)) {
				slot.snapshotHeader = before;
				return;
			}
			try {
				slot.snapshotHeader = LtxListing.SnapshotHeader.of(key, newest,
						listing.firstBytes(key, LtxHeader.SIZE));
			}
			catch (SdkException e) {
				// Retention may have deleted it since the listing, or the credentials
				// may list but not read: known as unread, tried again for the next one.
				slot.snapshotHeader = LtxListing.SnapshotHeader.unread(key);
			}
		}

		private void listFolders(LtxSlot slot) {
			String root = LtxKeys.root(location.path());
			slot.present.clear();
			slot.generationsPresent = false;
			for (ListObjectsV2Response page : listing.pages(root, null)) {
				for (CommonPrefix cp : page.commonPrefixes()) {
					LtxKeys.levelOfCommonPrefix(root, cp.prefix()).ifPresent(slot.present::add);
					slot.generationsPresent |= LtxKeys.isGenerationsPrefix(root, cp.prefix());
				}
			}
			slot.listedAt.put(-1, now);
		}

		/**
		 * Adds the files of {@code level} after {@code startAfter} (all when null), at
		 * most {@code maxPages} pages.
		 * @return whether more pages were left
		 */
		private boolean listLevel(LtxSlot slot, int level, String startAfter, int maxPages) {
			String dir = LtxKeys.levelPrefix(location.path(), level);
			TreeMap<String, LtxFile> files = slot.levels.computeIfAbsent(level, (l) -> new TreeMap<>());
			String last = later(slot.startAfter.get(level), startAfter);
			int pages = 0;
			boolean more = false;
			for (ListObjectsV2Response page : listing.pages(dir, startAfter)) {
				for (S3Object o : page.contents()) {
					String name = o.key().substring(dir.length());
					var file = LtxKeys.parse(level, name, o.size() == null ? 0 : o.size(), o.lastModified());
					if (file.isEmpty()) {
						slot.strays.seen(o.key());
						continue;
					}
					// Only LTX names move the mark: a stray "zz.txt" sorts after files
					// yet to come.
					LtxFile before = files.put(name, file.get());
					if (before != null && before.size() != file.get().size()) {
						slot.rewrite = new LtxListing.Rewrite(o.key(), before.size(), file.get().size(), now);
					}
					if (last == null || o.key().compareTo(last) > 0) {
						last = o.key();
					}
				}
				more = Boolean.TRUE.equals(page.isTruncated());
				if (++pages >= maxPages) {
					break;
				}
			}
			if (last != null) {
				slot.startAfter.put(level, last);
			}
			slot.listedAt.put(level, now);
			return more;
		}

	}

	private static String later(String a, String b) {
		return a == null || (b != null && b.compareTo(a) > 0) ? b : a;
	}

}
