package io.litewatch.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.litewatch.config.ConfigFixtures;
import io.litewatch.config.LitestreamConfigParser;
import io.litewatch.config.LitestreamDialect;
import io.litewatch.config.ReplicaConfig;
import io.litewatch.s3.LtxFile;
import io.litewatch.s3.LtxListing;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files Litestream 0.5.17 itself listed for one replica
 * (fixtures/litestream-0.5/ltx-level-all.json): levels 0, 1, 2 and snapshots at 02:50:00,
 * 02:52:00 and 02:54:00 (TXIDs 0x7a, 0xb8, 0xf6), the newest file 02:54:56Z at TXID
 * 0x114; and listings of them as Litewatch's lister leaves them.
 */
public final class LtxFixtures {

	/** When the listings were made, just after the newest file. */
	public static final Instant LISTED = Instant.parse("2026-12-07T02:55:00Z");

	private LtxFixtures() {
	}

	/**
	 * production in rails-four-dbs-05.yml, the replica these files are judged as: sync
	 * 1s, snapshot.interval 6h, levels 30s, 10m.
	 */
	public static ReplicaConfig production() {
		return new LitestreamConfigParser(Map.of(), ConfigFixtures.WORKING_DIR)
			.parse(ConfigFixtures.fixture("rails-four-dbs-05.yml"), "litestream.yml", LitestreamDialect.V0_5, "test")
			.dbs()
			.get(0)
			.replicas()
			.get(0);
	}

	public static List<LtxFile> files() throws IOException {
		List<LtxFile> files = new ArrayList<>();
		JsonNode all = JsonMapper.builder()
			.build()
			.readTree(Path.of("src/test/resources/fixtures/litestream-0.5/ltx-level-all.json").toFile());
		for (JsonNode f : all) {
			files.add(new LtxFile(f.get("level").asInt(), Long.parseLong(f.get("min_txid").asText(), 16),
					Long.parseLong(f.get("max_txid").asText(), 16), f.get("size").asLong(),
					Instant.parse(f.get("timestamp").asText())));
		}
		return files;
	}

	public static LtxListing listing(List<LtxFile> files) {
		return listing(files, false);
	}

	/**
	 * @param generationsPresent 0.3's generations/ under the same path too
	 */
	public static LtxListing listing(List<LtxFile> files, boolean generationsPresent) {
		return new LtxListing(byLevel(files), listedAt(), generationsPresent, List.of(), 0, 2, false, LISTED);
	}

	public static TreeMap<Integer, List<LtxFile>> byLevel(List<LtxFile> files) {
		TreeMap<Integer, List<LtxFile>> byLevel = new TreeMap<>();
		files.stream()
			.sorted(Comparator.comparingLong(LtxFile::minTxid))
			.forEach((f) -> byLevel.computeIfAbsent(f.level(), (l) -> new ArrayList<>()).add(f));
		return byLevel;
	}

	public static Map<Integer, Instant> listedAt() {
		Map<Integer, Instant> at = new HashMap<>();
		for (int level : new int[] { 0, 1, 2, 9 }) {
			at.put(level, LISTED);
		}
		return at;
	}

}
