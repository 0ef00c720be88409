package io.litewatch.s3;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The first 100 bytes of an LTX file (superfly/ltx, never compressed, big-endian): what
 * the file holds without reading the pages. Pure.
 *
 * @param pageSize the database's page size
 * @param commit the database's size in pages after the file's last transaction
 * @param timestamp when that transaction was made: what {@code restore -timestamp}
 * compares
 */
public record LtxHeader(int pageSize, long commit, long minTxid, long maxTxid, Instant timestamp) {

	public static final int SIZE = 100;

	private static final int MAGIC = 0x4c545831; // "LTX1"

	/** The database's size in bytes as of the file's last transaction. */
	public long databaseBytes() {
		return this.commit * this.pageSize;
	}

	/**
	 * @param head the file's first bytes, {@link #SIZE} of them or more
	 * @throws IllegalArgumentException saying, for a person, what is wrong with them
	 */
	public static LtxHeader parse(byte[] head) {
		if (head.length < SIZE) {
			throw new IllegalArgumentException(
					"it is " + head.length + " bytes long, shorter than an LTX header (" + SIZE + " bytes)");
		}
		ByteBuffer b = ByteBuffer.wrap(head);
		if (b.getInt(0) != MAGIC) {
			throw new IllegalArgumentException("it does not start with LTX1");
		}
		int pageSize = b.getInt(8);
		if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
			throw new IllegalArgumentException(
					"its page size " + Integer.toUnsignedString(pageSize) + " is not a power of two from 512 to 65536");
		}
		long commit = Integer.toUnsignedLong(b.getInt(12));
		long min = b.getLong(16);
		long max = b.getLong(24);
		if (min <= 0 || max < min) {
			throw new IllegalArgumentException(
					"its TXIDs " + Long.toHexString(min) + "-" + Long.toHexString(max) + " are no range");
		}
		return new LtxHeader(pageSize, commit, min, max, Instant.ofEpochMilli(b.getLong(32)));
	}

	/**
	 * What is wrong with this header as the one of {@code file}, or null when it matches
	 * the file's name.
	 */
	public String mismatch(LtxFile file) {
		if (this.minTxid != file.minTxid() || this.maxTxid != file.maxTxid()) {
			return "its header holds TXIDs " + LtxKeys.hex(this.minTxid) + "-" + LtxKeys.hex(this.maxTxid)
					+ ", not those of its name";
		}
		return null;
	}

}
