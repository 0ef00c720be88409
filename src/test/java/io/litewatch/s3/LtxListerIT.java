package io.litewatch.s3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.litewatch.testsupport.S3ProxyServer;
import io.litewatch.testsupport.TestClock;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 0.5 lister against a real s3proxy holding a replica in Litestream 0.5's layout,
 * with far more history than a restore needs: a snapshot at TXID 5050 in the middle of an
 * L3 file, 3,000 L1 files (three pages) and 600 L2 files before it. The tests build on
 * each other like successive polls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LtxListerIT {

	private static final String IDENTITY = "litewatch-it-key";

	private static final String SECRET = "litewatch-it-secret-9f8e7d";

	private static final String PATH = "myapp/production";

	private static final Duration FULL_PASS = Duration.ofHours(6);

	private S3ProxyServer server;

	private S3ClientFactory clients;

	private TestClock clock;

	private LtxLister lister;

	private S3Location location;

	private S3Client s3;

	@BeforeAll
	void upload() throws Exception {
		server = new S3ProxyServer(Files.createTempDirectory("litewatch-ltx-it"), IDENTITY, SECRET).start();
		server.createBucket("backups");
		clients = new S3ClientFactory(Duration.ofSeconds(5));
		clock = new TestClock(Instant.now());
		lister = new LtxLister(clients, clock, FULL_PASS);
		location = new S3Location(server.endpoint(), "us-east-1", true, false, IDENTITY, SECRET, "backups", PATH);
		s3 = clients.client(location);
		List<String> keys = new ArrayList<>();
		keys.add(key(9, 1, 4000));
		keys.add(key(9, 1, 5050));
		range(keys, 3, 1, 5800, 100);
		range(keys, 2, 1, 5950, 10);
		range(keys, 1, 1, 6000, 2);
		range(keys, 0, 5990, 6010, 1);
		// Not Litestream's: 0.3's tree after a migration, and a stray file among L0's.
		keys.add(PATH + "/generations/0123456789abcdef/snapshots/00000000.snapshot.lz4");
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> uploads = new ArrayList<>();
			keys.forEach((k) -> uploads.add(pool.submit(() -> put(k))));
			for (Future<?> upload : uploads) {
				upload.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	@AfterAll
	void stop() {
		if (clients != null) {
			clients.close();
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	@Order(1)
	void theFirstListingReachesTheNewestFileWithoutListingTheHistory() throws Exception {
		LtxListing listing = lister.list(location);
		LtxChain chain = listing.chain();
		assertThat(chain.snapshot().maxTxid()).isEqualTo(5050);
		assertThat(chain.reach()).isEqualTo(6010).isEqualTo(chain.replicatedTxid());
		assertThat(chain.gap()).isFalse();
		// Folders, L9, L3 whole (58 files), then L2, L1, L0 from where the levels above
		// end: one page each, where L1 alone is three pages whole; and the newest
		// snapshot's header.
		assertThat(listing.requests()).isEqualTo(7);
		assertThat(listing.snapshotHeader().key()).isEqualTo(key(9, 1, 5050));
		assertThat(listing.snapshotHeader().problem())
			.isEqualTo("it is 1 bytes long, shorter than an LTX header (100 bytes)");
		assertThat(listing.fullPass()).isTrue();
		assertThat(listing.generationsPresent()).isTrue();
		assertThat(listing.levels().keySet()).containsExactly(0, 1, 2, 3, 9);
		// Remembered: only what the levels above do not reach.
		assertThat(listing.levels().get(3)).extracting(LtxFile::minTxid).startsWith(5001L).hasSize(8);
		assertThat(listing.levels().get(2)).hasSize(15);
		assertThat(listing.levels().get(1)).hasSize(25);
		assertThat(listing.levels().get(0)).extracting(LtxFile::minTxid)
			.containsExactly(6001L, 6002L, 6003L, 6004L, 6005L, 6006L, 6007L, 6008L, 6009L, 6010L);
	}

	@Test
	@Order(2)
	void steadyPollsCostTwoRequestsAndSeeNewFiles() throws Exception {
		put(key(0, 6011, 6011));
		put(key(0, 6012, 6012));
		put(PATH + "/0000/zz-not-litestream.txt");
		LtxListing first = lister.list(location);
		assertThat(first.badKeys()).as("seen once, it may be an upload in progress").isEmpty();
		for (int poll = 0; poll < 6; poll++) {
			LtxListing listing = lister.list(location);
			assertThat(listing.requests()).as("poll %d", poll).isEqualTo(2);
			assertThat(listing.chain().reach()).isEqualTo(6012);
			assertThat(listing.badKeys()).containsExactly(PATH + "/0000/zz-not-litestream.txt");
			assertThat(listing.badKeyCount()).isEqualTo(1);
		}
		put(key(0, 6013, 6013));
		assertThat(lister.list(location).chain().reach()).as("a stray name does not move StartAfter").isEqualTo(6013);
		// s3proxy lists an upload in progress under <key>-<uuid> for a moment.
		String uploading = key(0, 6014, 6014) + "-77cdb91f";
		put(uploading);
		lister.list(location);
		delete(uploading);
		LtxListing after = lister.list(location);
		assertThat(after.chain().reach()).isEqualTo(6013);
		assertThat(after.badKeys()).containsExactly(PATH + "/0000/zz-not-litestream.txt");
		assertThat(after.badKeyCount()).isEqualTo(1);
	}

	@Test
	@Order(3)
	void aDeletedFileIsAGapOnTheNextFullPass() throws Exception {
		delete(key(1, 5981, 5982), key(0, 6001, 6001));
		clock.advance(FULL_PASS);
		LtxListing listing = lister.list(location);
		assertThat(listing.fullPass()).isTrue();
		assertThat(listing.chain().gap()).isTrue();
		assertThat(listing.chain().reach()).isEqualTo(5980);
		assertThat(listing.chain().replicatedTxid()).isEqualTo(6013);
	}

	@Test
	@Order(4)
	void aWipedReplicaStartingAgainIsListedAfreshWhenItsSnapshotsGoBack() throws Exception {
		List<String> all = new ArrayList<>();
		s3.listObjectsV2Paginator((b) -> b.bucket("backups").prefix(PATH + "/"))
			.contents()
			.forEach((o) -> all.add(o.key()));
		for (int i = 0; i < all.size(); i += 1000) {
			delete(all.subList(i, Math.min(all.size(), i + 1000)).toArray(String[]::new));
		}
		put(key(9, 1, 7));
		put(key(1, 8, 9));
		put(key(0, 10, 10));
		LtxListing listing = null;
		for (int poll = 0; poll < 6; poll++) {
			listing = lister.list(location);
			if (listing.fullPass()) {
				break;
			}
		}
		assertThat(listing.fullPass()).as("within one rotation").isTrue();
		assertThat(listing.chain().reach()).isEqualTo(10);
		assertThat(listing.chain().gap()).isFalse();
		assertThat(listing.generationsPresent()).isFalse();
	}

	@Test
	@Order(5)
	void aSecondWritersFileSortingBeforeTheMarkIsSeenOnTheNextPoll() throws Exception {
		put(key(0, 11, 11));
		lister.list(location);
		// Another database replicating to the same path writes its own TXIDs, lower
		// than the mark.
		put(key(0, 9, 11));
		LtxListing listing = lister.list(location);
		assertThat(listing.requests()).isEqualTo(2);
		assertThat(listing.levels().get(0)).extracting(LtxFile::minTxid).contains(9L, 11L);
	}

	@Test
	@Order(6)
	void l0FilesCompactedAndDeletedBetweenPollsAreNoGap() throws Exception {
		// This poll is L1's turn, so the next is not.
		lister.list(location);
		// 12..14 went into L1 and their L0 files were deleted before any poll saw them.
		put(key(1, 10, 14));
		put(key(0, 15, 15));
		LtxListing listing = lister.list(location);
		assertThat(listing.chain().gap()).isFalse();
		assertThat(listing.chain().reach()).isEqualTo(15);
		assertThat(listing.requests()).as("L0, the folders' turn, and L1 once more").isEqualTo(3);
	}

	@Test
	@Order(7)
	void aRealGapInSteadyPollsCostsTheExtraRequestsOnce() throws Exception {
		put(key(0, 20, 20));
		LtxListing first = lister.list(location);
		assertThat(first.chain().gap()).isTrue();
		assertThat(first.chain().reach()).isEqualTo(15);
		for (int poll = 0; poll < 4; poll++) {
			LtxListing listing = lister.list(location);
			assertThat(listing.chain().gap()).isTrue();
			assertThat(listing.requests()).as("poll %d", poll).isEqualTo(2);
		}
	}

	@Test
	@Order(8)
	void aReplicaNoLongerConfiguredIsForgotten() throws Exception {
		lister.retainOnly(java.util.Set.of());
		assertThat(lister.list(location).fullPass()).isTrue();
	}

	@Test
	@Order(9)
	void anLtxFileWrittenAgainWithOtherContentsIsKeptAsEvidence() throws Exception {
		lister.list(location);
		s3.putObject((b) -> b.bucket("backups").key(key(0, 20, 20)), RequestBody.fromString("another database's"));
		LtxListing listing = lister.list(location);
		assertThat(listing.rewrite()).isNotNull();
		assertThat(listing.rewrite().key()).isEqualTo(key(0, 20, 20));
		assertThat(listing.rewrite().sizeBefore()).isEqualTo(1);
		clock.advance(FULL_PASS);
		assertThat(lister.list(location).rewrite()).as("through a full pass").isNotNull();
	}

	@Test
	@Order(10)
	void theNewestSnapshotsHeaderIsReadOncePerSnapshot() throws Exception {
		byte[] real = Files.readAllBytes(Path.of("src/test/resources/fixtures/litestream-0.5/header-l9.bin"));
		s3.putObject((b) -> b.bucket("backups").key(key(9, 1, 0xf6)), RequestBody.fromBytes(real));
		LtxListing seen = null;
		for (int poll = 0; poll < 6 && (seen == null || !seen.snapshotHeader().key().equals(key(9, 1, 0xf6))); poll++) {
			seen = lister.list(location);
		}
		assertThat(seen.snapshotHeader().problem()).isNull();
		assertThat(seen.snapshotHeader().header().databaseBytes()).isEqualTo(22 * 4096);
		for (int poll = 0; poll < 6; poll++) {
			assertThat(lister.list(location).requests()).as("poll %d after it", poll).isEqualTo(2);
		}
		// Another database's snapshot under this name: its header holds other TXIDs.
		s3.putObject((b) -> b.bucket("backups").key(key(9, 1, 0x100)), RequestBody.fromBytes(real));
		LtxListing next = null;
		for (int poll = 0; poll < 6
				&& (next == null || !next.snapshotHeader().key().equals(key(9, 1, 0x100))); poll++) {
			next = lister.list(location);
		}
		assertThat(next.snapshotHeader().problem())
			.contains("its header holds TXIDs 0000000000000001-00000000000000f6");
		assertThat(next.snapshotHeader().header()).isNull();
	}

	private static void range(List<String> keys, int level, long from, long to, long step) {
		for (long min = from; min <= to; min += step) {
			keys.add(key(level, min, Math.min(to, min + step - 1)));
		}
	}

	private static String key(int level, long min, long max) {
		return LtxKeys.levelPrefix(PATH, level) + LtxKeys.fileName(min, max);
	}

	private void put(String key) {
		s3.putObject((b) -> b.bucket("backups").key(key), RequestBody.fromString("x"));
	}

	private void delete(String... keys) {
		List<ObjectIdentifier> ids = new ArrayList<>();
		for (String k : keys) {
			ids.add(ObjectIdentifier.builder().key(k).build());
		}
		s3.deleteObjects((b) -> b.bucket("backups").delete(Delete.builder().objects(ids).build()));
	}

}
