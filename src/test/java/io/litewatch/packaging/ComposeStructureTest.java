package io.litewatch.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/** The compose demo and its Litestream config, read with SnakeYAML; no Docker needed. */
class ComposeStructureTest {

	private static final Path PROJECT = DockerfileStructureTest.PROJECT;

	private static final String SOCKET = "/var/run/docker.sock";

	private static final String STORAGE = "/rails/storage";

	private static final Pattern SECRET_NAME = Pattern.compile(
			"(?i).*(secret|password|passwd|token|credential|access_key|identity|api_key|private_key|webhook_url).*");

	private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?][^}]*)?}");

	@Test
	void definesLitewatchLitestreamAnS3ServerAndAWriter() {
		Map<String, Map<String, Object>> services = services();

		assertThat(services).containsKeys("litewatch", "litestream", "writer");
		assertThat(s3Services(services)).as("an S3-compatible server (s3proxy or MinIO)").isNotEmpty();
		assertThat(services.get("litewatch")).containsKey("build");
		assertThat(services.get("litestream")).containsEntry("image", "litestream/litestream:0.3.13");
		assertThat(String.valueOf(services.get("litestream").get("command"))).contains("replicate");
	}

	@Test
	void litewatchAsksTheLitestreamContainerByItsName() {
		Map<String, Map<String, Object>> services = services();

		Object containerName = services.get("litestream").get("container_name");
		assertThat(containerName).isEqualTo("litestream");
		assertThat(environment(services.get("litewatch"))).containsEntry("LITEWATCH_DOCKER_CONTAINER", containerName);
	}

	@Test
	void dockerSocketIsMountedIntoLitewatchOnly() {
		Map<String, Map<String, Object>> services = services();

		assertThat(mounts(services.get("litewatch")))
			.anyMatch((m) -> m.source().equals(SOCKET) && m.target().equals(SOCKET));
		services.forEach((name, service) -> {
			if (!name.equals("litewatch")) {
				assertThat(mounts(service)).as("service %s", name).noneMatch((m) -> m.source().contains("docker.sock"));
			}
		});
		// uid 10001 reaches the root:docker 660 socket only with the socket's group.
		assertThat((List<?>) services.get("litewatch").get("group_add")).isNotEmpty();
	}

	@Test
	void litewatchMountsTheStorageVolumeReadOnlyAndLitestreamReadWrite() {
		Map<String, Map<String, Object>> services = services();

		Mount watched = mount(services.get("litewatch"), STORAGE);
		assertThat(watched.readOnly()).as("litewatch's %s mount is read-only", STORAGE).isTrue();
		assertThat(namedVolumes()).containsKey(watched.source());
		// Litestream 0.3.13 writes its meta directory next to the database: it needs the
		// same volume, writable.
		Mount replicated = mount(services.get("litestream"), STORAGE);
		assertThat(replicated.source()).isEqualTo(watched.source());
		assertThat(replicated.readOnly()).isFalse();
		assertThat(mount(services.get("writer"), STORAGE).source()).isEqualTo(watched.source());
	}

	@Test
	void bothReadTheSameLitestreamConfigReadOnly() {
		Map<String, Map<String, Object>> services = services();

		for (String name : List.of("litewatch", "litestream")) {
			Mount config = mount(services.get(name), "/etc/litestream.yml");
			assertThat(config.readOnly()).as("%s mounts the config read-only", name).isTrue();
			assertThat(PROJECT.resolve(config.source())).as("%s's config file", name).isRegularFile();
		}
		assertThat(mount(services.get("litewatch"), "/etc/litestream.yml").source())
			.isEqualTo(mount(services.get("litestream"), "/etc/litestream.yml").source());
	}

	@Test
	void litewatchHasAHealthcheckOnTheActuator() {
		Map<String, Object> litewatch = services().get("litewatch");

		assertThat(litewatch).containsKey("healthcheck");
		Map<String, Object> healthcheck = map(litewatch.get("healthcheck"));
		assertThat(healthcheck.get("disable")).isNotEqualTo(true);
		assertThat(String.valueOf(healthcheck.get("test"))).contains("/actuator/health/liveness").contains("8080");
		assertThat(mounts(litewatch)).anyMatch((m) -> m.target().equals("/data"));
		// Published on this machine only: the dashboard is reached through a tunnel or a
		// proxy.
		assertThat(ports(litewatch)).containsExactly("127.0.0.1:8080:8080");
	}

	@Test
	void noLiteralSecrets() {
		services().forEach((name, service) -> environment(service).forEach((key, value) -> {
			if (SECRET_NAME.matcher(key).matches()) {
				assertThat(String.valueOf(value)).as("%s: %s must come from the environment", name, key)
					.matches(REFERENCE);
			}
			assertThat(String.valueOf(value)).as("%s: %s", name, key).doesNotContainPattern("(AKIA|ASIA)[0-9A-Z]{16}");
		}));
	}

	@Test
	void litewatchAndLitestreamGetTheSameS3Credentials() {
		Map<String, Map<String, Object>> services = services();

		Map<String, Object> litewatch = environment(services.get("litewatch"));
		Map<String, Object> litestream = environment(services.get("litestream"));
		for (String key : List.of("LITESTREAM_ACCESS_KEY_ID", "LITESTREAM_SECRET_ACCESS_KEY")) {
			assertThat(litewatch).containsKey(key);
			assertThat(litewatch.get(key)).isEqualTo(litestream.get(key));
		}
	}

	@Test
	void litestreamConfigReplicatesTheFourRailsDatabasesToTheComposeS3Server() throws IOException {
		Path file = PROJECT.resolve("deploy/litestream.yml");
		assertThat(file).isRegularFile();
		String text = Files.readString(file, StandardCharsets.UTF_8);
		Map<String, Object> config = map(yaml().load(text));
		assertThat(config.get("access-key-id")).isEqualTo("${LITESTREAM_ACCESS_KEY_ID}");
		assertThat(config.get("secret-access-key")).isEqualTo("${LITESTREAM_SECRET_ACCESS_KEY}");

		Map<String, Map<String, Object>> replicas = new LinkedHashMap<>();
		for (Object db : (List<?>) config.get("dbs")) {
			List<?> list = (List<?>) map(db).get("replicas");
			assertThat(list).as("replicas of %s", map(db).get("path")).hasSize(1);
			replicas.put(String.valueOf(map(db).get("path")), map(list.get(0)));
		}
		assertThat(replicas).containsOnlyKeys(STORAGE + "/production.sqlite3", STORAGE + "/production_cache.sqlite3",
				STORAGE + "/production_queue.sqlite3", STORAGE + "/production_cable.sqlite3");
		assertIntervals(replicas.get(STORAGE + "/production.sqlite3"), "1s", "1h", "720h");
		assertIntervals(replicas.get(STORAGE + "/production_queue.sqlite3"), "1s", "6h", "72h");
		assertIntervals(replicas.get(STORAGE + "/production_cache.sqlite3"), "10s", null, "24h");
		assertIntervals(replicas.get(STORAGE + "/production_cable.sqlite3"), "10s", null, "24h");

		List<String> s3Hosts = s3Services(services()).stream().map((name) -> "http://" + name).toList();
		String initCommand = String.valueOf(services().get("s3-init"));
		replicas.forEach((path, replica) -> {
			assertThat(replica.get("type")).isEqualTo("s3");
			assertThat(replica.get("force-path-style")).isEqualTo(true);
			assertThat(String.valueOf(replica.get("endpoint"))).as("endpoint of %s", path).startsWith(s3Hosts.get(0));
			assertThat(replica).doesNotContainKeys("access-key-id", "secret-access-key");
			assertThat(initCommand).as("the bucket is created").contains("--bucket " + replica.get("bucket"));
		});
	}

	@Test
	void writerWritesEveryConfiguredDatabaseInWalMode() throws IOException {
		Path script = PROJECT.resolve("deploy/writer/writer.sh");
		assertThat(script).isRegularFile();
		assertThat(PROJECT.resolve("deploy/writer/Dockerfile")).isRegularFile();
		String text = Files.readString(script, StandardCharsets.UTF_8);
		assertThat(text).contains("journal_mode=WAL");
		for (String db : List.of("production", "production_cache", "production_queue", "production_cable")) {
			assertThat(text).contains(db);
		}
		assertThat(text).contains(STORAGE);
	}

	private static void assertIntervals(Map<String, Object> replica, String sync, String snapshot, String retention) {
		assertThat(replica.get("sync-interval")).isEqualTo(sync);
		assertThat(replica.get("snapshot-interval")).isEqualTo(snapshot);
		assertThat(replica.get("retention")).isEqualTo(retention);
	}

	// ---- reading compose
	// ---------------------------------------------------------------------------

	record Mount(String source, String target, boolean readOnly) {
	}

	private static Yaml yaml() {
		return new Yaml(new SafeConstructor(new LoaderOptions()));
	}

	private static Map<String, Object> compose() {
		Path file = PROJECT.resolve("docker-compose.yml");
		assertThat(file).as("docker-compose.yml at the project root").isRegularFile();
		try {
			return map(yaml().load(Files.readString(file, StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Map<String, Object>> services() {
		Map<String, Map<String, Object>> services = new LinkedHashMap<>();
		map(compose().get("services")).forEach((name, service) -> services.put(name, map(service)));
		return services;
	}

	private static Map<String, Object> namedVolumes() {
		Object volumes = compose().get("volumes");
		return volumes == null ? Map.of() : map(volumes);
	}

	private static List<String> s3Services(Map<String, Map<String, Object>> services) {
		return services.entrySet()
			.stream()
			.filter((e) -> String.valueOf(e.getValue().get("image")).matches("(?i).*(s3proxy|minio/minio).*"))
			.map(Map.Entry::getKey)
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	/** environment: as a map or as a list of {@code KEY=VALUE}. */
	private static Map<String, Object> environment(Map<String, Object> service) {
		Object env = service.get("environment");
		Map<String, Object> result = new LinkedHashMap<>();
		if (env instanceof Map<?, ?> m) {
			m.forEach((k, v) -> result.put(String.valueOf(k), v == null ? "" : v));
		}
		else if (env instanceof List<?> list) {
			for (Object item : list) {
				String[] kv = String.valueOf(item).split("=", 2);
				result.put(kv[0], kv.length > 1 ? kv[1] : "");
			}
		}
		return result;
	}

	/** volumes: short syntax {@code source:target[:mode]} or long syntax maps. */
	private static List<Mount> mounts(Map<String, Object> service) {
		List<Mount> mounts = new ArrayList<>();
		Object volumes = service.get("volumes");
		if (!(volumes instanceof List<?> list)) {
			return mounts;
		}
		for (Object volume : list) {
			if (volume instanceof Map<?, ?> m) {
				mounts.add(new Mount(String.valueOf(m.get("source")), String.valueOf(m.get("target")),
						Boolean.TRUE.equals(m.get("read_only"))));
			}
			else {
				String[] parts = String.valueOf(volume).split(":");
				if (parts.length == 1) {
					mounts.add(new Mount("", parts[0], false));
				}
				else {
					boolean readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
					mounts.add(new Mount(parts[0], parts[1], readOnly));
				}
			}
		}
		return mounts;
	}

	private static Mount mount(Map<String, Object> service, String target) {
		List<Mount> matching = mounts(service).stream().filter((m) -> Objects.equals(m.target(), target)).toList();
		assertThat(matching).as("a mount at %s", target).hasSize(1);
		return matching.get(0);
	}

	private static List<String> ports(Map<String, Object> service) {
		Object ports = service.get("ports");
		return ports instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
	}

}
