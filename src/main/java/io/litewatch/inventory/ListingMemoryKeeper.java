package io.litewatch.inventory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

import tools.jackson.databind.json.JsonMapper;

import io.litewatch.s3.ListingMemory;
import io.litewatch.s3.S3ReplicaLister;
import io.litewatch.system.FixedDelayTask;

/**
 * Keeps what the poll's lister remembers ({@code replica_listing} of
 * {@code V3__inventory.sql}) across restarts: saved off the poll thread every
 * {@link #SAVE_INTERVAL} and at shutdown, only for replicas listed since the last save. A
 * crash loses at most that interval, which the next poll lists again.
 */
public class ListingMemoryKeeper implements SmartLifecycle {

	static final Duration SAVE_INTERVAL = Duration.ofMinutes(1);

	private static final Logger log = LoggerFactory.getLogger(ListingMemoryKeeper.class);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final FixedDelayTask saves;

	private final Clock clock;

	private S3ReplicaLister lister;

	private long mark;

	public ListingMemoryKeeper(JdbcClient jdbc, JsonMapper json, TaskScheduler scheduler, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.saves = new FixedDelayTask("saving the listing state", this::save, scheduler, SAVE_INTERVAL);
		this.clock = clock;
	}

	/** Every replica's stored memory, by replica key; unreadable rows are skipped. */
	public Map<String, ListingMemory> load() {
		Map<String, ListingMemory> all = new HashMap<>();
		jdbc.sql("SELECT replica_key, memory_json FROM replica_listing").query((rs) -> {
			try {
				all.put(rs.getString("replica_key"), json.readValue(rs.getString("memory_json"), ListingMemory.class));
			}
			catch (RuntimeException ex) {
				// Written by another version: the first poll lists the tail again.
				log.warn("ignoring the stored listing state of one replica: {}", ex.getMessage());
			}
		});
		return all;
	}

	/** The lister to save from; set once it is built from {@link #load()}. */
	public synchronized void keep(S3ReplicaLister lister) {
		this.lister = lister;
	}

	/** Saves what changed since the last save; public for tests. */
	public synchronized int save() {
		if (lister == null) {
			return 0;
		}
		S3ReplicaLister.Export export = lister.export(mark);
		long at = clock.millis();
		for (Map.Entry<String, ListingMemory> entry : export.replicas().entrySet()) {
			jdbc.sql("INSERT INTO replica_listing (replica_key, memory_json, updated_at) VALUES (:key, :json, :at) "
					+ "ON CONFLICT (replica_key) DO UPDATE SET memory_json = excluded.memory_json, "
					+ "updated_at = excluded.updated_at")
				.param("key", entry.getKey())
				.param("json", json.writeValueAsString(entry.getValue()))
				.param("at", at)
				.update();
		}
		mark = export.mark();
		return export.replicas().size();
	}

	@Override
	public void start() {
		saves.start();
	}

	/** The last save, before the lister is closed. */
	@Override
	public void stop() {
		saves.stop();
		try {
			save();
		}
		catch (RuntimeException ex) {
			log.warn("could not save the listing state at shutdown: {}", ex.toString());
		}
	}

	@Override
	public boolean isRunning() {
		return saves.isRunning();
	}

}
