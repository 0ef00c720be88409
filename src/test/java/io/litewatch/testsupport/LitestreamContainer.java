package io.litewatch.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/**
 * A real Litestream container (v0.3.13 unless told otherwise; the FROM-scratch images
 * that scripts/test-env.sh builds), on the host network so it reaches s3proxy on
 * loopback. Tests stop and start it like an outage. Fails loudly when Docker or the image
 * is not there: these tests never skip.
 * <p>
 * The container gets exactly the environment given, nothing of the test JVM's: with
 * {@code AWS_CA_BUNDLE} set (as on the test machines) Litestream 0.5.17's S3 client
 * cannot start and {@code replicate} exits at once.
 */
public final class LitestreamContainer implements AutoCloseable {

	public static final String IMAGE = "litewatch-test/litestream:0.3.13";

	/**
	 * The Litestream releases the tests run, each with its image. Both images have the
	 * binary as entrypoint and read {@code /etc/litestream.yml} by default.
	 */
	public enum Version {

		V0_3_13(IMAGE, "v0.3.13"), V0_5_17("litewatch-test/litestream:0.5.17", "0.5.17");

		private final String image;

		private final String printed;

		Version(String image, String printed) {
			this.image = image;
			this.printed = printed;
		}

		public String image() {
			return image;
		}

		/** What {@code litestream version} prints: 0.5 dropped the leading v. */
		public String printed() {
			return printed;
		}

	}

	private final DockerClient docker;

	private final String name;

	private final String id;

	private final Version version;

	public LitestreamContainer(Path dataDir, Path config, Map<String, String> env) {
		this(dataDir, config, env, null);
	}

	/**
	 * @param user the uid:gid to run Litestream as, so files it writes stay the caller's;
	 * null for the image's
	 */
	public LitestreamContainer(Path dataDir, Path config, Map<String, String> env, String user) {
		this(Version.V0_3_13, dataDir, config, env, user);
	}

	/**
	 * @param user the uid:gid to run Litestream as, or null for the image's
	 */
	public LitestreamContainer(Version version, Path dataDir, Path config, Map<String, String> env, String user) {
		this.version = version;
		this.docker = client();
		this.name = "lw-it-litestream-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> envList = new ArrayList<>();
		env.forEach((k, v) -> envList.add(k + "=" + v));
		com.github.dockerjava.api.command.CreateContainerCmd create = docker.createContainerCmd(version.image());
		if (user != null) {
			create.withUser(user);
		}
		try {
			this.id = create.withName(name)
				.withCmd("replicate")
				.withEnv(envList)
				.withLabels(Map.of("io.litewatch.test", "true"))
				.withHostConfig(HostConfig.newHostConfig()
					.withNetworkMode("host")
					.withBinds(new Bind(dataDir.toString(), new Volume(dataDir.toString())),
							new Bind(config.toString(), new Volume("/etc/litestream.yml"))))
				.exec()
				.getId();
		}
		catch (com.github.dockerjava.api.exception.NotFoundException ex) {
			try {
				docker.close();
			}
			catch (java.io.IOException closing) {
				ex.addSuppressed(closing);
			}
			throw new IllegalStateException("image " + version.image() + " not found: build it with "
					+ "scripts/test-env.sh (litewatch_prepare_stack, or litewatch_build_image / "
					+ "litewatch_build_image05)", ex);
		}
	}

	private static DockerClient client() {
		String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
		DefaultDockerClientConfig clientConfig = DefaultDockerClientConfig.createDefaultConfigBuilder()
			.withDockerHost(host)
			.build();
		return DockerClientImpl.getInstance(clientConfig,
				new ApacheDockerHttpClient.Builder().dockerHost(clientConfig.getDockerHost())
					.connectionTimeout(Duration.ofSeconds(5))
					.responseTimeout(Duration.ofSeconds(60))
					.build());
	}

	/** True when a Docker Engine answers a ping. */
	public static boolean engineReachable() {
		try (DockerClient docker = client()) {
			docker.pingCmd().exec();
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * Builds {@link #IMAGE} from the binary, FROM scratch (nothing is pulled), unless it
	 * exists. scripts/test-env.sh builds the same image with the docker CLI for the
	 * tests.
	 */
	public static void ensureImage(Path binary) throws Exception {
		try (DockerClient docker = client()) {
			if (!docker.listImagesCmd().withImageNameFilter(IMAGE).exec().isEmpty()) {
				return;
			}
			Path context = java.nio.file.Files.createTempDirectory("litewatch-image-");
			java.nio.file.Files.copy(binary, context.resolve("litestream"));
			java.nio.file.Files.writeString(context.resolve("Dockerfile"), """
					FROM scratch
					COPY litestream /usr/local/bin/litestream
					ENTRYPOINT ["/usr/local/bin/litestream"]
					""");
			docker.buildImageCmd(context.toFile())
				.withTags(java.util.Set.of(IMAGE))
				.start()
				.awaitImageId(120, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

	public String name() {
		return name;
	}

	public Version version() {
		return version;
	}

	/**
	 * The environment Docker gives the container (the image's and ours), so a test can
	 * check what Litestream really sees.
	 */
	public List<String> environment() {
		String[] env = docker.inspectContainerCmd(id).exec().getConfig().getEnv();
		return env != null ? List.of(env) : List.of();
	}

	public void start() {
		docker.startContainerCmd(id).exec();
	}

	public void stop() {
		docker.stopContainerCmd(id).withTimeout(10).exec();
	}

	public String logs() {
		StringBuilder out = new StringBuilder();
		try {
			docker.logContainerCmd(id)
				.withStdOut(true)
				.withStdErr(true)
				.exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
					@Override
					public void onNext(com.github.dockerjava.api.model.Frame frame) {
						out.append(new String(frame.getPayload()));
					}
				})
				.awaitCompletion();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return out.toString();
	}

	@Override
	public void close() throws Exception {
		try {
			docker.removeContainerCmd(id).withForce(true).exec();
		}
		finally {
			docker.close();
		}
	}

}
