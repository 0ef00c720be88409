package io.litewatch.bench;

import java.nio.file.Path;
import java.util.List;

import io.litewatch.testsupport.LitestreamContainer;

/**
 * The soak's litestream.yml, in the dialect of the Litestream it runs: one s3 replica per
 * database, synced every second, a snapshot an hour. Litewatch and the accessory get the
 * same file but for the endpoint, each their own counting proxy. The credentials come
 * from the environment, as a Kamal accessory's do.
 */
final class SoakYaml {

	private SoakYaml() {
	}

	static String of(SoakSettings settings, List<Path> dbs, String endpoint) {
		boolean v05 = settings.litestream() == LitestreamContainer.Version.V0_5_17;
		StringBuilder yaml = new StringBuilder("# written by the soak benchmark\n");
		if (v05) {
			yaml.append("snapshot:\n  interval: 1h\n  retention: 24h\n");
		}
		yaml.append("dbs:\n");
		for (int i = 0; i < dbs.size(); i++) {
			yaml.append("  - path: ").append(dbs.get(i)).append('\n');
			String indent = v05 ? "      " : "        ";
			yaml.append(v05 ? "    replica:\n" : "    replicas:\n      - ");
			StringBuilder replica = new StringBuilder();
			replica.append("type: s3\n");
			replica.append("bucket: backups\n");
			replica.append("path: soak/db-").append(String.format("%03d", i)).append('\n');
			replica.append("endpoint: ").append(endpoint).append('\n');
			replica.append("region: us-east-1\n");
			replica.append("force-path-style: true\n");
			replica.append("access-key-id: ${SOAK_ACCESS_KEY_ID}\n");
			replica.append("secret-access-key: ${SOAK_SECRET_ACCESS_KEY}\n");
			replica.append("sync-interval: 1s\n");
			if (!v05) {
				replica.append("snapshot-interval: 1h\n");
				replica.append("retention: 24h\n");
			}
			String[] lines = replica.toString().split("\n");
			for (int l = 0; l < lines.length; l++) {
				yaml.append(l == 0 && !v05 ? "" : indent).append(lines[l]).append('\n');
			}
		}
		return yaml.toString();
	}

}
