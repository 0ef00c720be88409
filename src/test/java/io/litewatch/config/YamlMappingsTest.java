package io.litewatch.config;

import java.io.StringReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;

import static io.litewatch.config.ConfigFixtures.parse;
import static io.litewatch.config.ConfigFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Mappings as yaml.v2 reads them: merge keys flattened, bounded against alias tricks. */
class YamlMappingsTest {

	// The mapping under `key`, flattened: each key with the scalar it ends up with.
	private static Map<String, String> flattened(String yaml, String key) {
		MappingNode root = (MappingNode) new Yaml().compose(new StringReader(yaml));
		YamlMappings mappings = new YamlMappings("t.yml", new ConfigLints(yaml));
		MappingNode node = (MappingNode) mappings.quiet(root).get(key).value();
		Map<String, String> values = new LinkedHashMap<>();
		mappings.quiet(node)
			.forEach((k, e) -> values.put(k, (e.value() instanceof ScalarNode scalar) ? scalar.getValue() : null));
		return values;
	}

	@Test
	void yamlMergeKeysAreApplied() {
		LitestreamConfig config = parse("""
				x-replica: &replica
				  type: s3
				  bucket: shared
				  retention: 72h
				dbs:
				  - path: /data/app.db
				    replicas:
				      - <<: *replica
				        path: app
				""");

		ReplicaConfig r = config.dbs().get(0).replicas().get(0);
		assertThat(r.bucket()).isEqualTo("shared");
		assertThat(r.path()).isEqualTo("app");
		assertThat(r.retention()).isEqualTo(Duration.ofHours(72));
		assertThat(config.issues()).singleElement()
			.satisfies((issue) -> assertThat(issue.message()).contains("x-replica").startsWith("Line 1:"));
	}

	@Test
	void ownKeysWinOverMergedOnesAndEarlierMergesOverLaterOnes() {
		assertThat(flattened("""
				a: &a {x: a, y: a}
				b: &b {y: b, z: b}
				c: {<<: [*a, *b], x: own}
				""", "c")).containsExactly(Map.entry("y", "a"), Map.entry("z", "b"), Map.entry("x", "own"));
	}

	@Test
	void aMergeKeyThatIncludesItsOwnMappingIsRefused() {
		// used to recurse until a StackOverflowError
		ConfigParseException ex = refused("""
				dbs:
				  - &d {path: /x.db, <<: *d}
				""");

		assertThat(ex.line()).isEqualTo(2);
		assertThat(ex.reason()).startsWith("a YAML alias refers to itself");
	}

	@Test
	void aMergeCycleThroughAnotherMappingIsRefused() {
		ConfigParseException ex = refused("""
				dbs:
				  - &d
				    path: /x.db
				    <<:
				      <<: *d
				""");

		assertThat(ex.line()).isEqualTo(5);
		assertThat(ex.reason()).startsWith("a YAML alias refers to itself");
	}

	@Test
	void aMappingMergedFromInsideItselfIsNoCycle() {
		// the replica merges the database that contains it: odd, but finite
		assertThat(refused("""
				dbs:
				  - &d
				    path: /x.db
				    replicas:
				      - <<: [*d]
				        url: s3://b/p
				""").reason()).isEqualTo("cannot specify url & path for s3 replica");
	}

	// 24 levels, each merging the previous one twice: within SnakeYAML's 50 aliases, but
	// 2^24 merges when every merge is walked again.
	@Test
	@Timeout(5)
	void mergesOfMergesAreFlattenedOnce() {
		StringBuilder yaml = new StringBuilder("l0: &l0 {k0: 0}\n");
		for (int i = 1; i <= 24; i++) {
			yaml.append("l%d: &l%d {<<: [*l%d, *l%d], k%d: %d}\n".formatted(i, i, i - 1, i - 1, i, i));
		}
		yaml.append("top: {<<: *l24}\n");

		Map<String, String> top = flattened(yaml.toString(), "top");

		assertThat(top).hasSize(25).containsEntry("k0", "0").containsEntry("k24", "24");
		assertThat(List.copyOf(top.keySet()).get(0)).isEqualTo("k0");
	}

	@Test
	void aKeyThatIsACollectionIsRefused() {
		assertThatExceptionOfType(ConfigParseException.class).isThrownBy(() -> flattened("m: {[a]: 1}\n", "m"))
			.withMessage("t.yml: line 1: cannot unmarshal !!seq into a key");
	}

}
