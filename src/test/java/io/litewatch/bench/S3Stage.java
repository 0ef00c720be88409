package io.litewatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.litewatch.testsupport.S3ProxyServer;

/**
 * The S3 side of one run: the replicas served by s3proxy (written into its filesystem
 * backend, and kept growing one segment a second) or by the synthesized service, with the
 * counting proxy in front. Everything the run talks to S3 through goes through the proxy.
 */
final class S3Stage implements AutoCloseable {

	static final String BUCKET = "bench";

	private static final String IDENTITY = "bench-key";

	private static final String SECRET = "bench-secret-0123456789";

	enum Backend {

		S3PROXY("s3proxy (filesystem backend)"), SYNTHESIZED("synthesized LIST service");

		final String label;

		Backend(String label) {
			this.label = label;
		}

	}

	private final Backend backend;

	private final Path dir;

	private final boolean keepData;

	private final List<AutoCloseable> opened = new ArrayList<>();

	private CountingProxy proxy;

	private Duration synthesis = Duration.ZERO;

	private final PidFiles pids;

	private S3Stage(Backend backend, Path dir, boolean keepData, PidFiles pids) {
		this.backend = backend;
		this.dir = dir;
		this.keepData = keepData;
		this.pids = pids;
	}

	/**
	 * What a stage serves: its key families for the synthesized service, or files written
	 * into s3proxy's bucket directory.
	 */
	interface Content {

		List<KeyFamily> families();

		/**
		 * Writes the initial objects into {@code bucketDir}; returns what writes those
		 * grown by a given instant.
		 */
		Consumer<Instant> write(Path bucketDir) throws Exception;

	}

	/** Litestream 0.3 replicas (generations, snapshots, WAL segments). */
	static S3Stage start(Backend backend, List<SyntheticReplica> replicas, Path dir, boolean keepData, PidFiles pids)
			throws Exception {
		return start(backend, new Content() {

			@Override
			public List<KeyFamily> families() {
				return replicas.stream().flatMap((r) -> KeyFamily.of(r).stream()).toList();
			}

			@Override
			public Consumer<Instant> write(Path bucketDir) throws Exception {
				List<ReplicaFiles> files = new ArrayList<>();
				for (SyntheticReplica replica : replicas) {
					ReplicaFiles writer = new ReplicaFiles(replica, bucketDir);
					writer.writeInitial();
					files.add(writer);
				}
				return (now) -> files.forEach((f) -> f.appendUpTo(now));
			}

		}, dir, keepData, pids);
	}

	/** A Litestream 0.5 replica (LTX files in level folders). */
	static S3Stage start(Backend backend, SyntheticLtxReplica replica, Path dir, boolean keepData, PidFiles pids)
			throws Exception {
		return start(backend, new Content() {

			@Override
			public List<KeyFamily> families() {
				return replica.families();
			}

			@Override
			public Consumer<Instant> write(Path bucketDir) throws Exception {
				LtxFiles files = new LtxFiles(replica.families(), bucketDir);
				files.writeInitial(replica.anchor());
				return files::appendUpTo;
			}

		}, dir, keepData, pids);
	}

	static S3Stage start(Backend backend, Content content, Path dir, boolean keepData, PidFiles pids) throws Exception {
		S3Stage stage = new S3Stage(backend, dir, keepData, pids);
		try {
			stage.open(content);
			return stage;
		}
		catch (Exception ex) {
			stage.close();
			throw ex;
		}
	}

	private void open(Content content) throws Exception {
		int upstreamPort;
		long started = System.nanoTime();
		if (backend == Backend.S3PROXY) {
			// 2 GiB: a heap-starved s3proxy is slow enough on 100,000-object folders that
			// clients time out and retry, which would inflate the counts.
			S3ProxyServer s3proxy = new S3ProxyServer(dir.resolve("s3proxy"), IDENTITY, SECRET).jvmOptions("-Xmx2g");
			s3proxy.start();
			pids.note("s3proxy", s3proxy.pid());
			opened.add(() -> {
				s3proxy.close();
				pids.forget("s3proxy");
			});
			s3proxy.createBucket(BUCKET);
			Consumer<Instant> grow = content.write(s3proxy.blobDir().resolve(BUCKET));
			ScheduledExecutorService appender = Executors.newSingleThreadScheduledExecutor();
			appender.scheduleWithFixedDelay(() -> grow.accept(Instant.now()), 0, 250, TimeUnit.MILLISECONDS);
			opened.add(() -> {
				appender.shutdownNow();
				appender.awaitTermination(10, TimeUnit.SECONDS);
			});
			upstreamPort = s3proxy.port();
		}
		else {
			SyntheticS3Service service = new SyntheticS3Service(Clock.systemUTC())
				.bucketOfFamilies(BUCKET, content.families())
				.start();
			opened.add(service);
			upstreamPort = service.port();
		}
		synthesis = Duration.ofNanos(System.nanoTime() - started);
		proxy = new CountingProxy(upstreamPort, dir.resolve("proxy-requests.log")).start();
		opened.add(proxy);
	}

	Backend backend() {
		return backend;
	}

	CountingProxy proxy() {
		return proxy;
	}

	/** Starting the backend and writing the objects (s3proxy) or setting them up. */
	Duration synthesis() {
		return synthesis;
	}

	LitestreamYaml.Endpoint endpoint() {
		return new LitestreamYaml.Endpoint(proxy.endpoint(), BUCKET, IDENTITY, SECRET);
	}

	@Override
	public void close() throws Exception {
		for (int i = opened.size() - 1; i >= 0; i--) {
			opened.get(i).close();
		}
		opened.clear();
		Path blobs = dir.resolve("s3proxy").resolve("blobs");
		if (!keepData && Files.isDirectory(blobs)) {
			// A hundred thousand files per run: not worth keeping between runs.
			try (Stream<Path> files = Files.walk(blobs)) {
				files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
			}
		}
	}

}
