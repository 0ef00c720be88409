package io.litewatch.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ListingRecordsTest {

	private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");

	private static Instant t(int seconds) {
		return T0.plusSeconds(seconds);
	}

	private static WalSegment wal(String gen, long index, long offset, long size, int at) {
		return new WalSegment(gen, index, offset, size, t(at));
	}

	@Test
	void walStatsFoldKeepsCountsBoundsAndHighestPosition() {
		WalStats stats = WalStats.EMPTY.plus(wal("g", 1, 0, 10, 50))
			.plus(wal("g", 0, 16512, 20, 5))
			.plus(wal("g", 1, 4128, 30, 40))
			.plus(wal("g", 0, 0, 40, 60));
		assertThat(stats.segmentCount()).isEqualTo(4);
		assertThat(stats.totalBytes()).isEqualTo(100);
		assertThat(stats.oldestModified()).isEqualTo(t(5));
		assertThat(stats.newestModified()).isEqualTo(t(60));
		assertThat(stats.newest()).isEqualTo(wal("g", 1, 4128, 30, 40));
		assertThat(WalStats.EMPTY.isEmpty()).isTrue();
	}

	@Test
	void generationBoundsSpanSnapshotsAndWal() {
		GenerationListing g = GenerationListing.of("g",
				List.of(new SnapshotObject("g", 1, 5, t(100)), new SnapshotObject("g", 0, 5, t(1))),
				WalStats.EMPTY.plus(wal("g", 0, 0, 1, 3)).plus(wal("g", 1, 0, 1, 90)));
		assertThat(g.start()).isEqualTo(t(1));
		assertThat(g.end()).isEqualTo(t(100));
		assertThat(g.snapshots()).extracting(SnapshotObject::index).containsExactly(0L, 1L);
	}

	@Test
	void emptyGenerationHasNoBounds() {
		GenerationListing g = GenerationListing.of("g", List.of(), WalStats.EMPTY);
		assertThat(g.start()).isNull();
		assertThat(g.end()).isNull();
		assertThat(g.isEmpty()).isTrue();
		assertThat(g.newestSnapshot()).isEmpty();
	}

	@Test
	void newestSnapshotIsByTimeNotIndex() {
		// Index 0 was rewritten after index 1 was taken (a snapshot at an unchanged index
		// overwrites the key).
		SnapshotObject rewritten = new SnapshotObject("g", 0, 5, t(300));
		SnapshotObject one = new SnapshotObject("g", 1, 5, t(200));
		SnapshotObject two = new SnapshotObject("g", 2, 5, t(100));
		GenerationListing g = GenerationListing.of("g", List.of(one, rewritten, two), WalStats.EMPTY);
		assertThat(g.newestSnapshot()).contains(rewritten);
		assertThat(g.oldestSnapshot()).contains(two);
	}

	@Test
	void currentIsTheGenerationWithTheNewestEndNotTheHighestId() {
		GenerationListing old = GenerationListing.of("ffffffffffffffff", List.of(),
				WalStats.EMPTY.plus(wal("ffffffffffffffff", 0, 0, 1, 10)));
		GenerationListing fresh = GenerationListing.of("0000000000000001", List.of(),
				WalStats.EMPTY.plus(wal("0000000000000001", 0, 0, 1, 20)));
		GenerationListing empty = GenerationListing.of("8888888888888888", List.of(), WalStats.EMPTY);
		ReplicaListing listing = new ReplicaListing(List.of(fresh, empty, old), 4, true, t(30));
		assertThat(listing.current()).contains(fresh);
		assertThat(new ReplicaListing(List.of(empty), 1, true, t(30)).current()).isEmpty();
	}

	@Test
	void currentTieGoesToTheSmallerIdLikeLitestreamRestore() {
		GenerationListing a = GenerationListing.of("000000000000000a",
				List.of(new SnapshotObject("000000000000000a", 0, 1, t(5))), WalStats.EMPTY);
		GenerationListing b = GenerationListing.of("000000000000000b",
				List.of(new SnapshotObject("000000000000000b", 0, 1, t(5))), WalStats.EMPTY);
		assertThat(new ReplicaListing(List.of(b, a), 1, true, t(6)).current()).contains(a);
	}

}
