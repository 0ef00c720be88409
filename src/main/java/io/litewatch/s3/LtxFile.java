package io.litewatch.s3;

import java.time.Instant;

/**
 * One Litestream 0.5 LTX object: the transactions {@code minTxid..maxTxid} of one
 * compaction level. Level 9 holds snapshots (always from TXID 1), level 0 one file per
 * sync that changed the database.
 *
 * @param lastModified the upload time S3 gives in the listing
 */
public record LtxFile(int level, long minTxid, long maxTxid, long size, Instant lastModified) {

	public String name() {
		return LtxKeys.fileName(minTxid, maxTxid);
	}

}
