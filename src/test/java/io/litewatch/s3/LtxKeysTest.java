package io.litewatch.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** On the keys Litestream 0.5.17 wrote to s3proxy (fixtures/litestream-0.5). */
class LtxKeysTest {

	static final Path FIXTURES = Path.of("src/test/resources/fixtures/litestream-0.5");

	@Test
	void everyKeyLitestreamWroteParsesWithItsLevelAndRange() throws IOException {
		List<JsonNode> keys = keys("keys-end.jsonl");
		int parsed = 0;
		for (JsonNode key : keys) {
			String k = key.get("Key").asText();
			String[] parts = k.split("/");
			String root = parts[0] + "/" + parts[1] + "/";
			OptionalInt level = LtxKeys.levelOfCommonPrefix(root, root + parts[2] + "/");
			assertThat(level).as(k).isPresent();
			var file = LtxKeys.parse(level.getAsInt(), parts[3], key.get("Size").asLong(), Instant.EPOCH);
			assertThat(file).as(k).isPresent();
			assertThat(LtxKeys.levelPrefix(parts[0] + "/" + parts[1], level.getAsInt()) + file.get().name())
				.isEqualTo(k);
			if (level.getAsInt() == LtxKeys.MAX_LEVEL) {
				assertThat(file.get().minTxid()).as("snapshots start at TXID 1").isEqualTo(1);
			}
			parsed++;
		}
		assertThat(parsed).isEqualTo(254);
	}

	@Test
	void namesThatAreNoLtxFileAreRefused() {
		assertThat(LtxKeys.parse(0, "zz.txt", 1, null)).isEmpty();
		assertThat(LtxKeys.parse(0, "00000000000000AA-00000000000000AA.ltx", 1, null)).as("upper case").isEmpty();
		assertThat(LtxKeys.parse(0, "0000000000000002-0000000000000001.ltx", 1, null)).as("backwards").isEmpty();
		assertThat(LtxKeys.parse(0, "0000000000000000-0000000000000001.ltx", 1, null)).as("TXID 0").isEmpty();
		assertThat(LtxKeys.parse(0, "8000000000000000-8000000000000000.ltx", 1, null)).as("past 2^63").isEmpty();
		assertThat(LtxKeys.parse(0, "0000000000000001-0000000000000001.ltx.tmp", 1, null)).isEmpty();
		assertThat(LtxKeys.levelOfCommonPrefix("a/", "a/000a/")).isEmpty();
		assertThat(LtxKeys.levelOfCommonPrefix("a/", "a/generations/")).isEmpty();
		assertThat(LtxKeys.isGenerationsPrefix("a/", "a/generations/")).isTrue();
	}

	@Test
	void startAfterATxidSortsBetweenItsFilesAndTheNext() {
		String dir = LtxKeys.levelPrefix("app", 1);
		String mark = LtxKeys.startAfterTxid(dir, 0x1ee);
		assertThat(dir + LtxKeys.fileName(0x1ea, 0x1ee)).isLessThan(mark);
		assertThat(dir + LtxKeys.fileName(0x1ee, 0x1f8)).isLessThan(mark);
		assertThat(dir + LtxKeys.fileName(0x1ef, 0x1ef)).isGreaterThan(mark);
		assertThat(LtxKeys.levelPrefix("", 0)).as("Litestream joins with a plain /").isEqualTo("/0000/");
	}

	static List<JsonNode> keys(String file) throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		return Files.readAllLines(FIXTURES.resolve(file))
			.stream()
			.filter((line) -> !line.isBlank())
			.map(json::readTree)
			.toList();
	}

}
