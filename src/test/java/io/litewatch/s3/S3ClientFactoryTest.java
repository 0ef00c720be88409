package io.litewatch.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.S3Client;

class S3ClientFactoryTest {

	private static S3Location location(String endpoint, String key, String secret, String bucket, String path) {
		return new S3Location(endpoint, null, true, false, key, secret, bucket, path);
	}

	@Test
	void sharesOneClientPerConnectionSetting() {
		try (S3ClientFactory factory = new S3ClientFactory(Duration.ofSeconds(2))) {
			S3Client a = factory.client(location("http://127.0.0.1:9000", "k", "s", "one", "a"));
			S3Client b = factory.client(location("http://127.0.0.1:9000", "k", "s", "two", "b/c"));
			S3Client otherSecret = factory.client(location("http://127.0.0.1:9000", "k", "t", "one", "a"));
			S3Client otherEndpoint = factory.client(location("http://127.0.0.1:9001", "k", "s", "one", "a"));
			S3Client aws = factory.client(new S3Location(null, null, false, false, null, null, "one", "a"));
			S3Client awsRegion = factory
				.client(new S3Location(null, "eu-central-1", false, false, null, null, "one", "a"));
			assertThat(b).isSameAs(a);
			assertThat(otherSecret).isNotSameAs(a);
			assertThat(otherEndpoint).isNotSameAs(a);
			assertThat(aws).isNotSameAs(a).isNotSameAs(awsRegion);
		}
	}

	@Test
	void buildsAClientThatSkipsTlsVerification() {
		try (S3ClientFactory factory = new S3ClientFactory(Duration.ofSeconds(2))) {
			assertThat(factory
				.client(new S3Location("https://minio.local:9000", "us-east-1", true, true, "k", "s", "b", "")))
				.isNotNull();
		}
	}

	@Test
	void endpointWithoutSchemeMeansHttps() {
		assertThat(S3ClientFactory.endpointUri("minio.local:9000")).hasToString("https://minio.local:9000");
		assertThat(S3ClientFactory.endpointUri("http://127.0.0.1:9000")).hasToString("http://127.0.0.1:9000");
	}

	@Test
	void rejectsNonPositiveTimeoutAndUseAfterClose() {
		assertThatThrownBy(() -> new S3ClientFactory(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
		S3ClientFactory factory = new S3ClientFactory(Duration.ofSeconds(1));
		factory.close();
		assertThatThrownBy(() -> factory.client(location("http://127.0.0.1:9000", "k", "s", "b", "")))
			.isInstanceOf(IllegalStateException.class);
	}

}
