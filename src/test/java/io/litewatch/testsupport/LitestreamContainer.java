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
 * A real Litestream v0.3.13 container (the FROM-scratch image that scripts/test-env.sh
 * builds), on the host network so it reaches s3proxy on loopback. Tests stop and start it
 * like an outage. Fails loudly when Docker is not there: these tests never skip.
 */
public final class LitestreamContainer implements AutoCloseable {

	public static final String IMAGE = "litewatch-test/litestream:0.3.13";

	private final DockerClient docker;

	private final String name;

	private final String id;

	public LitestreamContainer(Path dataDir, Path config, Map<String, String> env) {
		this(dataDir, config, env, null);
	}

	/**
	 * @param user the uid:gid to run Litestream as, so files it writes stay the caller's;
	 * null for the image's
	 */
	public LitestreamContainer(Path dataDir, Path config, Map<String, String> env, String user) {
		this.docker = client();
		this.name = "lw-it-litestream-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> envList = new ArrayList<>();
		env.forEach((k, v) -> envList.add(k + "=" + v));
		com.github.dockerjava.api.command.CreateContainerCmd create = docker.createContainerCmd(IMAGE);
		if (user != null) {
			create.withUser(user);
		}
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
