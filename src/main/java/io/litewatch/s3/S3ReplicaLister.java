package io.litewatch.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists Litestream replicas with List requests only, so read-only credentials suffice.
 * <p>
 * A walk of everything costs one request per 1000 WAL segments, and a busy replica holds
 * hundreds of thousands, so it is never done here. A restore needs only the newest
 * snapshot and the WAL from its index on, and lag, last sync and the generation's end
 * come from those same keys: so each generation's WAL is listed from its newest
 * snapshot's index ({@code StartAfter=…/wal/<index>}), and later with {@code StartAfter}
 * the last key seen, folding new segments into the remembered {@link WalStats}. When a
 * newer snapshot appears the tail starts again from its index. The first listing
 * therefore costs about the WAL written since the newest snapshot (one
 * snapshot-interval), whatever the history, and a steady-state poll costs 1 request for
 * the generations plus 2 per generation (snapshots, new WAL). Snapshots are always listed
 * in full because a snapshot at an unchanged index rewrites the same key, which
 * StartAfter would miss. Every {@code fullPassInterval} the tails are listed afresh,
 * which notices deletions there; a generation that vanishes from the generation listing
 * is dropped at once.
 * <p>
 * Thread-safe: different replicas are listed concurrently; the same replica is listed by
 * one thread at a time, because the listings build on each other's state.
 */
