package io.litewatch.s3;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restore chain against what Litestream 0.5.17 itself listed and planned
 * (fixtures/litestream-0.5).
 */
class LtxChainTest {

	@Test
	void theWholeReplicaAsLitestreamListsItChainsFromTheNewestSnapshotToItsNewestFile() throws IOException {
		List<LtxFile> files = ltxJson("ltx-level-all.json");
		LtxChain chain = LtxChain.of(level(files, 9), below9(files));
		assertThat(chain.snapshot().maxTxid()).isEqualTo(0xf6);
		assertThat(chain.gap()).isFalse();
		assertThat(chain.reach()).isEqualTo(0x114).isEqualTo(chain.replicatedTxid());
		assertThat(chain.restorable()).isTrue();
	}

	@Test
	void theChainIsTheFilesOfLitestreamsOwnRestorePlan() throws IOException {
		// restore-dry-run.json: L9 1-f6, L2 f7-105, 106-115, 116-11f, L1 120-124,
		// 125-129, L0 12a.
		List<LtxFile> plan = new ArrayList<>();
		for (JsonNode f : JsonMapper.builder()
			.build()
			.readTree(LtxKeysTest.FIXTURES.resolve("restore-dry-run.json").toFile())
			.get("files")) {
			plan.add(file(f));
		}
		// The plan plus files it skipped: a covered L0 and an L1 inside an L2.
		List<LtxFile> listed = new ArrayList<>(below9(plan));
		listed.add(new LtxFile(0, 0x129, 0x129, 1, Instant.EPOCH));
		listed.add(new LtxFile(1, 0x106, 0x10a, 1, Instant.EPOCH));
		LtxChain chain = LtxChain.of(level(plan, 9), listed);
		assertThat(chain.files()).isEqualTo(plan.size());
		assertThat(chain.reach()).isEqualTo(0x12a);
	}

	@Test
	void aMissingFileIsAGapTheRestoreStopsBefore() throws IOException {
		List<LtxFile> files = new ArrayList<>(ltxJson("ltx-level-all.json"));
		// Every file that holds TXID 0x100 is gone.
		files.removeIf((f) -> f.level() < 9 && f.minTxid() <= 0x100 && f.maxTxid() >= 0x100);
		LtxChain chain = LtxChain.of(level(files, 9), below9(files));
		assertThat(chain.gap()).isTrue();
		assertThat(chain.reach()).isLessThan(0x100);
		assertThat(chain.replicatedTxid()).isEqualTo(0x114);
	}

	@Test
	void withoutASnapshotOnlyAChainFromTheFirstTxidRestores() {
		List<LtxFile> fromFloor = List.of(new LtxFile(1, 0x1ea, 0x1ee, 1, Instant.EPOCH));
		LtxChain chain = LtxChain.of(List.of(), fromFloor);
		assertThat(chain.restorable()).isFalse();
		assertThat(chain.gap()).isTrue();
		assertThat(chain.replicatedTxid()).isEqualTo(0x1ee);
		assertThat(LtxChain.of(List.of(), List.of(new LtxFile(1, 1, 3, 1, Instant.EPOCH))).reach()).isEqualTo(3);
	}

	static List<LtxFile> ltxJson(String name) throws IOException {
		List<LtxFile> files = new ArrayList<>();
		for (JsonNode f : JsonMapper.builder().build().readTree(LtxKeysTest.FIXTURES.resolve(name).toFile())) {
			files.add(file(f));
		}
		return files;
	}

	private static LtxFile file(JsonNode f) {
		return new LtxFile(f.get("level").asInt(), Long.parseLong(f.get("min_txid").asText(), 16),
				Long.parseLong(f.get("max_txid").asText(), 16), f.get("size").asLong(),
				Instant.parse(f.get("timestamp").asText()));
	}

	static List<LtxFile> level(List<LtxFile> files, int level) {
		return files.stream().filter((f) -> f.level() == level).toList();
	}

	static List<LtxFile> below9(List<LtxFile> files) {
		return files.stream().filter((f) -> f.level() < 9).toList();
	}

}
