package io.litewatch.alert.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.litewatch.alert.channel.Redaction;

/**
 * Notifications decided but not yet (fully) in the store. The dispatcher delivers them
 * from here, so an alert that fires while the store refuses writes still goes out; the
 * store writer then inserts each one as it stands (sent, or with its attempts), so it is
 * recorded once and never sent again for it. A message leaves once the store holds its
 * latest state; from then on the store is its only record.
 * <p>
 * An attempt counts before the send, as in the store: a message the store takes while it
 * is being sent is written with the attempt and its backoff, so a crash mid-send sends it
 * again only after that backoff.
 */
public class PendingOutbox {

	private static final Logger log = LoggerFactory.getLogger(PendingOutbox.class);

	/** Notifications held while the store is down; far more than any outage produces. */
	static final int CAPACITY = 1000;

	private final Runnable changed;

	private final int capacity;

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	private long version;

	/**
	 * @param changed called (outside the lock) when something waits to be written
	 */
	public PendingOutbox(Runnable changed) {
		this(changed, CAPACITY);
	}

	PendingOutbox(Runnable changed, int capacity) {
		this.changed = changed;
		this.capacity = capacity;
	}

	private static final class Entry {

		private OutboxMessage message;

		private boolean sending;

		private long version;

		/** The version the store holds; -1 while it holds none. */
		private long written = -1;

		Entry(OutboxMessage message, long version) {
			this.message = message;
			this.version = version;
		}

		boolean inStore() {
			return written >= 0;
		}

	}

	/** What a write takes: each message as it stands, and whether the store has it. */
	public record Row(OutboxMessage message, boolean inStore, long version) {
	}

	public void add(List<OutboxMessage> messages) {
		if (messages.isEmpty()) {
			return;
		}
		synchronized (this) {
			for (OutboxMessage message : messages) {
				entries.put(message.id(), new Entry(message, ++version));
			}
			dropOverCapacity();
		}
		changed.run();
	}

	/**
	 * Drops only what was never tried and the store never had: dropping anything else
	 * could make the store path send it again.
	 */
	private void dropOverCapacity() {
		Iterator<Entry> oldest = entries.values().iterator();
		while (entries.size() > capacity && oldest.hasNext()) {
			Entry entry = oldest.next();
			if (!entry.sending && !entry.inStore() && entry.message.attempts() == 0) {
				oldest.remove();
				log.error("dropped the {} notification for {} to {}: {} notifications already wait for the store",
						entry.message.event(), entry.message.database(), entry.message.channel(), capacity);
			}
		}
	}

	/**
	 * Takes the channel's oldest due message the store does not hold yet for sending, and
	 * counts the attempt: one more, made now, the next not before its backoff.
	 * @param backoff the wait after the given attempt number
	 */
	public synchronized Optional<OutboxMessage> claimNext(String channel, Instant now, IntFunction<Duration> backoff) {
		Entry oldest = null;
		for (Entry entry : entries.values()) {
			OutboxMessage m = entry.message;
			// Held here, the store's copy may be behind: this outbox sends it (the store
			// path skips it) until the store has its latest state.
			if (entry.sending || m.status() != OutboxMessage.Status.PENDING || !m.channel().equals(channel)
					|| m.nextAttemptAt().isAfter(now)) {
				continue;
			}
			if (oldest == null || m.nextAttemptAt().isBefore(oldest.message.nextAttemptAt())) {
				oldest = entry;
			}
		}
		if (oldest == null) {
			return Optional.empty();
		}
		OutboxMessage m = oldest.message;
		int attempt = m.attempts() + 1;
		oldest.message = new OutboxMessage(m.id(), m.notificationId(), m.channel(), m.event(), m.database(),
				m.severity(), m.message(), m.status(), attempt, m.createdAt(), now.plus(backoff.apply(attempt)), now,
				m.sentAt(), m.lastError());
		oldest.sending = true;
		oldest.version = ++version;
		return Optional.of(oldest.message);
	}

	/** The claimed send went out. */
	public void sent(String id, Instant at) {
		finish(id,
				(m) -> new OutboxMessage(m.id(), m.notificationId(), m.channel(), m.event(), m.database(), m.severity(),
						m.message(), OutboxMessage.Status.SENT, m.attempts(), m.createdAt(), m.nextAttemptAt(),
						m.lastAttemptAt(), at, null));
	}

	/** The claimed send failed: again at {@code next}, or never when {@code dead}. */
	public void failed(String id, Instant next, boolean dead, String error) {
		finish(id,
				(m) -> new OutboxMessage(m.id(), m.notificationId(), m.channel(), m.event(), m.database(), m.severity(),
						m.message(), dead ? OutboxMessage.Status.DEAD : OutboxMessage.Status.PENDING, m.attempts(),
						m.createdAt(), next, m.lastAttemptAt(), null, error));
	}

	private void finish(String id, java.util.function.UnaryOperator<OutboxMessage> outcome) {
		synchronized (this) {
			Entry entry = entries.get(id);
			if (entry == null) {
				return;
			}
			entry.message = outcome.apply(entry.message);
			entry.sending = false;
			entry.version = ++version;
		}
		changed.run();
	}

	/**
	 * Whether this outbox still speaks for the message: the store's copy may be behind,
	 * so the dispatcher leaves it alone.
	 */
	public synchronized boolean holds(String id) {
		return entries.containsKey(id);
	}

	public synchronized boolean hasWork() {
		return entries.values().stream().anyMatch((e) -> e.written != e.version);
	}

	/** What the store does not hold as it stands now. */
	public synchronized List<Row> toWrite() {
		List<Row> rows = new ArrayList<>();
		for (Entry entry : entries.values()) {
			if (entry.written != entry.version) {
				rows.add(new Row(entry.message, entry.inStore(), entry.version));
			}
		}
		return rows;
	}

	/**
	 * The rows were committed. A message whose write is its latest state and that is not
	 * being sent leaves; one changed since is written again.
	 */
	public synchronized void written(List<Row> rows) {
		for (Row row : rows) {
			Entry entry = entries.get(row.message().id());
			if (entry == null) {
				continue;
			}
			entry.written = row.version();
			if (entry.version == row.version() && !entry.sending) {
				entries.remove(row.message().id());
			}
		}
	}

	/** Messages not yet in the store, newest first, for the pages. */
	public synchronized List<OutboxMessage> unrecorded() {
		List<OutboxMessage> all = new ArrayList<>();
		for (Entry entry : entries.values()) {
			if (!entry.inStore()) {
				all.add(0, entry.message);
			}
		}
		return all;
	}

	public synchronized int size() {
		return entries.size();
	}

}
