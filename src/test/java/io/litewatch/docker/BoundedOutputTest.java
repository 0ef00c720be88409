package io.litewatch.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedOutputTest {

	@Test
	void keepsEverythingUpToTheLimit() {
		BoundedOutput output = new BoundedOutput(10);
		output.write(bytes("hello "));
		output.write(bytes("you!"));

		assertThat(output.text()).isEqualTo("hello you!");
		assertThat(output.truncated()).isFalse();
		assertThat(output.bytesSeen()).isEqualTo(10);
	}

	@Test
	void framesBeyondTheLimitAreDroppedAndCounted() {
		BoundedOutput output = new BoundedOutput(8);
		output.write(bytes("12345"));
		output.write(bytes("6789")); // crosses the limit: its head is kept
		output.write(bytes("abcdef")); // entirely beyond: dropped

		assertThat(output.text()).isEqualTo("12345678");
		assertThat(output.truncated()).isTrue();
		assertThat(output.bytesSeen()).isEqualTo(15);
	}

	@Test
	void aFrameEndingExactlyAtTheLimitIsNotTruncation() {
		BoundedOutput output = new BoundedOutput(4);
		output.write(bytes("abcd"));
		assertThat(output.truncated()).isFalse();

		output.write(new byte[0]);
		assertThat(output.truncated()).isFalse();

		output.write(bytes("e"));
		assertThat(output.truncated()).isTrue();
		assertThat(output.text()).isEqualTo("abcd");
	}

	@Test
	void respectsOffsetAndLength() {
		BoundedOutput output = new BoundedOutput(3);
		output.write(bytes("xxabcdyy"), 2, 4);

		assertThat(output.text()).isEqualTo("abc");
		assertThat(output.truncated()).isTrue();
		assertThat(output.bytesSeen()).isEqualTo(4);
	}

	@Test
	void aCharacterSplitAcrossFramesIsDecodedWhole() {
		byte[] euro = bytes("€"); // E2 82 AC
		BoundedOutput output = new BoundedOutput(100);
		output.write(new byte[] { euro[0] });
		output.write(new byte[] { euro[1], euro[2], 'x' });

		assertThat(output.text()).isEqualTo("€x");
	}

	@Test
	void aCharacterCutByTheLimitIsLeftOutNotMangled() {
		// "aé€😀" is 1 + 2 + 3 + 4 bytes; every cut inside a character drops that
		// character
		String text = "aé€😀";
		String[] expected = { "", "a", "a", "aé", "aé", "aé", "aé€", "aé€", "aé€", "aé€", "aé€😀" };
		for (int limit = 0; limit <= 10; limit++) {
			BoundedOutput output = new BoundedOutput(limit);
			output.write(bytes(text + "tail"));

			assertThat(output.text()).as("limit %d", limit).isEqualTo(expected[limit]).doesNotContain("\uFFFD");
			assertThat(output.truncated()).isTrue();
		}
	}

	@Test
	void malformedInputAtTheCutIsAtWorstAReplacementCharacter() {
		BoundedOutput output = new BoundedOutput(5);
		// five stray continuation bytes, then more: not a character the cut could split
		output.write(new byte[] { 'a', (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 'b' });

		assertThat(output.text()).startsWith("a").contains("\uFFFD").hasSizeLessThanOrEqualTo(5);
	}

	@Test
	void aZeroLimitKeepsNothingButStillCounts() {
		BoundedOutput output = new BoundedOutput(0);
		output.write(bytes("abc"));

		assertThat(output.text()).isEmpty();
		assertThat(output.truncated()).isTrue();
		assertThat(output.bytesSeen()).isEqualTo(3);
		assertThatThrownBy(() -> new BoundedOutput(-1)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void completeCharactersOnlyTrimsAnIncompleteTail() {
		byte[] grin = bytes("😀"); // F0 9F 98 80
		assertThat(BoundedOutput.completeCharacters(grin, 4)).isEqualTo(4);
		assertThat(BoundedOutput.completeCharacters(grin, 3)).isZero();
		assertThat(BoundedOutput.completeCharacters(grin, 1)).isZero();
		assertThat(BoundedOutput.completeCharacters(bytes("ab"), 2)).isEqualTo(2);
		assertThat(BoundedOutput.completeCharacters(new byte[0], 0)).isZero();
	}

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

}
