package io.litewatch.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Litestream accessory as seen through the Docker Engine API. Thread-safe; one
 * instance per app.
 *
 * <p>
 * The API version is never pinned: the first call asks the engine ({@code GET /version},
 * unversioned) and uses min(engine's version, the newest docker-java knows). Pinning
 * breaks either old engines (Debian's 20.10 speaks at most 1.41) or new ones (Docker 29
 * refuses &lt; 1.44).
 *
 * <p>
 * Commands run without a shell ({@code docker exec <c> litestream ...}) because the
 * Litestream image may be FROM scratch.
 */
public class DockerAccessory implements LitestreamAccessory {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String PATH_STAT_HEADER = "X-Docker-Container-Path-Stat";

	private final URI dockerHost;

	private final String container;

	private final Duration apiTimeout;

	private final DockerExec execs;

	/**
	 * Short calls: version, inspect, stat, exec create/inspect. Its read timeout is
	 * apiTimeout.
	 */
	private final DockerHttpClient apiHttp;

	/**
	 * Exec output streams: no read timeout, because Litestream prints its table only when
	 * it is done and a listing can legitimately be silent for minutes; each exec has its
	 * own deadline.
	 */
	private final DockerHttpClient streamHttp;

	private final Object negotiationLock = new Object();

	private volatile Session session;

	/**
	 * The clients built for one negotiated version; dropped after a connection failure.
	 */
	private record Session(EngineInfo engine, DockerClient api, DockerClient stream) {
	}

	/**
	 * @param dockerHost e.g. {@code unix:///var/run/docker.sock} or
	 * {@code tcp://host:2375}
	 * @param container name or ID of the Litestream container
	 * @param apiTimeout connect and read timeout of the short API calls
	 */
	public DockerAccessory(String dockerHost, String container, Duration apiTimeout) {
		this(dockerHost, container, apiTimeout, ExecResult.DEFAULT_OUTPUT_LIMIT_BYTES);
	}

	/**
	 * @param outputLimitBytes how much of each exec output stream is kept; the rest is
	 * dropped and the result says so
	 */
	public DockerAccessory(String dockerHost, String container, Duration apiTimeout, int outputLimitBytes) {
		this.dockerHost = URI.create(dockerHost);
		this.container = container;
		this.apiTimeout = apiTimeout;
		this.execs = new DockerExec(container, outputLimitBytes, new DockerExec.Engine() {
			@Override
			public <T> T call(Supplier<T> action) {
				return DockerAccessory.this.call(action);
			}

			@Override
			public DockerAccessException connectionFailure(Exception ex) {
				return DockerAccessory.this.connectionFailure(ex);
			}

			@Override
			public String containerStatus() {
				return statusForMessage();
			}
		});
		this.apiHttp = new ApacheDockerHttpClient.Builder().dockerHost(this.dockerHost)
			.connectionTimeout(apiTimeout)
			.responseTimeout(apiTimeout)
			.maxConnections(16)
			.build();
		this.streamHttp = new ApacheDockerHttpClient.Builder().dockerHost(this.dockerHost)
			.connectionTimeout(apiTimeout)
			.maxConnections(16)
			.build();
	}

	/**
	 * Negotiated lazily on first use and cached; negotiated again after a connection
	 * failure.
	 */
	public EngineInfo engine() {
		return session().engine();
	}

	/**
	 * Inspects the container; a missing one is reported as {@code exists=false}, status
	 * "missing".
	 */
	public ContainerState containerState() {
		Session s = session();
		InspectContainerResponse inspect;
		try {
			inspect = call(() -> s.api().inspectContainerCmd(container).exec());
		}
		catch (NotFoundException ex) {
			return ContainerState.missing(container);
		}
		InspectContainerResponse.ContainerState state = inspect.getState();
		boolean running = Boolean.TRUE.equals(state.getRunning());
		Instant finishedAt = DockerProtocol.dockerTime(state.getFinishedAt());
		Long exit = state.getExitCodeLong();
		boolean restarting = Boolean.TRUE.equals(state.getRestarting());
		// While restarting Docker reports the container as running, but the exit code is
		// still that of the crash that caused the restart.
		Integer exitCode = (running && !restarting) || finishedAt == null || exit == null ? null : exit.intValue();
		return new ContainerState(container, true, state.getStatus(), running, restarting,
				inspect.getRestartCount() == null ? 0 : inspect.getRestartCount(),
				DockerProtocol.dockerTime(state.getStartedAt()), finishedAt, exitCode,
				inspect.getConfig() == null ? inspect.getImageId() : inspect.getConfig().getImage(),
				ContainerInspect.setup(inspect));
	}

	/**
	 * Runs {@code command} in the container, never through a shell, and collects stdout
	 * and stderr separately, each up to the output limit (the rest is dropped and
	 * flagged). At the deadline the output stream is closed and {@code timedOut=true} is
	 * returned; Docker has no API to kill an exec, so the process may keep running in the
	 * container, and until Docker reports it ended the same command is not started again.
	 * @throws ExecStillRunningException when an earlier exec of the same command is still
	 * running
	 * @throws DockerAccessException when the container is missing or not running, or the
	 * engine fails
	 */
	public ExecResult exec(List<String> command, Duration timeout) {
		Session s = session();
		return execs.run(s.api(), s.stream(), command, timeout);
	}

	/** How many earlier execs are tracked as possibly still running (for tests). */
	int trackedExecs() {
		return execs.tracked();
	}

	/**
	 * Size and mtime of a file in the container from the path-stat header of {@code HEAD
	 * /containers/{id}/archive}: one round trip, no file content transferred. Works on
	 * stopped containers too.
	 */
	public FileStat stat(String pathInContainer) {
		Session s = session();
		String path = "/v" + s.engine().negotiatedApiVersion() + "/containers/" + DockerProtocol.urlEncode(container)
				+ "/archive?path=" + DockerProtocol.urlEncode(pathInContainer);
		DockerHttpClient.Request request = DockerHttpClient.Request.builder()
			.method("HEAD") // the Method enum has no HEAD; the transport takes any verb
			.path(path)
			.build();
		int status;
		String header;
		try (DockerHttpClient.Response response = apiHttp.execute(request)) {
			status = response.getStatusCode();
			header = response.getHeader(PATH_STAT_HEADER);
		}
		catch (RuntimeException ex) {
			throw connectionFailure(ex);
		}
		if (status == 404) {
			// A HEAD 404 has no body, so "no such file" and "no such container" look
			// alike.
			if (!containerState().exists()) {
				throw new DockerAccessException("container " + container + " does not exist");
			}
			return FileStat.missing(pathInContainer);
		}
		if (status != 200 || header == null) {
			throw new DockerAccessException(
					"Docker answered HTTP " + status + " to stat " + pathInContainer + " in container " + container);
		}
		return DockerProtocol.parsePathStat(pathInContainer, header);
	}

	@Override
	public void close() {
		execs.forgetAll();
		// The DockerClients only wrap these two transports, so closing the transports is
		// enough.
		closeQuietly(apiHttp);
		closeQuietly(streamHttp);
	}

	private Session session() {
		Session s = session;
		if (s != null) {
			return s;
		}
		synchronized (negotiationLock) {
			if (session == null) {
				session = negotiate();
			}
			return session;
		}
	}

	private Session negotiate() {
		JsonNode version = rawGet("/version");
		String engineApi = version.path("ApiVersion").asText("");
		String minApi = version.path("MinAPIVersion").asText("");
		RemoteApiVersion chosen = DockerProtocol.chooseApiVersion(engineApi, minApi, hostForMessage());
		EngineInfo info = new EngineInfo(version.path("Version").asText(""), engineApi, minApi, chosen.getVersion());
		DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
			.withDockerHost(dockerHost.toString())
			.withDockerTlsVerify(false)
			.withApiVersion(chosen)
			.build();
		return new Session(info, DockerClientImpl.getInstance(config, apiHttp),
				DockerClientImpl.getInstance(config, streamHttp));
	}

	private JsonNode rawGet(String path) {
		DockerHttpClient.Request request = DockerHttpClient.Request.builder()
			.method(DockerHttpClient.Request.Method.GET)
			.path(path)
			.build();
		try (DockerHttpClient.Response response = apiHttp.execute(request); InputStream body = response.getBody()) {
			if (response.getStatusCode() != 200) {
				throw new DockerAccessException("Docker engine at " + hostForMessage() + " answered HTTP "
						+ response.getStatusCode() + " to GET " + path);
			}
			return JSON.readTree(body);
		}
		catch (DockerAccessException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw connectionFailure(ex);
		}
	}

	/**
	 * Runs one docker-java call. API errors (4xx/5xx) pass through as DockerException
	 * subclasses for the caller to interpret; anything else is a transport failure, which
	 * drops the negotiated session so the next call asks the engine again (it may have
	 * been upgraded).
	 */
	private <T> T call(Supplier<T> action) {
		try {
			return action.get();
		}
		catch (NotFoundException | ConflictException ex) {
			throw ex;
		}
		catch (DockerException ex) {
			throw new DockerAccessException("Docker API error for container " + container + ": HTTP "
					+ ex.getHttpStatus() + " " + DockerProtocol.firstLine(ex.getMessage()), ex);
		}
		catch (RuntimeException ex) {
			throw connectionFailure(ex);
		}
	}

	private DockerAccessException connectionFailure(Exception ex) {
		session = null;
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String reason = root.getMessage() == null ? root.getClass().getSimpleName()
				: DockerProtocol.firstLine(root.getMessage());
		return new DockerAccessException("cannot reach the Docker engine at " + hostForMessage() + ": " + reason, ex);
	}

	private String statusForMessage() {
		try {
			return containerState().status();
		}
		catch (DockerAccessException ex) {
			return "state unknown";
		}
	}

	/** The host without user info, so a credential in a URI never reaches a message. */
	private String hostForMessage() {
		URI u = dockerHost;
		if (u.getUserInfo() == null) {
			return u.toString();
		}
		return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
	}

	private static void closeQuietly(AutoCloseable c) {
		try {
			c.close();
		}
		catch (Exception ignored) {
			// closing is best effort; nothing useful to do with a failure here
		}
	}

}
