package io.litewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.litewatch.bench.CountingProxy.Counts;
import io.litewatch.bench.CountingProxy.Kind;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The benchmark's figures are the proxy's counts: every request on a keep-alive
 * connection must count once, by the right kind.
 */
class CountingProxyTest {

	@Test
	void classifiesListRequestsByApi() {
		assertThat(CountingProxy.classify("GET", "/b?list-type=2&prefix=a%2F&delimiter=%2F")).isEqualTo(Kind.LIST_V2);
		assertThat(CountingProxy.classify("GET", "/b?delimiter=%2F&marker=x&prefix=a%2F")).isEqualTo(Kind.LIST_V1);
		assertThat(CountingProxy.classify("GET", "/b/")).isEqualTo(Kind.LIST_V1);
		assertThat(CountingProxy.classify("GET", "/b?location")).isEqualTo(Kind.OTHER);
		assertThat(CountingProxy.classify("GET", "/b/some/key")).isEqualTo(Kind.OTHER);
		assertThat(CountingProxy.classify("HEAD", "/b")).isEqualTo(Kind.OTHER);
	}

	@Test
	void countsEveryRequestOnKeptAliveConnections(@TempDir Path dir) throws Exception {
		SyntheticReplica replica = SyntheticReplica.of("p/app.db", 150, Instant.now(), false);
		try (SyntheticS3Service service = new SyntheticS3Service(Clock.systemUTC()).bucket("b", List.of(replica))
			.start();
				CountingProxy proxy = new CountingProxy(service.port(), dir.resolve("requests.log")).start();
				S3Client s3 = S3Client.builder()
					.endpointOverride(URI.create(proxy.endpoint()))
					.region(Region.US_EAST_1)
					.forcePathStyle(true)
					.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
					.build()) {
			long keys = s3.listObjectsV2Paginator(b -> b.bucket("b").prefix(replica.walPrefix()).maxKeys(10))
				.contents()
				.stream()
				.count();
			s3.listObjects(b -> b.bucket("b").prefix(replica.snapshotsPrefix()));
			s3.headBucket(b -> b.bucket("b"));

			assertThat(keys).isEqualTo(150);
			assertThat(proxy.counts()).isEqualTo(new Counts(15, 1, 1));
			assertThat(Files.readAllLines(dir.resolve("requests.log"))).hasSize(17);
		}
	}

}
