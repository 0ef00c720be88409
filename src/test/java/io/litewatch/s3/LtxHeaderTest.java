package io.litewatch.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Headers Litestream 0.5.17 wrote (the first 100 bytes of the files named in
 * fixtures/litestream-0.5/header-keys.txt), and what is not one.
 */
class LtxHeaderTest {

	@Test
	void aSnapshotsHeaderGivesTheDatabasesSizeAndTheTimeOfItsLastTransaction() throws IOException {
		LtxHeader h = LtxHeader.parse(fixture("header-l9.bin"));

		assertThat(h.minTxid()).isEqualTo(1);
		assertThat(h.maxTxid()).isEqualTo(0xf6);
		assertThat(h.pageSize()).isEqualTo(4096);
		assertThat(h.commit()).isEqualTo(22);
		assertThat(h.databaseBytes()).isEqualTo(22 * 4096);
		assertThat(h.timestamp()).isEqualTo(Instant.parse("2026-12-07T02:54:00.093Z"));
		assertThat(h.mismatch(new LtxFile(9, 1, 0xf6, 8469, null))).isNull();
		assertThat(h.mismatch(new LtxFile(9, 1, 0xf7, 8469, null)))
			.isEqualTo("its header holds TXIDs 0000000000000001-00000000000000f6, not those of its name");
	}

	@Test
	void everyLevelsHeaderReads() throws IOException {
		assertThat(LtxHeader.parse(fixture("header-l0.bin"))).satisfies((h) -> {
			assertThat(h.minTxid()).isEqualTo(0x11d).isEqualTo(h.maxTxid());
			assertThat(h.timestamp()).isEqualTo(Instant.parse("2026-12-07T02:55:14.905Z"));
		});
		assertThat(LtxHeader.parse(fixture("header-l1.bin")).maxTxid()).isEqualTo(0x115);
		assertThat(LtxHeader.parse(fixture("header-l2.bin")).minTxid()).isEqualTo(0xf7);
	}

	@Test
	void whatIsNoHeaderIsSaidInWords() throws IOException {
		byte[] real = fixture("header-l9.bin");
		byte[] pageSize = real.clone();
		pageSize[10] = 0x11;

		assertThatIllegalArgumentException().isThrownBy(() -> LtxHeader.parse(Arrays.copyOf(real, 99)))
			.withMessage("it is 99 bytes long, shorter than an LTX header (100 bytes)");
		assertThatIllegalArgumentException().isThrownBy(() -> LtxHeader.parse(new byte[100]))
			.withMessage("it does not start with LTX1");
		assertThatIllegalArgumentException().isThrownBy(() -> LtxHeader.parse(pageSize))
			.withMessageContaining("is not a power of two from 512 to 65536");
	}

	/** Any bytes at all: a header, or a sentence; never another exception. */
	@Test
	void randomBytesNeverThrowAnythingButASentence() throws IOException {
		Random random = new Random(29);
		byte[] real = fixture("header-l9.bin");
		for (int i = 0; i < 20_000; i++) {
			byte[] bytes = i % 2 == 0 ? new byte[random.nextInt(120)] : real.clone();
			if (i % 2 == 0) {
				random.nextBytes(bytes);
				if (bytes.length >= 4) {
					System.arraycopy(real, 0, bytes, 0, 4);
				}
			}
			else {
				bytes[8 + random.nextInt(32)] = (byte) random.nextInt();
			}
			Throwable thrown = catchThrowable(() -> LtxHeader.parse(bytes));
			assertThat(thrown).as("case %d", i)
				.satisfiesAnyOf((t) -> assertThat(t).isNull(),
						(t) -> assertThat(t).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("it"));
		}
	}

	private static byte[] fixture(String name) throws IOException {
		return Files.readAllBytes(Path.of("src/test/resources/fixtures/litestream-0.5", name));
	}

}
