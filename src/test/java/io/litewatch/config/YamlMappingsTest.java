package io.litewatch.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static io.litewatch.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** Mappings as yaml.v2 reads them: merge keys flattened, bounded against alias tricks. */
class YamlMappingsTest {

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

}
