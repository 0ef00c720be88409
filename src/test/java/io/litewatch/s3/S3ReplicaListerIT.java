package io.litewatch.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.litewatch.testsupport.TestClock;
import io.litewatch.s3.S3ListingException.Kind;
import io.litewatch.testsupport.S3ProxyServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The lister against a real s3proxy holding objects in Litestream 0.3's layout. The tests
 * build on each other (first listing, steady state, new segments, retention, failures),
 * like successive polls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3ReplicaListerIT {

	private static final Logger log = LoggerFactory.getLogger(S3ReplicaListerIT.class);

	private static final String IDENTITY = "litewatch-it-key";

	private static final String SECRET = "litewatch-it-secret-9f8e7d";

	private static final String BUCKET = "backups";

	private static final String PATH = "apps/app.db";

	/**
	 * Written first, so older; its id sorts last, so picking by id order would choose it.
	 */
	private static final String OLD = "fedcba9876543210";

	/** Written last: the current generation. */
	private static final String NEW = "0123456789abcdef";

	private static final int INDEXES = 5;

	private static final int SEGMENTS_PER_INDEX = 500;

	private static final Duration FULL_PASS = Duration.ofHours(6);

	/** The replica's snapshot spacing: no snapshot is due during the tests until said. */
	private static final Duration HOURLY = Duration.ofHours(1);

	private static final Duration API_TIMEOUT = Duration.ofSeconds(3);

	private Path dataDir;

	private S3ProxyServer server;

	private S3ClientFactory clients;

	private TestClock clock;

	private S3ReplicaLister lister;

	private S3Location location;

	private S3Client s3;

	private long newWalBytes;

	/**
	 * The WAL from NEW's newest snapshot (index 2) on: what a restore needs, and all that
	 * is listed.
	 */
	private long tailBytes;

	private static final long TAIL = (long) (INDEXES - 2) * SEGMENTS_PER_INDEX;

	private final List<Integer> measured = new ArrayList<>();

	@BeforeAll
	void startS3AndUpload() throws Exception {
		dataDir = Files.createTempDirectory("litewatch-s3-it");
		server = new S3ProxyServer(dataDir, IDENTITY, SECRET).start();
		server.createBucket(BUCKET);
		clients = new S3ClientFactory(API_TIMEOUT);
		clock = new TestClock(Instant.now());
		lister = new S3ReplicaLister(clients, clock, FULL_PASS);
		location = new S3Location(server.endpoint(), null, true, false, IDENTITY, SECRET, BUCKET, PATH);
		s3 = clients.client(location);

		put(snapshotKey(OLD, 0), 100);
		for (int k = 0; k < 3; k++) {
			put(walKey(OLD, 0, k), 10);
		}
		// OLD stopped an hour ago, long before NEW: the state after a restart that began
		// a new generation. (s3proxy's LastModified is the file's mtime.)
		try (Stream<Path> files = Files.walk(server.blobDir()
			.resolve(BUCKET)
			.resolve(ReplicaKeys.snapshotsPrefix(location.prefix(), OLD))
			.getParent())) {
			FileTime hourAgo = FileTime.from(Instant.now().minus(HOURLY));
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Files.setLastModifiedTime(file, hourAgo);
			}
		}
		// Not Litestream's: must be skipped, and must not derail StartAfter.
		put(location.prefix() + "notagen/x", 1);
		put(location.prefix() + "0123456789abcde/x", 1);
		put(location.prefix() + NEW + "/wal/zz-not-litestream.txt", 1);

		// S3 LastModified has one-second resolution: make NEW strictly newer than OLD.
		Thread.sleep(1100);
		put(snapshotKey(NEW, 0), 1000);
		put(snapshotKey(NEW, 2), 2000);
		List<Runnable> uploads = new ArrayList<>();
		for (int index = 0; index < INDEXES; index++) {
			for (int k = 0; k < SEGMENTS_PER_INDEX; k++) {
				int i = index;
				int kk = k;
				int size = 1 + (k % 7);
				newWalBytes += size;
				tailBytes += index >= 2 ? size : 0;
				uploads.add(() -> put(walKey(NEW, i, kk), size));
			}
		}
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> futures = new ArrayList<>();
			uploads.forEach(u -> futures.add(pool.submit(u)));
			for (Future<?> f : futures) {
				f.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	@AfterAll
	void stopS3() throws IOException {
		log.info("requests per listing: first full pass={}, steady state={}, after 3 new WAL segments={}",
				measured.size() > 0 ? measured.get(0) : null, measured.size() > 1 ? measured.get(1) : null,
				measured.size() > 2 ? measured.get(2) : null);
		if (lister != null) {
			lister.close();
		}
		if (clients != null) {
			clients.close();
		}
		if (server != null) {
			server.close();
		}
		if (dataDir != null) {
			try (Stream<Path> files = Files.walk(dataDir)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	@Test
	@Order(1)
	void firstListingFindsTheGenerationsSnapshotsAndTheRestorableTail() {
		ReplicaListing listing = lister.list(location);

		assertThat(listing.fullPass()).isTrue();
		assertThat(listing.listedAt()).isEqualTo(clock.instant());
		assertThat(listing.generations()).extracting(GenerationListing::id).containsExactly(NEW, OLD);

		GenerationListing neu = listing.generation(NEW).orElseThrow();
		assertThat(neu.snapshots()).extracting(SnapshotObject::index).containsExactly(0L, 2L);
		assertThat(neu.snapshots()).extracting(SnapshotObject::size).containsExactly(1000L, 2000L);
		// Only from the newest snapshot's index on: indexes 0 and 1 are never listed.
		assertThat(neu.wal().segmentCount()).isEqualTo(TAIL);
		assertThat(neu.wal().totalBytes()).isEqualTo(tailBytes).isLessThan(newWalBytes);
		assertThat(neu.wal().newest().index()).isEqualTo(INDEXES - 1);
		assertThat(neu.wal().newest().offset()).isEqualTo(offset(SEGMENTS_PER_INDEX - 1));
		assertThat(neu.start()).isNotNull();
		assertThat(neu.end()).isAfterOrEqualTo(neu.start());

		GenerationListing old = listing.generation(OLD).orElseThrow();
		assertThat(old.snapshots()).hasSize(1);
		assertThat(old.wal().segmentCount()).isEqualTo(3);
		assertThat(old.wal().totalBytes()).isEqualTo(30);
		assertThat(old.end()).isBefore(neu.start());

		assertThat(listing.current()).map(GenerationListing::id).contains(NEW);
		// 1 generations page + NEW (1 snapshots + 2 WAL pages of up to 1000, instead of 3
		// for all 2,500) + OLD (1 + 1).
		assertThat(listing.requests()).isEqualTo(1 + (1 + 2) + (1 + 1));
		measured.add(listing.requests());
	}

	@Test
	@Order(2)
	void steadyStateCostsTwoRequests() {
		clock.advance(Duration.ofSeconds(30));
		ReplicaListing listing = lister.list(location, HOURLY);

		assertThat(listing.fullPass()).isFalse();
		// The generation ids and NEW's new WAL; no snapshot is due, and OLD stopped an
		// hour before NEW, so neither is listed again.
		assertThat(listing.requests()).isEqualTo(2);
		assertThat(listing.generation(NEW).orElseThrow().wal().segmentCount()).isEqualTo(TAIL);
		assertThat(listing.generation(NEW).orElseThrow().wal().totalBytes()).isEqualTo(tailBytes);
		assertThat(listing.generation(NEW).orElseThrow().snapshots()).hasSize(2);
		assertThat(listing.generation(OLD).orElseThrow().wal().segmentCount()).isEqualTo(3);
		assertThat(listing.current()).map(GenerationListing::id).contains(NEW);
		measured.add(listing.requests());
	}

	@Test
	@Order(3)
	void newSegmentsAreSeenAtTheSameCost() {
		for (int k = 0; k < 3; k++) {
			put(walKey(NEW, INDEXES, k), 50);
		}
		clock.advance(Duration.ofSeconds(30));
		ReplicaListing listing = lister.list(location, HOURLY);

		assertThat(listing.fullPass()).isFalse();
		assertThat(listing.requests()).isEqualTo(2);
		WalStats wal = listing.generation(NEW).orElseThrow().wal();
		assertThat(wal.segmentCount()).isEqualTo(TAIL + 3);
		assertThat(wal.totalBytes()).isEqualTo(tailBytes + 150);
		assertThat(wal.newest().index()).isEqualTo(INDEXES);
		assertThat(wal.newest().offset()).isEqualTo(offset(2));
		measured.add(listing.requests());
	}

	@Test
	@Order(4)
	void snapshotsAreListedOnceTheNextIsDueSoARewriteShowsThen() throws InterruptedException {
		Thread.sleep(1100);
		put(snapshotKey(NEW, 0), 1500);
		clock.advance(Duration.ofSeconds(30));
		ReplicaListing notDue = lister.list(location, HOURLY);
		assertThat(notDue.requests()).isEqualTo(2);
		assertThat(notDue.generation(NEW).orElseThrow().snapshots()).extracting(SnapshotObject::size)
			.containsExactly(1000L, 2000L);

		// With snapshots due every second, the newest (written over a second ago) is
		// followed by a due one: listed.
		clock.advance(Duration.ofSeconds(30));
		ReplicaListing listing = lister.list(location, Duration.ofSeconds(1));

		assertThat(listing.fullPass()).isFalse();
		assertThat(listing.requests()).isEqualTo(3);
		GenerationListing neu = listing.generation(NEW).orElseThrow();
		assertThat(neu.newestSnapshot()).hasValueSatisfying(s -> {
			assertThat(s.index()).isZero();
			assertThat(s.size()).isEqualTo(1500);
		});
		assertThat(neu.end()).isEqualTo(neu.newestSnapshot().orElseThrow().lastModified());
	}

	@Test
	@Order(5)
	void retentionDeletionsBelowTheTailCostNothingAndShowAtOnce() {
		// Litestream's retention: the old generation goes, and in NEW the snapshot and
		// WAL of index 0.
		List<String> oldKeys = new ArrayList<>(List.of(snapshotKey(OLD, 0)));
		for (int k = 0; k < 3; k++) {
			oldKeys.add(walKey(OLD, 0, k));
		}
		delete(oldKeys);
		List<String> index0 = new ArrayList<>(List.of(snapshotKey(NEW, 0)));
		for (int k = 0; k < SEGMENTS_PER_INDEX; k++) {
			index0.add(walKey(NEW, 0, k));
		}
		delete(index0);

		clock.advance(Duration.ofMinutes(1));
		ReplicaListing incremental = lister.list(location);
		assertThat(incremental.fullPass()).isFalse();
		// A generation gone from the listing is dropped at once ...
		assertThat(incremental.generations()).extracting(GenerationListing::id).containsExactly(NEW);
		assertThat(incremental.requests()).isEqualTo(1 + 2);
		// ... snapshots, when listed (here the spacing is unknown, so always), are listed
		// fully, so the restore window moves at once; the deleted WAL lay below the tail
		// and was never counted.
		assertThat(incremental.generation(NEW).orElseThrow().snapshots()).extracting(SnapshotObject::index)
			.containsExactly(2L);
		assertThat(incremental.generation(NEW).orElseThrow().wal().segmentCount()).isEqualTo(TAIL + 3);

		clock.advance(FULL_PASS);
		ReplicaListing full = lister.list(location);
		assertThat(full.fullPass()).isTrue();
		assertThat(full.generations()).extracting(GenerationListing::id).containsExactly(NEW);
		WalStats wal = full.generation(NEW).orElseThrow().wal();
		assertThat(wal.segmentCount()).isEqualTo(TAIL + 3);
		assertThat(full.requests()).isEqualTo(1 + 1 + 2);

		clock.advance(Duration.ofSeconds(30));
		assertThat(lister.list(location).fullPass()).isFalse();
	}

	@Test
	@Order(6)
	void wrongSecretIsAccessDenied() {
		S3Location wrong = new S3Location(server.endpoint(), null, true, false, IDENTITY, "not-the-secret-4711", BUCKET,
				PATH);
		S3ListingException e = catchThrowableOfType(S3ListingException.class, () -> lister.list(wrong));
		assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
		assertThat(e.getMessage()).contains("SignatureDoesNotMatch")
			.doesNotContain("not-the-secret-4711")
			.doesNotContain(IDENTITY);
	}

	@Test
	@Order(7)
	void unknownAccessKeyIsAccessDenied() {
		S3Location wrong = new S3Location(server.endpoint(), null, true, false, "AKIDNOBODY1234", SECRET, BUCKET, PATH);
		S3ListingException e = catchThrowableOfType(S3ListingException.class, () -> lister.list(wrong));
		assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
		assertThat(e.getMessage()).contains("InvalidAccessKeyId")
			.doesNotContain("AKIDNOBODY1234")
			.doesNotContain(SECRET);
	}

	@Test
	@Order(8)
	void missingBucket() {
		S3Location missing = new S3Location(server.endpoint(), null, true, false, IDENTITY, SECRET, "no-such-bucket",
				PATH);
		S3ListingException e = catchThrowableOfType(S3ListingException.class, () -> lister.list(missing));
		assertThat(e.kind()).isEqualTo(Kind.NO_SUCH_BUCKET);
		assertThat(e.getMessage()).contains("no-such-bucket").doesNotContain(SECRET).doesNotContain(IDENTITY);
	}

	@Test
	@Order(9)
	void stoppedServerIsUnreachableQuicklyAndListingResumesAfterRestart() {
		server.stop();
		long startedNanos = System.nanoTime();
		S3ListingException e = catchThrowableOfType(S3ListingException.class, () -> lister.list(location));
		Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);

		assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
		assertThat(e).hasMessage("cannot reach " + server.endpoint() + ": connection refused");
		assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(IDENTITY);
		assertThat(took).isLessThan(API_TIMEOUT);

		server.start();
		clock.advance(Duration.ofSeconds(30));
		ReplicaListing listing = lister.list(location);
		assertThat(listing.fullPass()).isFalse();
		assertThat(listing.requests()).isEqualTo(1 + 2);
		assertThat(listing.current()).map(GenerationListing::id).contains(NEW);
	}

	@Test
	@Order(10)
	void concurrentListingsNeitherBlockOtherReplicasNorCountSegmentsTwice() throws Exception {
		S3Location other = new S3Location(server.endpoint(), null, true, false, IDENTITY, SECRET, BUCKET, "other");
		String gen = "aaaaaaaaaaaaaaaa";
		for (int k = 0; k < 5; k++) {
			put(ReplicaKeys.walPrefix(other.prefix(), gen) + String.format("00000000_%08x.wal.lz4", offset(k)), 1);
		}
		for (int k = 3; k < 13; k++) {
			put(walKey(NEW, INDEXES, k), 50);
		}
		long expected = TAIL + 13;
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<ReplicaListing>> same = new ArrayList<>();
			List<Future<ReplicaListing>> others = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				same.add(pool.submit(() -> lister.list(location)));
				others.add(pool.submit(() -> lister.list(other)));
			}
			for (Future<ReplicaListing> f : same) {
				assertThat(f.get().generation(NEW).orElseThrow().wal().segmentCount()).isEqualTo(expected);
			}
			for (Future<ReplicaListing> f : others) {
				assertThat(f.get().generation(gen).orElseThrow().wal().segmentCount()).isEqualTo(5);
			}
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	@Order(11)
	void aNewerSnapshotRestartsTheTailAtItsIndex() {
		put(snapshotKey(NEW, INDEXES), 3000);
		clock.advance(Duration.ofSeconds(30));
		ReplicaListing listing = lister.list(location);
		assertThat(listing.fullPass()).isFalse();
		// Index 5 holds the 13 segments written by the earlier tests.
		assertThat(listing.generation(NEW).orElseThrow().wal().segmentCount()).isEqualTo(13);
		assertThat(listing.requests()).isEqualTo(1 + 1 + 1);
	}

	/**
	 * The case: one generation with 30,000 WAL segments (one per index, as a busy
	 * database with a short sync-interval writes them), written straight into s3proxy's
	 * folder. A listing of everything takes 31 LIST requests, each of which makes s3proxy
	 * scan the whole folder; the tail from the newest snapshot takes one.
	 */
	@Test
	@Order(12)
	void aLongHistoryCostsOnlyItsTailOnTheFirstListing() throws IOException {
		S3Location big = new S3Location(server.endpoint(), null, true, false, IDENTITY, SECRET, BUCKET, "big.db");
		String gen = "b16b16b16b16b16b";
		int segments = 30_000;
		Path wal = server.blobDir().resolve(BUCKET).resolve(ReplicaKeys.walPrefix(big.prefix(), gen));
		Path snapshots = server.blobDir().resolve(BUCKET).resolve(ReplicaKeys.snapshotsPrefix(big.prefix(), gen));
		Files.createDirectories(wal);
		Files.createDirectories(snapshots);
		byte[] frame = new byte[64];
		for (int index = 0; index < segments; index++) {
			Files.write(wal.resolve(String.format("%08x_00000000.wal.lz4", index)), frame);
		}
		Files.write(snapshots.resolve(String.format("%08x.snapshot.lz4", 0)), new byte[4096]);
		long newestSnapshot = segments - 5;
		Files.write(snapshots.resolve(String.format("%08x.snapshot.lz4", newestSnapshot)), new byte[4096]);

		ReplicaListing listing = lister.list(big);

		GenerationListing g = listing.generation(gen).orElseThrow();
		assertThat(g.wal().segmentCount()).isEqualTo(5);
		assertThat(g.wal().newest().index()).isEqualTo(segments - 1);
		assertThat(g.snapshots()).extracting(SnapshotObject::index).containsExactly(0L, newestSnapshot);
		// generations + snapshots + one WAL page.
		assertThat(listing.requests()).isEqualTo(3);
		log.info("MEASURED first listing of a generation with {} WAL segments: {} LIST requests (a full walk: {})",
				segments, listing.requests(), 1 + 1 + segments / 1000 + 1);
	}

	private void put(String key, int size) {
		s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(new byte[size]));
	}

	private void delete(List<String> keys) {
		for (int from = 0; from < keys.size(); from += 1000) {
			List<ObjectIdentifier> ids = keys.subList(from, Math.min(keys.size(), from + 1000))
				.stream()
				.map(k -> ObjectIdentifier.builder().key(k).build())
				.toList();
			s3.deleteObjects(b -> b.bucket(BUCKET).delete(Delete.builder().objects(ids).build()));
		}
	}

	private String snapshotKey(String generation, long index) {
		return ReplicaKeys.snapshotsPrefix(location.prefix(), generation) + String.format("%08x.snapshot.lz4", index);
	}

	private String walKey(String generation, long index, int k) {
		return ReplicaKeys.walPrefix(location.prefix(), generation)
				+ String.format("%08x_%08x.wal.lz4", index, offset(k));
	}

	/**
	 * Frame-aligned offsets as Litestream writes them with 4 KiB pages: 0, then 32 +
	 * k·4120.
	 */
	private static long offset(int k) {
		return k == 0 ? 0 : 32 + k * 4120L;
	}

}
