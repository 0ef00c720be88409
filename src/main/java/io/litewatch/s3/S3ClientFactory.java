package io.litewatch.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Builds and caches one {@link S3Client} per distinct connection setting (endpoint,
 * region, path style, TLS verification, credentials); replicas that share them share a
 * client and its connection pool. Timeouts are short and retries few, so an outage shows
 * within one poll rather than after the SDK's default backoff.
 */
public class S3ClientFactory implements AutoCloseable {

	/**
	 * Litestream uses us-east-1 whenever an endpoint is set and no region is; so does
	 * AWS's global endpoint.
	 */
	static final Region FALLBACK_REGION = Region.US_EAST_1;

	private final Duration apiCallTimeout;

	private final Map<ClientKey, S3Client> clients = new ConcurrentHashMap<>();

	private volatile boolean closed;

	public S3ClientFactory() {
		this(Duration.ofSeconds(10));
	}

	public S3ClientFactory(Duration apiCallTimeout) {
		Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
		if (apiCallTimeout.isNegative() || apiCallTimeout.isZero()) {
			throw new IllegalArgumentException("apiCallTimeout must be positive: " + apiCallTimeout);
		}
		this.apiCallTimeout = apiCallTimeout;
	}

	public Duration apiCallTimeout() {
		return apiCallTimeout;
	}

	/**
	 * The client for this location; the same instance for every location with the same
	 * settings.
	 */
	public S3Client client(S3Location location) {
		if (closed) {
			throw new IllegalStateException("S3ClientFactory is closed");
		}
		return clients.computeIfAbsent(ClientKey.of(location), this::build);
	}

	private S3Client build(ClientKey key) {
		S3ClientBuilder builder = S3Client.builder()
			.httpClient(httpClient(key.skipVerify()))
			.credentialsProvider(credentials(key))
			.forcePathStyle(key.forcePathStyle())
			// Litestream's objects carry no SDK checksums, and many S3-compatible servers
			// reject the
			// newer default checksum headers; only a listing is done anyway.
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.overrideConfiguration(ClientOverrideConfiguration.builder()
				.apiCallTimeout(apiCallTimeout)
				// One retry rides out a dropped connection; more would hide an outage for
				// minutes.
				.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(2).build())
				.build());
		if (key.endpoint() != null) {
			builder.endpointOverride(endpointUri(key.endpoint()));
			builder.region(key.region() == null ? FALLBACK_REGION : Region.of(key.region()));
		}
		else if (key.region() != null) {
			builder.region(Region.of(key.region()));
		}
		else {
			// Litestream asks GetBucketLocation, which needs owner rights; following the
			// region
			// redirect works with list-only credentials.
			builder.region(FALLBACK_REGION).crossRegionAccessEnabled(true);
		}
		return builder.build();
	}

	private SdkHttpClient httpClient(boolean skipVerify) {
		Duration connect = apiCallTimeout.compareTo(Duration.ofSeconds(5)) < 0 ? apiCallTimeout : Duration.ofSeconds(5);
		ApacheHttpClient.Builder http = ApacheHttpClient.builder()
			.connectionTimeout(connect)
			.socketTimeout(apiCallTimeout);
		if (!skipVerify) {
			return http.build();
		}
		// Same meaning as Litestream's skip-verify: no certificate and no host name
		// check.
		return http.buildWithDefaults(
				AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE).build());
	}

	private static AwsCredentialsProvider credentials(ClientKey key) {
		if (key.accessKeyId() == null) {
			return DefaultCredentialsProvider.builder().build();
		}
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(),
				key.secretAccessKey() == null ? "" : key.secretAccessKey()));
	}

	/** Litestream accepts an endpoint without a scheme and then means https. */
	static URI endpointUri(String endpoint) {
		String e = endpoint.contains("://") ? endpoint : "https://" + endpoint;
		return URI.create(e);
	}

	@Override
	public void close() {
		closed = true;
		for (S3Client client : clients.values()) {
			client.close();
		}
		clients.clear();
	}

	/** What makes two clients different; bucket and path do not. */
	private record ClientKey(String endpoint, String region, boolean forcePathStyle, boolean skipVerify,
			String accessKeyId, String secretAccessKey) {

		static ClientKey of(S3Location l) {
			return new ClientKey(l.endpoint(), l.region(), l.forcePathStyle(), l.skipVerify(), l.accessKeyId(),
					l.secretAccessKey());
		}

		@Override
		public String toString() {
			return "ClientKey[" + endpoint + ", " + region + "]";
		}

	}

}
