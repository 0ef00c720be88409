package io.litewatch.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3LocationTest {

	private static S3Location at(String path) {
		return new S3Location("http://127.0.0.1:9000", null, true, false, "AKIAEXAMPLEKEY", "sekrit/Value+1", "backups",
				path);
	}

	@Test
	void prefixAtBucketRoot() {
		assertThat(at("").prefix()).isEqualTo("generations/");
		assertThat(at(null).prefix()).isEqualTo("generations/");
		assertThat(at("/").prefix()).isEqualTo("generations/");
	}

	@Test
	void prefixUnderAPathHasExactlyOneSlashBetween() {
		assertThat(at("app").prefix()).isEqualTo("app/generations/");
		assertThat(at("app/").prefix()).isEqualTo("app/generations/");
		assertThat(at("/data/app").prefix()).isEqualTo("data/app/generations/");
	}

	@Test
	void toStringHidesCredentials() {
		String s = at("app").toString();
		assertThat(s).doesNotContain("AKIAEXAMPLEKEY")
			.doesNotContain("sekrit")
			.contains("backups")
			.contains("app")
			.contains("static");
		assertThat(new S3Location(null, "eu-west-1", false, false, null, null, "b", "").toString())
			.contains("default chain")
			.contains("AWS S3 (eu-west-1)");
	}

	@Test
	void blankOptionalFieldsMeanUnset() {
		S3Location l = new S3Location(" ", "", false, false, "", null, "b", "p");
		assertThat(l.endpoint()).isNull();
		assertThat(l.region()).isNull();
		assertThat(l.hasStaticCredentials()).isFalse();
	}

}
