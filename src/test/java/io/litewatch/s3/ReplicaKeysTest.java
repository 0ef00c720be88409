package io.litewatch.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplicaKeysTest {

	private static final String GEN = "00fbc4bd93036238";

	private static final Instant T = Instant.parse("2026-11-25T03:04:23Z");

	@Test
	void acceptsRealGenerationIds() {
		assertThat(ReplicaKeys.isGenerationName("00fbc4bd93036238")).isTrue();
		assertThat(ReplicaKeys.isGenerationName("c9802732cb14c102")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "00fbc4bd9303623", "00fbc4bd930362380", "00fbc4bd9303623g", "00FBC4BD93036238", "",
			"00fbc4bd93036238/", " 00fbc4bd9303623" })
	void rejectsOtherGenerationNames(String name) {
		assertThat(ReplicaKeys.isGenerationName(name)).isFalse();
	}

	@Test
	void rejectsNullGenerationName() {
		assertThat(ReplicaKeys.isGenerationName(null)).isFalse();
	}

	@Test
	void parsesSnapshots() {
		assertThat(ReplicaKeys.snapshot(GEN, "00000000.snapshot.lz4", 459, T))
			.contains(new SnapshotObject(GEN, 0, 459, T));
		assertThat(ReplicaKeys.snapshot(GEN, "0000001a.snapshot.lz4", 7, T)).hasValueSatisfying(s -> {
			assertThat(s.index()).isEqualTo(26);
			assertThat(s.size()).isEqualTo(7);
		});
		assertThat(ReplicaKeys.snapshot(GEN, "7fffffff.snapshot.lz4", 1, T))
			.hasValueSatisfying(s -> assertThat(s.index()).isEqualTo(0x7FFFFFFFL));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0000000.snapshot.lz4", "000000000.snapshot.lz4", "0000000A.snapshot.lz4",
			"00000000.snapshot", "00000000.snapshot.lz4.tmp", "00000000_00000000.wal.lz4", "", "snapshots/",
			"sub/00000000.snapshot.lz4" })
	void rejectsOtherSnapshotNames(String name) {
		assertThat(ReplicaKeys.snapshot(GEN, name, 1, T)).isEmpty();
	}

	@Test
	void parsesWalSegments() {
		assertThat(ReplicaKeys.wal(GEN, "00000000_00004080.wal.lz4", 83741, T))
			.contains(new WalSegment(GEN, 0, 16512, 83741, T));
		assertThat(ReplicaKeys.wal(GEN, "00000001_00000000.wal.lz4", 119, T))
			.contains(new WalSegment(GEN, 1, 0, 119, T));
		assertThat(ReplicaKeys.wal(GEN, "00000000_0003f608.wal.lz4", 1, T))
			.hasValueSatisfying(w -> assertThat(w.offset()).isEqualTo(259592));
	}

	@ParameterizedTest
	@ValueSource(strings = { "00000000_00004080.wal", "00000000.wal.lz4", "0000000_00004080.wal.lz4",
			"00000000_0004080.wal.lz4", "00000000_0000408G.wal.lz4", "00000000_0000408A.wal.lz4",
			"00000000-00004080.wal.lz4", "00000000.snapshot.lz4", "", "wal/", "x/00000000_00004080.wal.lz4" })
	void rejectsOtherWalNames(String name) {
		assertThat(ReplicaKeys.wal(GEN, name, 1, T)).isEmpty();
	}

	@Test
	void rejectsNullNames() {
		assertThat(ReplicaKeys.snapshot(GEN, null, 1, T)).isEmpty();
		assertThat(ReplicaKeys.wal(GEN, null, 1, T)).isEmpty();
	}

	@Test
	void extractsGenerationsFromCommonPrefixes() {
		assertThat(ReplicaKeys.generationOfCommonPrefix("db/generations/", "db/generations/00fbc4bd93036238/"))
			.contains(GEN);
		assertThat(ReplicaKeys.generationOfCommonPrefix("generations/", "generations/00fbc4bd93036238/")).contains(GEN);
		assertThat(ReplicaKeys.generationOfCommonPrefix("db/generations/", "db/generations/tmp/")).isEmpty();
		assertThat(ReplicaKeys.generationOfCommonPrefix("db/generations/", "other/00fbc4bd93036238/")).isEmpty();
	}

	@Test
	void buildsDirectoryPrefixes() {
		assertThat(ReplicaKeys.snapshotsPrefix("db/generations/", GEN))
			.isEqualTo("db/generations/" + GEN + "/snapshots/");
		assertThat(ReplicaKeys.walPrefix("generations/", GEN)).isEqualTo("generations/" + GEN + "/wal/");
	}

	@Test
	void theWalTailStartsJustBeforeTheFirstSegmentOfItsIndex() {
		String start = ReplicaKeys.walFromIndex("db/generations/", GEN, 10);
		assertThat(start).isEqualTo("db/generations/" + GEN + "/wal/0000000a");
		String dir = ReplicaKeys.walPrefix("db/generations/", GEN);
		// StartAfter is exclusive: every segment of index 10 sorts after it, every one of
		// 9 before.
		assertThat(dir + "0000000a_00000000.wal.lz4").isGreaterThan(start);
		assertThat(dir + "00000009_ffffffff.wal.lz4").isLessThan(start);
		assertThat(dir + "0000000b_00000000.wal.lz4").isGreaterThan(start);
	}

}
