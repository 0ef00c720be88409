package io.litewatch.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists Litestream replicas with List requests only, so read-only credentials suffice.
 * <p>
 * A walk of everything costs one request per 1000 WAL segments, and a busy replica holds
 * hundreds of thousands, so it is never done here (the background inventory does it
 * within a request budget). A restore needs only the newest snapshot and the WAL from its
 * index on, and lag, last sync and the generation's end come from those same keys: so a
 * generation's WAL is listed from its newest snapshot's index
 * ({@code StartAfter=…/wal/<index>}), and later with {@code StartAfter} the last key
 * seen, folding new segments into the remembered {@link WalStats}. When a newer snapshot
 * appears the tail starts again from its index.
 * <p>
 * What a listing costs:
 * <ul>
 * <li>the first: 1 request for the generation ids, then per generation 1 for its
 * snapshots and one per 1000 segments of its tail (about one snapshot-interval of WAL),
 * whatever the history;</li>
 * <li>steady state: 1 for the generation ids (a new generation or a vanished one shows at
 * once) and 1 for the new WAL of the current generation. Snapshots are listed again only
 * once the next one is due by the replica's own snapshot spacing, and then on every call
 * until it appears, so a late snapshot is seen as soon as it lands. Generations that
 * stopped advancing more than {@link #LIVE_WINDOW} before the current one cost nothing;
 * ones that advance alongside it are listed too, so two writers still show.</li>
 * </ul>
 * Every {@code fullPassInterval} the tails and snapshots are listed afresh, which notices
 * deletions there. Progress is kept page by page: a listing cut short by a timeout or an
 * error resumes where it stopped, so a long tail is never listed twice.
 * <p>
 * Thread-safe: different replicas are listed concurrently; the same replica is listed by
 * one thread at a time, because the listings build on each other's state.
 */
public class S3ReplicaLister implements AutoCloseable {

	/**
	 * A generation whose newest object is this close to the current generation's is still
	 * listed on every call: two Litestream processes writing at once advance two
	 * generations within seconds of each other.
	 */
	static final Duration LIVE_WINDOW = Duration.ofMinutes(5);

	private static final Logger log = LoggerFactory.getLogger(S3ReplicaLister.class);

	private final S3ClientFactory clients;

	private final Clock clock;

	private final Duration fullPassInterval;

	private final Map<String, Slot> slots = new ConcurrentHashMap<>();

	private final AtomicLong counter = new AtomicLong();

	/** What an earlier run remembered, by {@link S3Location#replicaKey()}. */
	private final Map<String, ListingMemory> remembered;

	public S3ReplicaLister(S3ClientFactory clients, Clock clock, Duration fullPassInterval) {
		this(clients, clock, fullPassInterval, Map.of());
	}

	public S3ReplicaLister(S3ClientFactory clients, Clock clock, Duration fullPassInterval,
			Map<String, ListingMemory> remembered) {
		this.clients = Objects.requireNonNull(clients, "clients");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.fullPassInterval = Objects.requireNonNull(fullPassInterval, "fullPassInterval");
		this.remembered = Map.copyOf(remembered);
	}

	/** Lists a replica whose snapshot spacing is unknown: its snapshots on every call. */
	public ReplicaListing list(S3Location location) throws S3ListingException {
		return list(location, null);
	}

	/**
	 * Lists the replica at {@code location}, incrementally when a recent full pass allows
	 * it. On failure what was listed so far is kept, so the next call resumes from there.
	 * @param snapshotSpacing how far apart the replica's snapshots should be, which says
	 * when the next one is due; null when unknown
	 */
	public ReplicaListing list(S3Location location, Duration snapshotSpacing) throws S3ListingException {
		Slot slot = slots.computeIfAbsent(location.replicaKey(), key -> new Slot(remembered.get(key)));
		synchronized (slot) {
			Instant now = clock.instant();
			boolean fullPass = slot.lastFullPass == null || !now.isBefore(slot.lastFullPass.plus(fullPassInterval));
			if (fullPass) {
				slot.lastFullPass = now;
			}
			Pass pass = new Pass(clients.client(location), location, slot, now, snapshotSpacing);
			try {
				pass.run(fullPass);
				List<GenerationListing> generations = slot.generations.values()
					.stream()
					.map(GenerationTail::listing)
					.toList();
				log.debug("listed s3://{}/{} in {} requests (full pass: {})", location.bucket(), location.prefix(),
						pass.listing.requests(), fullPass);
				slot.changes = counter.incrementAndGet();
				return new ReplicaListing(generations, pass.listing.requests(), fullPass, now);
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

	/**
	 * What is remembered of each replica listed since {@code since} (a value this method
	 * returned before, or 0 for all), to be kept across restarts.
	 */
	public Export export(long since) {
		Map<String, ListingMemory> changed = new TreeMap<>();
		long mark = since;
		for (Map.Entry<String, Slot> entry : slots.entrySet()) {
			Slot slot = entry.getValue();
			synchronized (slot) {
				if (slot.changes > since && slot.lastFullPass != null) {
					changed.put(entry.getKey(),
							new ListingMemory(slot.lastFullPass, List.copyOf(slot.generations.values())));
				}
				mark = Math.max(mark, slot.changes);
			}
		}
		return new Export(changed, mark);
	}

	/**
	 * @param mark pass to the next {@link #export(long)} to get only what changed since
	 */
	public record Export(Map<String, ListingMemory> replicas, long mark) {
	}

	@Override
	public void close() {
		slots.clear();
	}

	/**
	 * One listing run; counts its own requests so concurrent listings do not mix their
	 * counts, and writes its progress into the slot as it goes.
	 */
	private static final class Pass {

		private final S3Location location;

		private final Slot slot;

		private final Instant now;

		private final Duration snapshotSpacing;

		private final CountedListing listing;

		Pass(S3Client s3, S3Location location, Slot slot, Instant now, Duration snapshotSpacing) {
			this.listing = new CountedListing(s3, location.bucket());
			this.location = location;
			this.slot = slot;
			this.now = now;
			this.snapshotSpacing = snapshotSpacing;
		}

		void run(boolean fullPass) {
			String prefix = location.prefix();
			List<String> ids = listGenerations(prefix);
			slot.generations.keySet().retainAll(ids);
			Instant currentEnd = slot.generations.values()
				.stream()
				.map(g -> g.listing().end())
				.filter(Objects::nonNull)
				.max(Instant::compareTo)
				.orElse(null);
			for (String id : ids) {
				GenerationTail before = fullPass ? null : slot.generations.get(id);
				if (before != null && !before.live(currentEnd, LIVE_WINDOW)) {
					continue;
				}
				List<SnapshotObject> snapshots = before == null || before.snapshotsDue(now, snapshotSpacing)
						? listSnapshots(prefix, id) : before.snapshots();
				Long tailIndex = snapshots.stream().map(SnapshotObject::index).max(Long::compare).orElse(null);
				// A generation not seen before, a newer snapshot, or a full pass: the
				// tail starts again at the newest snapshot's index (from the first key
				// if there is no snapshot, which Litestream writes before any WAL).
				GenerationTail start = before != null && Objects.equals(before.tailIndex(), tailIndex)
						? before.withSnapshots(snapshots) : new GenerationTail(id, snapshots, WalStats.EMPTY,
								tailIndex == null ? null : ReplicaKeys.walFromIndex(prefix, id, tailIndex), tailIndex);
				slot.generations.put(id, start);
				foldNewWal(prefix, start);
			}
		}

		private List<String> listGenerations(String prefix) {
			List<String> ids = new ArrayList<>();
			for (ListObjectsV2Response page : listing.pages(prefix, null)) {
				for (CommonPrefix cp : page.commonPrefixes()) {
					ReplicaKeys.generationOfCommonPrefix(prefix, cp.prefix()).ifPresent(ids::add);
				}
			}
			return ids;
		}

		private List<SnapshotObject> listSnapshots(String prefix, String id) {
			String dir = ReplicaKeys.snapshotsPrefix(prefix, id);
			List<SnapshotObject> snapshots = new ArrayList<>();
			for (ListObjectsV2Response page : listing.pages(dir, null)) {
				for (S3Object o : page.contents()) {
					ReplicaKeys.snapshot(id, o.key().substring(dir.length()), size(o), o.lastModified())
						.ifPresent(snapshots::add);
				}
			}
			return snapshots;
		}

		/**
		 * Lists the WAL keys after {@code start.lastWalKey()} and folds them into its
		 * stats, keeping each page's progress in the slot.
		 */
		private void foldNewWal(String prefix, GenerationTail start) {
			String id = start.id();
			String dir = ReplicaKeys.walPrefix(prefix, id);
			WalStats wal = start.wal();
			String lastKey = start.lastWalKey();
			for (ListObjectsV2Response page : listing.pages(dir, lastKey)) {
				for (S3Object o : page.contents()) {
					Optional<WalSegment> segment = ReplicaKeys.wal(id, o.key().substring(dir.length()), size(o),
							o.lastModified());
					// Only segment keys move the StartAfter mark: a stray key such as
					// "zz.txt" sorts after segments yet to come, and starting after it
					// would skip them.
					if (segment.isPresent()) {
						wal = wal.plus(segment.get());
						if (lastKey == null || o.key().compareTo(lastKey) > 0) {
							lastKey = o.key();
						}
					}
				}
				slot.generations.put(id, new GenerationTail(id, start.snapshots(), wal, lastKey, start.tailIndex()));
			}
		}

		private static long size(S3Object o) {
			return o.size() == null ? 0 : o.size();
		}

	}

	/**
	 * One replica's remembered state, guarded by the slot's own lock so different
	 * replicas list in parallel.
	 */
	private static final class Slot {

		private Instant lastFullPass;

		/** Sorted by id: the order S3 lists them in, kept stable for the dashboard. */
		private final Map<String, GenerationTail> generations = new TreeMap<>();

		/**
		 * Bumped by each listing, from one counter for all slots, so an export knows what
		 * changed since the last.
		 */
		private long changes;

		Slot(ListingMemory memory) {
			if (memory != null) {
				lastFullPass = memory.lastFullPass();
				memory.generations().forEach(g -> generations.put(g.id(), g));
			}
		}

	}

}
