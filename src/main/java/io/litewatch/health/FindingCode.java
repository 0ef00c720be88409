package io.litewatch.health;

/**
 * Stable identifiers of findings. They appear in the JSON, in alerts and in history, so a
 * constant is never renamed; new ones are only added.
 */
public enum FindingCode {

	/**
	 * The replica holds changes older than the database's latest one by more than
	 * allowed.
	 */
	REPLICA_STALE,
	/** The newest snapshot is older than the snapshot interval (or retention) allows. */
	SNAPSHOT_OVERDUE,
	/** The restore window is shorter than the configured retention promises. */
	RETENTION_SHORT,
	/** The current generation differs from the one seen on the previous poll. */
	GENERATION_CHANGED,
	/** More than one generation advanced since the previous poll: two writers. */
	SPLIT_BRAIN,
	/** The replica holds no generation at all: nothing could be restored. */
	NO_GENERATION,
	/** A database has no replica in the config: it is not backed up. */
	NO_REPLICA,
	/** The Litestream container is missing, stopped or restarting. */
	ACCESSORY_DOWN,
	/**
	 * A litestream command run inside the container failed, hung or printed something
	 * unexpected.
	 */
	EXEC_FAILED,
	/** The Docker Engine could not be reached. */
	DOCKER_UNREACHABLE,
	/** The replica's S3 endpoint could not be listed (network, credentials, bucket). */
	S3_UNREACHABLE,
	/**
	 * The database file does not exist where the config (and the accessory) says it is.
	 */
	DB_FILE_MISSING,
	/** The replica type is one Litewatch cannot list itself (gcs, abs, sftp, file). */
	REPLICA_UNSUPPORTED,
	/** litestream.yml cannot be read or parsed; Litestream would refuse it too. */
	CONFIG_INVALID,
	/**
	 * litestream.yml parses, but Litestream 0.3.13 would silently do something else than
	 * meant.
	 */
	CONFIG_SUSPICIOUS,
	/**
	 * A database's sources did not all answer within the poll; its figures are the last
	 * known.
	 */
	COLLECTION_TIMED_OUT,
	/**
	 * A database's reading was not done when the poll was published; its figures are the
	 * last known, and the reading goes on into the next poll.
	 */
	READING_LATE,
	/**
	 * Litewatch's own state database cannot be written: history and alert state are not
	 * saved.
	 */
	STORE_FAILED,

	/**
	 * The ping to the outside dead-man's switch ({@code litewatch.heartbeat.url}) failed,
	 * twice in a row: the switch will page as if Litewatch were down.
	 */
	HEARTBEAT_FAILED,
	/** No poll has completed for several poll intervals: every figure shown is old. */
	POLL_STALLED,
	/**
	 * The inventory found WAL indexes missing in the current generation: restores from
	 * snapshots before the gap fail.
	 */
	WAL_GAP,
	/** The last restore drill of a replica failed: that backup does not restore. */
	RESTORE_FAILED,
	/** No restore drill has passed within two drill intervals. */
	RESTORE_OVERDUE,
	/**
	 * A drill restored data older than the live database by more than the RPO threshold.
	 */
	RPO_EXCEEDED,
	/**
	 * A point-in-time restore to a moment inside the listed restore window failed: the
	 * window promises more than a restore reaches.
	 */
	RESTORE_POINT_UNREACHABLE,

	/**
	 * Litestream 0.5: a compaction level's input waited past twice its interval.
	 */
	COMPACTION_BEHIND,

	/**
	 * Litestream 0.5: objects in a level folder that are no LTX file (counted and named,
	 * left out of every figure), and a newest snapshot whose header is no LTX header or
	 * not the one its name says (critical: every restore starts from it).
	 */
	LTX_KEY_INVALID,

	/**
	 * Litestream printed a version newer than Litewatch knows; it is read as the nearest
	 * one it does.
	 */
	LITESTREAM_VERSION_UNKNOWN

}
