package io.litewatch.history;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;

import io.litewatch.poll.PollCompletedEvent;
import io.litewatch.poll.PollResult;
import io.litewatch.system.RootCause;
import io.litewatch.system.StoreWriter;

/**
 * Every completed poll, kept in memory until the {@link StoreWriter} has stored it: the
 * poll thread never waits on the store. While the store refuses writes the polls wait
 * here, up to {@link #CAPACITY}; beyond that the oldest are dropped (and counted), so an
 * outage leaves a gap in the charts rather than a growing heap.
 */
public class HistoryRecorder implements StoreWriter.Backlog {

	private static final Logger log = LoggerFactory.getLogger(HistoryRecorder.class);

	/** An hour of polls at the default 15 s interval. */
	static final int CAPACITY = 240;

	private final HistoryRepository repository;

	private final StoreWriter writer;

	private final int capacity;

	private final Deque<PollResult> waiting = new ArrayDeque<>();

	/** Polls dropped unrecorded since the store last took a write. */
	private long dropped;

	public HistoryRecorder(HistoryRepository repository, StoreWriter writer) {
		this(repository, writer, CAPACITY);
	}

	HistoryRecorder(HistoryRepository repository, StoreWriter writer, int capacity) {
		this.repository = repository;
		this.writer = writer;
		this.capacity = capacity;
	}

	@EventListener
	public void onPollCompleted(PollCompletedEvent event) {
		synchronized (this) {
			if (waiting.size() >= capacity) {
				waiting.removeFirst();
				dropped++;
			}
			waiting.addLast(event.result());
		}
		writer.wake();
	}

	@Override
	public String what() {
		return "history";
	}

	@Override
	public synchronized boolean hasWork() {
		return !waiting.isEmpty();
	}

	/** Oldest first, each poll in a transaction of its own, until one is refused. */
	@Override
	public void flush() {
		while (true) {
			PollResult next;
			synchronized (this) {
				next = waiting.peekFirst();
			}
			if (next == null) {
				return;
			}
			try {
				repository.record(next);
			}
			catch (RuntimeException ex) {
				if (!refusedForGood(ex)) {
					throw ex;
				}
				// Tried again it would block every later poll behind it.
				log.warn("Poll {} is not recorded in the history: the store refuses it ({})", next.sequence(),
						RootCause.of(ex).getMessage());
			}
			synchronized (this) {
				// Unless the queue dropped it meanwhile for a newer one.
				if (waiting.peekFirst() == next) {
					waiting.removeFirst();
				}
				dropped = 0;
			}
		}
	}

	/** A constraint the poll breaks, rather than a store that takes no writes now. */
	private static boolean refusedForGood(RuntimeException ex) {
		String message = String.valueOf(RootCause.of(ex).getMessage());
		return ex instanceof DataIntegrityViolationException || message.contains("SQLITE_CONSTRAINT");
	}

	@Override
	public synchronized String waiting() {
		if (waiting.isEmpty() && dropped == 0) {
			return null;
		}
		return waiting.size() + " poll(s)" + (dropped > 0
				? " (" + dropped + " older one(s) dropped: at most " + capacity + " wait, so the history has a gap)"
				: "");
	}

	/** Polls not yet recorded; for tests and diagnostics. */
	synchronized int pending() {
		return waiting.size();
	}

}
