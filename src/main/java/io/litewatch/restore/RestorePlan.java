package io.litewatch.restore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What {@code litestream restore -timestamp <at>} would do with one replica, as far as
 * the last poll knows: whether the time can be restored, and from which generation,
 * snapshot and WAL indexes (Litestream 0.3.13's rules, facts §6.2).
 *
 * @param at the time asked for, to the second (what the command is given)
 * @param reasons sentences saying why, for a person
 * @param nearest the nearest time that can be restored when {@code at} cannot be (or sits
 * before a WAL gap), else null
 * @param generation the generation Litestream would pick, or null
 * @param snapshot the snapshot it would start from, or null
 * @param wal the WAL indexes it would replay after the snapshot, or null
 * @param spans what can be restored, per generation, newest first
 * @param restorableUntil about when Litestream's next snapshot replaces the one this
 * restore starts from, after which {@code at} cannot be restored; null when no such
 * rewrite is due
 * @param ltx what a Litestream 0.5 restore starts from and reaches; null for 0.3 (then
 * {@code generation}, {@code snapshot} and {@code wal} say it)
 */
public record RestorePlan(String replica, Instant at, Verdict verdict, List<String> reasons, Instant nearest,
		String generation, Snapshot snapshot, WalRange wal, List<Span> spans, Instant restorableUntil, LtxStart ltx) {

	private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	public RestorePlan {
		reasons = List.copyOf(reasons);
		spans = List.copyOf(spans);
	}

	/** A Litestream 0.3 plan. */
	public RestorePlan(String replica, Instant at, Verdict verdict, List<String> reasons, Instant nearest,
			String generation, Snapshot snapshot, WalRange wal, List<Span> spans, Instant restorableUntil) {
		this(replica, at, verdict, reasons, nearest, generation, snapshot, wal, spans, restorableUntil, null);
	}

	/** A plan no snapshot rewrite threatens. */
	public RestorePlan(String replica, Instant at, Verdict verdict, List<String> reasons, Instant nearest,
			String generation, Snapshot snapshot, WalRange wal, List<Span> spans) {
		this(replica, at, verdict, reasons, nearest, generation, snapshot, wal, spans, null);
	}

	/** How the time relates to what the replica holds. */
	public enum Verdict {

		/** Inside the restore window: Litestream finds a generation and a snapshot. */
		INSIDE(true, false),
		/** Inside, but a WAL index the restore must replay is missing. */
		WAL_GAP(true, true),
		/** Litewatch has no snapshot list to judge by; Litestream will decide. */
		UNCHECKED(true, true),
		/** Before the oldest snapshot: nothing is that old. */
		BEFORE_OLDEST(false, true),
		/** After the newest object: Litestream says "no matching backups found". */
		AFTER_NEWEST(false, true),
		/** Between one generation's end and the next one's first snapshot. */
		BETWEEN_GENERATIONS(false, true),
		/** Nothing is stored for this replica. */
		NO_BACKUP(false, true);

		private final boolean inside;

		private final boolean warning;

		Verdict(boolean inside, boolean warning) {
			this.inside = inside;
			this.warning = warning;
		}

		/** Inside the restore window (even when a gap or unknowns make it doubtful). */
		public boolean inside() {
			return inside;
		}

		/** Whether the page should say "careful". */
		public boolean warning() {
			return warning;
		}

	}

	/** A snapshot as Litestream names it: decimal in its listings, hex in keys. */
	public record Snapshot(long index, Instant created) {

		public String hex() {
			return hex(index);
		}

		static String hex(long index) {
			return String.format("%08x", index);
		}

	}

	/**
	 * The WAL indexes replayed after the snapshot, from its own index on.
	 *
	 * @param to the last one, or the highest it can be when {@code exact} is false; null
	 * when unknown
	 * @param exact whether {@code to} is the last index for sure (the listing gives no
	 * upload time per segment, only where each snapshot and the newest segment are)
	 */
	public record WalRange(long from, Long to, boolean exact) {
	}

	/**
	 * One generation's restorable stretch: from its oldest snapshot to its newest object.
	 */
	public record Span(String generation, Instant from, Instant to, boolean current) {
	}

	/**
	 * Where a Litestream 0.5 restore starts and how far it gets.
	 *
	 * @param snapshotTxid the snapshot (level 9) it starts from, 0 when none
	 * @param snapshotAt when that snapshot was uploaded
	 * @param reachTxid the last TXID it applies when known (a time past the newest file),
	 * else null
	 * @param slack how far before {@code at} the last file it applies may end: the finest
	 * level still kept for that time
	 */
	public record LtxStart(long snapshotTxid, Instant snapshotAt, Long reachTxid, java.time.Duration slack) {
	}

	/** The command's {@code -timestamp} value. */
	public String timestamp() {
		return rfc3339(at);
	}

	static String rfc3339(Instant instant) {
		return RFC3339.format(instant);
	}

	/** "2026-11-25 14:51:58 UTC". */
	public static String text(Instant instant) {
		return instant == null ? "an unknown time" : TEXT.format(instant);
	}

}