public class S3ReplicaLister implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(S3ReplicaLister.class);

	private final S3ClientFactory clients;

	private final Clock clock;

	private final Duration fullPassInterval;

	private final Map<ReplicaId, Slot> slots = new ConcurrentHashMap<>();

	public S3ReplicaLister(S3ClientFactory clients, Clock clock, Duration fullPassInterval) {
		this.clients = Objects.requireNonNull(clients, "clients");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.fullPassInterval = Objects.requireNonNull(fullPassInterval, "fullPassInterval");
	}

	/**
	 * Lists the replica at {@code location}, incrementally when a recent full pass allows
	 * it. On failure the remembered state is left as it was, so the next call resumes
	 * from there.
	 */
	public ReplicaListing list(S3Location location) throws S3ListingException {
		Slot slot = slots.computeIfAbsent(ReplicaId.of(location), id -> new Slot());
		synchronized (slot) {
			Instant now = clock.instant();
			ReplicaState previous = slot.state;
			boolean fullPass = previous == null || !now.isBefore(previous.lastFullPass().plus(fullPassInterval));
			Pass pass = new Pass(clients.client(location), location);
			try {
				ReplicaState next = pass.run(fullPass ? null : previous, fullPass ? now : previous.lastFullPass());
				slot.state = next;
				List<GenerationListing> generations = next.generations()
					.values()
					.stream()
					.map(GenerationState::listing)
					.toList();
				log.debug("listed s3://{}/{} in {} requests (full pass: {})", location.bucket(), location.prefix(),
						pass.requests, fullPass);
				return new ReplicaListing(generations, pass.requests, fullPass, now);
			}
			catch (SdkException e) {
				throw S3Errors.map(e, location);
			}
		}
	}

	/**
	 * Forgets what was remembered about a replica, e.g. when it is removed from the
	 * configuration.
	 */
	public void forget(S3Location location) {
		slots.remove(ReplicaId.of(location));
	}

	@Override
	public void close() {
		slots.clear();
	}

	/**
	 * One listing run; counts its own requests so concurrent listings do not mix their
	 * counts.
	 */
	private static final class Pass {

		private final S3Client s3;

		private final S3Location location;

		private int requests;

		Pass(S3Client s3, S3Location location) {
			this.s3 = s3;
			this.location = location;
		}

		ReplicaState run(ReplicaState previous, Instant lastFullPass) {
			String prefix = location.prefix();
			Map<String, GenerationState> generations = new TreeMap<>();
			for (String id : listGenerations(prefix)) {
				GenerationState before = previous == null ? null : previous.generations().get(id);
				List<SnapshotObject> snapshots = listSnapshots(prefix, id);
				Long tailIndex = snapshots.stream().map(SnapshotObject::index).max(Long::compare).orElse(null);
				// A generation not seen before, a newer snapshot, or a full pass: the
				// tail
				// starts again at the newest snapshot's index (from the first key if
				// there
				// is no snapshot, which Litestream writes before any WAL).
				GenerationState start = before != null && Objects.equals(before.tailIndex(), tailIndex) ? before
						: new GenerationState(id, snapshots, WalStats.EMPTY,
								tailIndex == null ? null : ReplicaKeys.walFromIndex(prefix, id, tailIndex), tailIndex);
				generations.put(id, foldNewWal(prefix, start, snapshots));
			}
			return new ReplicaState(lastFullPass, generations);
		}

		private List<String> listGenerations(String prefix) {
			List<String> ids = new ArrayList<>();
			for (ListObjectsV2Response page : pages(request(prefix, null))) {
				for (CommonPrefix cp : page.commonPrefixes()) {
					ReplicaKeys.generationOfCommonPrefix(prefix, cp.prefix()).ifPresent(ids::add);
				}
			}
			return ids;
		}

		private List<SnapshotObject> listSnapshots(String prefix, String id) {
			String dir = ReplicaKeys.snapshotsPrefix(prefix, id);
			List<SnapshotObject> snapshots = new ArrayList<>();
			for (ListObjectsV2Response page : pages(request(dir, null))) {
				for (S3Object o : page.contents()) {
					ReplicaKeys.snapshot(id, o.key().substring(dir.length()), size(o), o.lastModified())
						.ifPresent(snapshots::add);
				}
			}
			return snapshots;
		}

		/**
		 * Lists the WAL keys after {@code start.lastWalKey()} and folds them into its
		 * stats.
		 */
		private GenerationState foldNewWal(String prefix, GenerationState start, List<SnapshotObject> snapshots) {
			String id = start.id();
			String dir = ReplicaKeys.walPrefix(prefix, id);
			WalStats wal = start.wal();
			String lastKey = start.lastWalKey();
			for (ListObjectsV2Response page : pages(request(dir, lastKey))) {
				for (S3Object o : page.contents()) {
					Optional<WalSegment> segment = ReplicaKeys.wal(id, o.key().substring(dir.length()), size(o),
							o.lastModified());
					// Only segment keys move the StartAfter mark: a stray key such as
					// "zz.txt" sorts after
					// segments yet to come, and starting after it would skip them.
					if (segment.isPresent()) {
						wal = wal.plus(segment.get());
						if (lastKey == null || o.key().compareTo(lastKey) > 0) {
							lastKey = o.key();
						}
					}
				}
			}
			return new GenerationState(id, snapshots, wal, lastKey, start.tailIndex());
		}

		private ListObjectsV2Request request(String prefix, String startAfter) {
			// Delimiter as Litestream lists: anything below a further '/' is not
			// Litestream's.
			ListObjectsV2Request.Builder b = ListObjectsV2Request.builder()
				.bucket(location.bucket())
				.prefix(prefix)
				.delimiter("/");
			if (startAfter != null) {
				b.startAfter(startAfter);
			}
			return b.build();
		}

		/**
		 * The pages of a listing; the paginator sends one request per page as it is
		 * iterated, counted here.
		 */
		private Iterable<ListObjectsV2Response> pages(ListObjectsV2Request request) {
			Iterator<ListObjectsV2Response> pages = s3.listObjectsV2Paginator(request).iterator();
			return () -> new Iterator<>() {

				@Override
				public boolean hasNext() {
					return pages.hasNext();
				}

				@Override
				public ListObjectsV2Response next() {
					ListObjectsV2Response page = pages.next();
					requests++;
					return page;
				}

			};
		}

		private static long size(S3Object o) {
			return o.size() == null ? 0 : o.size();
		}

	}

	/**
	 * Which replica: the same bucket and path behind the same endpoint, whatever the
	 * credentials.
	 */
	private record ReplicaId(String endpoint, String bucket, String path) {

		static ReplicaId of(S3Location l) {
			return new ReplicaId(l.endpoint(), l.bucket(), l.path());
		}

	}

	/**
	 * Guards one replica's state; the lock is per replica so different replicas list in
	 * parallel.
	 */
	private static final class Slot {

		private ReplicaState state;

	}

	private record ReplicaState(Instant lastFullPass, Map<String, GenerationState> generations) {

		ReplicaState {
			// Sorted by id: the order S3 lists them in, kept stable for the dashboard.
			generations = Collections.unmodifiableMap(new TreeMap<>(generations));
		}

	}

	/**
	 * What is remembered per generation between listings.
	 *
	 * @param wal the segments from {@code tailIndex} on
	 * @param lastWalKey greatest segment key seen under {@code wal/} (or the tail's
	 * start), where the next listing starts after; null if none
	 * @param tailIndex the newest snapshot's index, where the listed WAL starts; null
	 * when the generation has no snapshot
	 */
	private record GenerationState(String id, List<SnapshotObject> snapshots, WalStats wal, String lastWalKey,
			Long tailIndex) {

		GenerationState {
			snapshots = List.copyOf(snapshots);
		}

		GenerationListing listing() {
			return GenerationListing.of(id, snapshots, wal);
		}

	}

}
