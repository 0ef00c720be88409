package io.litewatch.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import io.litewatch.s3.S3ListingException.Kind;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ErrorsTest {

	private static final S3Location LOCAL = new S3Location("http://127.0.0.1:9999", null, true, false, "AKIDLEAKY",
			"very-secret-value", "backups", "app");

	private static S3Exception s3(int status, String code, String message) {
		return (S3Exception) S3Exception.builder()
			.statusCode(status)
			.message(message)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
			.build();
	}

	@Test
	void connectionRefusedIsUnreachable() {
		SdkClientException e = SdkClientException.builder()
			.message("Unable to execute HTTP request: Connect to 127.0.0.1:9999 failed")
			.cause(new ConnectException("Connection refused"))
			.build();
		S3ListingException mapped = S3Errors.map(e, LOCAL);
		assertThat(mapped.kind()).isEqualTo(Kind.UNREACHABLE);
		assertThat(mapped).hasMessage("cannot reach http://127.0.0.1:9999: connection refused");
	}

	@Test
	void unknownHostAndTimeoutAreUnreachable() {
		assertThat(S3Errors.map(SdkClientException.builder().cause(new UnknownHostException("nope")).build(), LOCAL)
			.kind()).isEqualTo(Kind.UNREACHABLE);
		assertThat(S3Errors.map(ApiCallTimeoutException.create(3000), LOCAL).kind()).isEqualTo(Kind.UNREACHABLE);
	}

	@Test
	void forbiddenIsAccessDeniedWithCodeButWithoutServerMessage() {
		S3ListingException mapped = S3Errors
			.map(s3(403, "InvalidAccessKeyId", "The AWS Access Key Id AKIDLEAKY does not exist"), LOCAL);
		assertThat(mapped.kind()).isEqualTo(Kind.ACCESS_DENIED);
		assertThat(mapped.getMessage()).contains("InvalidAccessKeyId").contains("403").doesNotContain("AKIDLEAKY");
		assertThat(S3Errors.map(s3(403, "SignatureDoesNotMatch", "x"), LOCAL).kind()).isEqualTo(Kind.ACCESS_DENIED);
		assertThat(mapped.getCause()).isNull();
	}

	@Test
	void missingBucket() {
		S3ListingException mapped = S3Errors.map(NoSuchBucketException.builder()
			.statusCode(404)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchBucket").build())
			.build(), LOCAL);
		assertThat(mapped.kind()).isEqualTo(Kind.NO_SUCH_BUCKET);
		assertThat(mapped.getMessage()).contains("backups");
		assertThat(S3Errors.map(s3(404, "NoSuchBucket", "gone"), LOCAL).kind()).isEqualTo(Kind.NO_SUCH_BUCKET);
	}

	@Test
	void anythingElseIsOther() {
		assertThat(S3Errors.map(s3(500, "InternalError", "boom"), LOCAL).kind()).isEqualTo(Kind.OTHER);
		assertThat(S3Errors.map(SdkClientException.create("something odd"), LOCAL).kind()).isEqualTo(Kind.OTHER);
	}

	@Test
	void missingCredentialsAreAccessDenied() {
		S3ListingException mapped = S3Errors
			.map(SdkClientException.create("Unable to load credentials from any of the providers in the chain"), LOCAL);
		assertThat(mapped.kind()).isEqualTo(Kind.ACCESS_DENIED);
	}

	@Test
	void credentialsAreScrubbedFromAnyMessage() {
		S3ListingException mapped = S3Errors
			.map(SdkClientException.create("weird failure for very-secret-value and AKIDLEAKY"), LOCAL);
		assertThat(mapped.getMessage()).doesNotContain("very-secret-value").doesNotContain("AKIDLEAKY");
	}

}
