package io.litewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.litewatch.bench.KeyFamily.ObjectEntry;
import io.litewatch.testsupport.TestClock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The benchmark's synthesized S3 endpoint, driven by the real AWS SDK v2 paginator (as
 * Litewatch lists) and by marker paging (as Litestream's aws-sdk-go v1 lists), checked
 * against the same keys materialized and listed naively.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyntheticS3ServiceTest {

	private static final String BUCKET = "bench";

	private final Instant start = Instant.parse("2026-11-30T12:00:00Z");

	private final TestClock clock = new TestClock(start);

	private final SyntheticReplica big = SyntheticReplica.of("fleet/a.db", 2_345, start, false);

	private final SyntheticReplica small = SyntheticReplica.of("fleet/b.db", 150, start, false);

	private final SyntheticReplica live = SyntheticReplica.of("fleet/c.db", 500, start, true);

	private SyntheticS3Service service;

	private S3Client s3;

	@BeforeAll
	void start() throws Exception {
		service = new SyntheticS3Service(clock).bucket(BUCKET, List.of(big, small, live)).start();
		s3 = S3Client.builder()
			.endpointOverride(URI.create(service.endpoint()))
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
			.build();
	}

	@AfterAll
	void stop() throws Exception {
		s3.close();
		service.close();
	}

	@Test
	void theLayoutHasATailOfAFewHundredSegmentsAfterTheNewestSnapshot() {
		SyntheticReplica replica = SyntheticReplica.of("x.db", 10_000, start, false);
		assertThat(replica.snapshotIndexes()).containsExactly(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 97L);
		assertThat(replica.tailSegments(start)).isEqualTo(300);
		assertThat(replica.walTime(9_999)).isEqualTo(start);
		assertThat(replica.walName(9_999)).isEqualTo("00000063_" + SyntheticReplica.hex8(32 + 99 * 4120L) + ".wal.lz4");
	}

	@Test
	void theWholeBucketPagesInKeyOrderWithoutAnEmptyLastPage() {
		NavigableMap<String, ObjectEntry> all = materialize();
		List<ListObjectsV2Response> pages = pages(ListObjectsV2Request.builder().bucket(BUCKET).maxKeys(37).build());
		assertThat(keys(pages)).containsExactlyElementsOf(all.keySet());
		assertThat(pages).hasSize((all.size() + 36) / 37);
		S3Object first = pages.get(0).contents().get(0);
		ObjectEntry expected = all.get(first.key());
		assertThat(first.size()).isEqualTo(expected.size());
		assertThat(first.lastModified()).isEqualTo(expected.lastModified());
	}

	@Test
	void aDelimiterRollsKeysUpIntoCommonPrefixesOncePerListingEvenAcrossPages() {
		for (int maxKeys : new int[] { 1, 2, 1000 }) {
			List<ListObjectsV2Response> pages = pages(ListObjectsV2Request.builder()
				.bucket(BUCKET)
				.prefix("fleet/")
				.delimiter("/")
				.maxKeys(maxKeys)
				.build());
			assertThat(prefixes(pages)).containsExactly("fleet/a.db/", "fleet/b.db/", "fleet/c.db/");
			assertThat(pages).hasSize((3 + maxKeys - 1) / maxKeys);
		}
		List<ListObjectsV2Response> generations = pages(
				ListObjectsV2Request.builder().bucket(BUCKET).prefix(big.generationsPrefix()).delimiter("/").build());
		assertThat(prefixes(generations)).containsExactly(big.generationsPrefix() + big.generation() + "/");
		assertThat(keys(generations)).isEmpty();
	}

	@Test
	void startAfterAnIndexListsExactlyTheSegmentsFromThatIndexOn() {
		for (String startAfter : List.of(big.walPrefix() + "0000000a", big.walPrefix() + big.walName(999),
				big.walPrefix() + "zzz", "fleet/b.db/", "a", "")) {
			for (String delimiter : new String[] { null, "/" }) {
				ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
					.bucket(BUCKET)
					.prefix(big.walPrefix())
					.delimiter(delimiter)
					.startAfter(startAfter);
				assertThat(keys(pages(request.build()))).as("after %s", startAfter)
					.containsExactlyElementsOf(expectedKeys(big.walPrefix(), startAfter));
			}
		}
		assertThat(keys(pages(ListObjectsV2Request.builder()
			.bucket(BUCKET)
			.prefix(big.walPrefix())
			.startAfter(big.walPrefix() + "0000000a")
			.build()))).hasSize(2_345 - 1_000).first().isEqualTo(big.walPrefix() + "0000000a_00000000.wal.lz4");
	}

	@Test
	void markerPagingAsLitestreamDoesSeesEveryKeyOnce() {
		for (String delimiter : new String[] { null, "/" }) {
			List<String> seen = new ArrayList<>();
			String marker = null;
			int requests = 0;
			ListObjectsResponse page;
			do {
				String from = marker;
				page = s3.listObjects(b -> b.bucket(BUCKET).prefix("fleet/").delimiter(delimiter).marker(from));
				requests++;
				page.contents().forEach((o) -> seen.add(o.key()));
				page.commonPrefixes().forEach((p) -> seen.add(p.prefix()));
				if (page.isTruncated()) {
					// aws-sdk-go v1: NextMarker, else the last key.
					marker = page.nextMarker() != null ? page.nextMarker()
							: page.contents().get(page.contents().size() - 1).key();
				}
			}
			while (page.isTruncated());
			List<String> expected = delimiter == null ? expectedKeys("fleet/", null)
					: List.of("fleet/a.db/", "fleet/b.db/", "fleet/c.db/");
			assertThat(seen).containsExactlyElementsOf(expected);
			assertThat(requests).isEqualTo((expected.size() + 999) / 1000);
		}
	}

	@Test
	void aGrowingReplicaGainsOneSegmentASecond() {
		long before = keys(pages(ListObjectsV2Request.builder().bucket(BUCKET).prefix(live.walPrefix()).build()))
			.size();
		clock.advance(Duration.ofMillis(10_500));
		try {
			List<String> after = keys(
					pages(ListObjectsV2Request.builder().bucket(BUCKET).prefix(live.walPrefix()).build()));
			assertThat(after).hasSize((int) before + 10).last().isEqualTo(live.walPrefix() + live.walName(509));
		}
		finally {
			clock.set(start);
		}
	}

	@Test
	void anUnknownBucketIsNoSuchBucketAndHeadBucketAnswers() {
		assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("nope").prefix("x")))
			.isInstanceOf(NoSuchBucketException.class);
		s3.headBucket(b -> b.bucket(BUCKET));
		assertThat(service.unsupportedRequests()).isZero();
	}

	private List<ListObjectsV2Response> pages(ListObjectsV2Request request) {
		List<ListObjectsV2Response> pages = new ArrayList<>();
		s3.listObjectsV2Paginator(request).forEach(pages::add);
		return pages;
	}

	private static List<String> keys(List<ListObjectsV2Response> pages) {
		return pages.stream().flatMap((p) -> p.contents().stream()).map(S3Object::key).toList();
	}

	private static List<String> prefixes(List<ListObjectsV2Response> pages) {
		return pages.stream().flatMap((p) -> p.commonPrefixes().stream()).map(CommonPrefix::prefix).toList();
	}

	/** Every key at the clock's instant, held in memory: the naive model. */
	private NavigableMap<String, ObjectEntry> materialize() {
		NavigableMap<String, ObjectEntry> all = new TreeMap<>();
		for (SyntheticReplica replica : List.of(big, small, live)) {
			for (KeyFamily family : KeyFamily.of(replica)) {
				for (long i = 0; i < family.count(clock.instant()); i++) {
					ObjectEntry entry = family.entry(i);
					all.put(entry.key(), entry);
				}
			}
		}
		return all;
	}

	private List<String> expectedKeys(String prefix, String startAfter) {
		Set<String> out = new LinkedHashSet<>();
		for (String key : materialize().keySet()) {
			if (key.startsWith(prefix) && (startAfter == null || key.compareTo(startAfter) > 0)) {
				out.add(key);
			}
		}
		return List.copyOf(out);
	}

}
