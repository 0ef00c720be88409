package io.litewatch.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/**
 * A Litestream accessory that crashes at once and is restarted by Docker for ever (a
 * config path that does not exist, restart policy {@code always}): what a crash loop
 * looks like to Litewatch. Uses the same real image as {@link LitestreamContainer}.
 */
public final class CrashingContainer implements AutoCloseable {

	private final DockerClient docker;

	private final String name;

	private final String id;

	/**
	 * @param dataDir mounted where the real accessory has it, so only the crash differs
	 */
	public CrashingContainer(Path dataDir) {
		String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
		DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
			.withDockerHost(host)
			.build();
		this.docker = DockerClientImpl.getInstance(config,
				new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
					.connectionTimeout(Duration.ofSeconds(5))
					.responseTimeout(Duration.ofSeconds(60))
					.build());
		this.name = "lw-it-crashloop-" + UUID.randomUUID().toString().substring(0, 8);
		this.id = docker.createContainerCmd(LitestreamContainer.IMAGE)
			.withName(name)
			.withCmd("replicate", "-config", "/nonexistent/litestream.yml")
			.withLabels(Map.of("io.litewatch.test", "true"))
			.withHostConfig(
					HostConfig.newHostConfig().withNetworkMode("host").withRestartPolicy(RestartPolicy.alwaysRestart()))
			.exec()
			.getId();
	}

	public String name() {
		return name;
	}

	public CrashingContainer start() {
		docker.startContainerCmd(id).exec();
		return this;
	}

	/** How often Docker restarted it so far. */
	public int restartCount() {
		InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
		return inspect.getRestartCount() != null ? inspect.getRestartCount() : 0;
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
