package io.litewatch.bench;

import java.time.Instant;
import java.util.List;

/**
 * A run of keys that share one prefix and sort in the order of their position, so a
 * listing can seek by binary search instead of holding the keys: a replica's WAL segments
 * or its snapshots. No family's prefix may be a prefix of another's.
 */
interface KeyFamily {

	String prefix();

	/** How many keys exist at {@code now} (a growing replica gains keys over time). */
	long count(Instant now);

	/** The key at {@code position}, without the prefix. */
	String name(long position);

	ObjectEntry entry(long position);

	/**
	 * The first position whose key is at least {@code from} (which starts with the
	 * prefix), or {@code count} when there is none.
	 */
	default long search(String from, long count) {
		String rest = from.substring(prefix().length());
		long low = 0;
		long high = count;
		while (low < high) {
			long mid = (low + high) >>> 1;
			if (name(mid).compareTo(rest) < 0) {
				low = mid + 1;
			}
			else {
				high = mid;
			}
		}
		return low;
	}

	/** The families of one replica: its snapshots and its WAL. */
	static List<KeyFamily> of(SyntheticReplica replica) {
		return List.of(new Snapshots(replica), new Wal(replica));
	}

	/** One listed object. */
	record ObjectEntry(String key, long size, Instant lastModified) {
	}

	record Wal(SyntheticReplica replica) implements KeyFamily {

		@Override
		public String prefix() {
			return replica.walPrefix();
		}

		@Override
		public long count(Instant now) {
			return replica.segmentCount(now);
		}

		@Override
		public String name(long position) {
			return replica.walName(position);
		}

		@Override
		public ObjectEntry entry(long position) {
			return new ObjectEntry(prefix() + name(position), SyntheticReplica.WAL_SIZE, replica.walTime(position));
		}

	}

	record Snapshots(SyntheticReplica replica) implements KeyFamily {

		@Override
		public String prefix() {
			return replica.snapshotsPrefix();
		}

		@Override
		public long count(Instant now) {
			return replica.snapshotIndexes().size();
		}

		@Override
		public String name(long position) {
			return replica.snapshotName(replica.snapshotIndexes().get((int) position));
		}

		@Override
		public ObjectEntry entry(long position) {
			long index = replica.snapshotIndexes().get((int) position);
			return new ObjectEntry(prefix() + name(position), SyntheticReplica.SNAPSHOT_SIZE,
					replica.snapshotTime(index));
		}

	}

}
