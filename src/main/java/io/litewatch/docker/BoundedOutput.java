package io.litewatch.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The first {@code limit} bytes of one output stream of a command. Bytes beyond the limit
 * are counted and dropped, never buffered, so a command that prints without end cannot
 * fill the heap. Decoded as UTF-8 only at the end, so a character split across frames
 * survives; when the limit cut a character in two, the partial character is left out.
 * Thread-safe: Docker delivers frames on its own thread.
 */
final class BoundedOutput {

	private final int limit;

	private final ByteArrayOutputStream kept;

	private long seen;

	BoundedOutput(int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("output limit must not be negative: " + limit);
		}
		this.limit = limit;
		this.kept = new ByteArrayOutputStream(Math.min(limit, 8192));
	}

	synchronized void write(byte[] bytes, int offset, int length) {
		long room = limit - (long) kept.size();
		if (room > 0) {
			kept.write(bytes, offset, (int) Math.min(room, length));
		}
		seen += length;
	}

	void write(byte[] bytes) {
		write(bytes, 0, bytes.length);
	}

	/** More bytes arrived than the limit; only the first {@code limit} were kept. */
	synchronized boolean truncated() {
		return seen > limit;
	}

	/** Every byte that arrived, kept or dropped. */
	synchronized long bytesSeen() {
		return seen;
	}

	synchronized String text() {
		byte[] bytes = kept.toByteArray();
		int length = truncated() ? completeCharacters(bytes, bytes.length) : bytes.length;
		return new String(bytes, 0, length, StandardCharsets.UTF_8);
	}

	/**
	 * {@code length}, or less so that a UTF-8 sequence whose lead byte is within the last
	 * four bytes but whose continuation bytes were dropped is left out entirely.
	 * Malformed input is left to the decoder (a replacement character).
	 */
	static int completeCharacters(byte[] bytes, int length) {
		int lead = length - 1;
		while (lead >= 0 && length - lead <= 3 && (bytes[lead] & 0xC0) == 0x80) {
			lead--;
		}
		if (lead < 0) {
			return length;
		}
		int b = bytes[lead] & 0xFF;
		int needed = (b >= 0xF0) ? 4 : (b >= 0xE0) ? 3 : (b >= 0xC0) ? 2 : 1;
		return (lead + needed > length) ? lead : length;
	}

}
