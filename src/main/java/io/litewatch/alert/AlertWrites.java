package io.litewatch.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

import io.litewatch.alert.outbox.OutboxRepository;
import io.litewatch.alert.outbox.PendingOutbox;
import io.litewatch.system.StoreWriter;

/**
 * What the alert state machine decided and the store does not hold yet: the newest
 * states, the alerts that resolved and the notifications ({@link PendingOutbox}). Written
 * in one transaction, so the store never says an alert was announced without its
 * notification in the outbox.
 */
public class AlertWrites implements StoreWriter.Backlog {

	private static final Logger log = LoggerFactory.getLogger(AlertWrites.class);

	/** Resolved alerts held while the store is down. */
	static final int CAPACITY = 1000;

	private final AlertRepository alerts;

	private final OutboxRepository outbox;

	private final PendingOutbox pending;

	private final TransactionOperations transactions;

	private final Runnable changed;

	/** The newest states, until written; null when the store has them. */
	private Map<String, AlertState> states;

	private final List<Resolved> resolved = new ArrayList<>();

	private record Resolved(AlertState state, Instant at) {
	}

	/**
	 * @param changed called when something waits to be written
	 */
	public AlertWrites(AlertRepository alerts, OutboxRepository outbox, PendingOutbox pending,
			TransactionOperations transactions, Runnable changed) {
		this.alerts = alerts;
		this.outbox = outbox;
		this.pending = pending;
		this.transactions = transactions;
		this.changed = changed;
	}

	/** After a step of the machine: its states replace the stored ones. */
	void stepped(Map<String, AlertState> next, List<AlertState> resolvedNow, Instant at) {
		synchronized (this) {
			states = Map.copyOf(next);
			for (AlertState state : resolvedNow) {
				if (resolved.size() >= CAPACITY) {
					Resolved dropped = resolved.remove(0);
					log.warn("the resolved {} alert of {} is not kept in the alert history: {} wait for the store",
							dropped.state().code(), dropped.state().database(), CAPACITY);
				}
				resolved.add(new Resolved(state, at));
			}
		}
		changed.run();
	}

	@Override
	public String what() {
		return "alert state";
	}

	@Override
	public boolean hasWork() {
		synchronized (this) {
			if (states != null || !resolved.isEmpty()) {
				return true;
			}
		}
		return pending.hasWork();
	}

	@Override
	public void flush() {
		Map<String, AlertState> newest;
		List<Resolved> ended;
		synchronized (this) {
			newest = states;
			ended = List.copyOf(resolved);
		}
		List<PendingOutbox.Row> rows = pending.toWrite();
		transactions.executeWithoutResult((status) -> {
			if (newest != null) {
				alerts.replaceStates(newest);
			}
			ended.forEach((r) -> alerts.recordResolved(r.state(), r.at()));
			for (PendingOutbox.Row row : rows) {
				if (row.inStore()) {
					outbox.update(row.message());
				}
				else {
					outbox.enqueue(row.message());
				}
			}
		});
		synchronized (this) {
			if (states == newest) {
				states = null;
			}
			resolved.removeAll(ended);
		}
		pending.written(rows);
	}

	@Override
	public String waiting() {
		int notifications = pending.size();
		synchronized (this) {
			if (states == null && resolved.isEmpty() && notifications == 0) {
				return null;
			}
			List<String> parts = new ArrayList<>();
			if (states != null) {
				parts.add("the alert states");
			}
			if (!resolved.isEmpty()) {
				parts.add(resolved.size() + " resolved alert(s)");
			}
			if (notifications > 0) {
				parts.add(notifications + " notification(s) (delivered from memory meanwhile)");
			}
			return String.join(", ", parts);
		}
	}

}
