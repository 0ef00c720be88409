package io.litewatch.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.litewatch.s3.S3Location;

/**
 * Where the poll and the inventory meet. The poll asks for each s3 replica it lists,
 * which is how the inventory learns which replicas exist; the inventory puts what it
 * found. Replicas the poll stopped asking about are dropped from the walk.
 */
public class InventoryBook {

	/** A replica not asked about for this long is no longer configured. */
	static final Duration FORGET_AFTER = Duration.ofMinutes(10);

	private final boolean enabled;

	private final Clock clock;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * What earlier runs persisted, by replica key: picked up when the poll first asks.
	 */
	private final Map<String, ReplicaInventory> stored;

	public InventoryBook(boolean enabled, Clock clock, Map<String, ReplicaInventory> stored) {
		this.enabled = enabled;
		this.clock = clock;
		this.stored = Map.copyOf(stored);
	}

	/**
	 * What is known of the replica at {@code location}; empty when the inventory is
	 * disabled.
	 */
	public Optional<ReplicaInventory> observe(S3Location location) {
		if (!enabled) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		Entry entry = entries.compute(key(location),
				(k, e) -> e == null ? new Entry(location, stored.getOrDefault(k, ReplicaInventory.NOT_STARTED), now)
						: new Entry(location, e.inventory(), now));
		return Optional.of(entry.inventory());
	}

	/** The replicas asked about lately, in a stable order. */
	List<S3Location> wanted() {
		Instant since = clock.instant().minus(FORGET_AFTER);
		return entries.entrySet()
			.stream()
			.filter(e -> e.getValue().askedAt().isAfter(since))
			.sorted(Map.Entry.comparingByKey())
			.map(e -> e.getValue().location())
			.toList();
	}

	Optional<ReplicaInventory> get(S3Location location) {
		return Optional.ofNullable(entries.get(key(location))).map(Entry::inventory);
	}

	void put(S3Location location, ReplicaInventory inventory) {
		entries.computeIfPresent(key(location), (k, e) -> new Entry(e.location(), inventory, e.askedAt()));
	}

	static String key(S3Location location) {
		return location.replicaKey();
	}

	private record Entry(S3Location location, ReplicaInventory inventory, Instant askedAt) {
	}

}
