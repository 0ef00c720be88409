package io.litewatch.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

	/**
	 * The newest API version docker-java 3.7.1 has a constant for; newer engines still
	 * accept it.
	 */
	static final RemoteApiVersion NEWEST_KNOWN = RemoteApiVersion.VERSION_1_44;

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String PATH_STAT_HEADER = "X-Docker-Container-Path-Stat";

	/**
	 * How long to wait for Docker to mark a finished exec as not running before reading
	 * its exit code.
	 */
	private static final Duration EXIT_CODE_GRACE = Duration.ofSeconds(2);

	private final URI dockerHost;

	private final String container;

	private final Duration apiTimeout;

	private final int outputLimitBytes;

	/**
	 * Execs by command (exec IDs), so an exec abandoned at its timeout is not started
	 * again while it still runs.
	 */
	private final ExecFlights<String> flights;

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
		if (outputLimitBytes < 0) {
			throw new IllegalArgumentException("output limit must not be negative: " + outputLimitBytes);
		}
		this.dockerHost = URI.create(dockerHost);
		this.container = container;
		this.apiTimeout = apiTimeout;
		this.outputLimitBytes = outputLimitBytes;
		this.flights = new ExecFlights<>("in container " + container, System::nanoTime);
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
		Instant finishedAt = dockerTime(state.getFinishedAt());
		Long exit = state.getExitCodeLong();
		Integer exitCode = running || finishedAt == null || exit == null ? null : exit.intValue();
		return new ContainerState(container, true, state.getStatus(), running,
				Boolean.TRUE.equals(state.getRestarting()),
				inspect.getRestartCount() == null ? 0 : inspect.getRestartCount(), dockerTime(state.getStartedAt()),
				finishedAt, exitCode,
				inspect.getConfig() == null ? inspect.getImageId() : inspect.getConfig().getImage());
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
		List<String> cmd = List.copyOf(command);
		Session s = session();
		ExecFlights.Flight<String> reservation = flights.reserve(cmd, (execId) -> execRunning(s, execId));
		long started = System.nanoTime();
		String execId;
		try {
			execId = createExec(s, cmd);
		}
		catch (RuntimeException ex) {
			flights.release(cmd, reservation);
			throw ex;
		}
		// From here the exec may be running; the flight is released only once it is known
		// to have ended, otherwise the next call of this command asks Docker first.
		ExecFlights.Flight<String> flight = flights.started(cmd, reservation, execId);
		FrameCollector output = new FrameCollector(outputLimitBytes);
		boolean completed;
		try {
			s.stream().execStartCmd(execId).withDetach(false).withTty(false).exec(output);
			completed = output.awaitCompletion(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			output.closeQuietly();
			throw new DockerAccessException("interrupted while running " + cmd + " in container " + container, ex);
		}
		catch (DockerException ex) {
			output.closeQuietly();
			throw new DockerAccessException(
					"Docker refused to run " + cmd + " in container " + container + ": " + firstLine(ex.getMessage()),
					ex);
		}
		catch (RuntimeException ex) {
			output.closeQuietly();
			throw connectionFailure(ex);
		}
		if (!completed) {
			// Closing the callback closes the attach connection; the exec is abandoned,
			// not killed, and stays tracked.
			output.closeQuietly();
			return result(cmd, -1, output, started, true);
		}
		int exitCode = exitCode(s, execId);
		flights.release(cmd, flight);
		return result(cmd, exitCode, output, started, false);
	}

	private String createExec(Session s, List<String> cmd) {
		try {
			return call(() -> s.api()
				.execCreateCmd(container)
				.withCmd(cmd.toArray(String[]::new))
				.withAttachStdout(true)
				.withAttachStderr(true)
				.withAttachStdin(false)
				.withTty(false) // no TTY: Docker then multiplexes stdout and stderr into
								// separate frames
				.exec()
				.getId());
		}
		catch (NotFoundException ex) {
			throw new DockerAccessException("container " + container + " does not exist", ex);
		}
		catch (ConflictException ex) {
			throw new DockerAccessException("container " + container + " is not running (" + statusForMessage() + ")",
					ex);
		}
	}

	private ExecResult result(List<String> cmd, int exitCode, FrameCollector output, long started, boolean timedOut) {
		return new ExecResult(cmd, exitCode, output.stdout().text(), output.stderr().text(),
				Duration.ofNanos(System.nanoTime() - started), timedOut, output.stdout().truncated(),
				output.stderr().truncated(), outputLimitBytes);
	}

	/**
	 * Whether an earlier exec still runs. An exec Docker no longer knows (the container
	 * was recreated) has ended.
	 */
	private boolean execRunning(Session s, String execId) {
		try {
			return Boolean.TRUE.equals(call(() -> s.api().inspectExecCmd(execId).exec()).isRunning());
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	/** How many earlier execs are tracked as possibly still running (for tests). */
	int trackedExecs() {
		return flights.size();
	}

	/**
	 * Size and mtime of a file in the container from the path-stat header of {@code HEAD
	 * /containers/{id}/archive}: one round trip, no file content transferred. Works on
	 * stopped containers too.
	 */
	public FileStat stat(String pathInContainer) {
		Session s = session();
		String path = "/v" + s.engine().negotiatedApiVersion() + "/containers/" + urlEncode(container)
				+ "/archive?path=" + urlEncode(pathInContainer);
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
		return parsePathStat(pathInContainer, header);
	}

	/**
	 * Decodes the base64 JSON path-stat header:
	 * {"name","size","mode","mtime","linkTarget"}.
	 */
	static FileStat parsePathStat(String path, String header) {
		try {
			JsonNode stat = JSON.readTree(Base64.getDecoder().decode(header.strip()));
			return new FileStat(path, true, stat.path("size").asLong(), dockerTime(stat.path("mtime").asText(null)));
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new DockerAccessException("Docker sent an unreadable path-stat header for " + path, ex);
		}
	}

	@Override
	public void close() {
		flights.clear();
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
		RemoteApiVersion chosen = chooseApiVersion(engineApi, minApi, hostForMessage());
		EngineInfo info = new EngineInfo(version.path("Version").asText(""), engineApi, minApi, chosen.getVersion());
		DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
			.withDockerHost(dockerHost.toString())
			.withDockerTlsVerify(false)
			.withApiVersion(chosen)
			.build();
		return new Session(info, DockerClientImpl.getInstance(config, apiHttp),
				DockerClientImpl.getInstance(config, streamHttp));
	}

	/**
	 * min(engine's API version, {@link #NEWEST_KNOWN}); refuses when the engine's minimum
	 * is above that, since every request would then be rejected with a less helpful
	 * message.
	 */
	static RemoteApiVersion chooseApiVersion(String engineApi, String minApi, String hostForMessage) {
		if (engineApi == null || !engineApi.matches("\\d+\\.\\d+")) {
			throw new DockerAccessException(
					"Docker engine at " + hostForMessage + " did not report a usable API version: '" + engineApi + "'");
		}
		RemoteApiVersion engine = RemoteApiVersion.parseConfig(engineApi);
		RemoteApiVersion chosen = NEWEST_KNOWN.isGreaterOrEqual(engine) ? engine : NEWEST_KNOWN;
		if (minApi != null && minApi.matches("\\d+\\.\\d+") && RemoteApiVersion.parseConfig(minApi).isGreater(chosen)) {
			throw new DockerAccessException("Docker engine at " + hostForMessage + " requires API " + minApi
					+ " or newer, but this client speaks at most " + NEWEST_KNOWN.getVersion());
		}
		return chosen;
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
					+ ex.getHttpStatus() + " " + firstLine(ex.getMessage()), ex);
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
		String reason = root.getMessage() == null ? root.getClass().getSimpleName() : firstLine(root.getMessage());
		return new DockerAccessException("cannot reach the Docker engine at " + hostForMessage() + ": " + reason, ex);
	}

	private int exitCode(Session s, String execId) {
		long deadline = System.nanoTime() + EXIT_CODE_GRACE.toNanos();
		while (true) {
			InspectExecResponse inspect = call(() -> s.api().inspectExecCmd(execId).exec());
			// The stream can end a moment before Docker records the exit code.
			if (!Boolean.TRUE.equals(inspect.isRunning()) && inspect.getExitCodeLong() != null) {
				return inspect.getExitCodeLong().intValue();
			}
			if (System.nanoTime() > deadline) {
				throw new DockerAccessException(
						"exec in container " + container + " ended but Docker reported no exit code");
			}
			sleep(Duration.ofMillis(20));
		}
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

	/** Docker times are RFC 3339 with nanoseconds; the zero time means "never". */
	static Instant dockerTime(String text) {
		if (text == null || text.isEmpty() || text.startsWith("0001-01-01")) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String urlEncode(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String firstLine(String s) {
		if (s == null) {
			return "";
		}
		String line = s.strip().lines().findFirst().orElse("");
		return line.length() > 300 ? line.substring(0, 300) + "…" : line;
	}

	private static void sleep(Duration d) {
		try {
			Thread.sleep(d.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DockerAccessException("interrupted while waiting for Docker", ex);
		}
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
