package io.litewatch.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.litewatch.s3.S3ClientFactory;
import io.litewatch.s3.S3ListingException;
import io.litewatch.s3.S3Location;

/**
 * Walks the replicas the poll asks about, one request per tick, ticks spaced by the
 * budget ({@link InventoryProperties#requestSpacing()}), taking the replicas in turn so a
 * large one does not starve the others. Every step is persisted before the next, so a
 * restart costs at most the one request in flight. Runs on its own thread, never in the
 * poll path.
 */
public class InventoryRunner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InventoryRunner.class);

	private final InventoryProperties properties;

	private final InventoryBook book;

	private final InventoryRepository repository;

	private final S3ClientFactory clients;

	private final Clock clock;

	private ScheduledExecutorService executor;

	private int turn;

	public InventoryRunner(InventoryProperties properties, InventoryBook book, InventoryRepository repository,
			S3ClientFactory clients, Clock clock) {
		this.properties = properties;
		this.book = book;
		this.repository = repository;
		this.clients = clients;
		this.clock = clock;
	}

	/** Takes one step for the next replica that has work; public for tests. */
	public synchronized boolean tick() {
		List<S3Location> wanted = book.wanted();
		Instant now = clock.instant();
		for (int i = 0; i < wanted.size(); i++) {
			S3Location location = wanted.get((turn + i) % wanted.size());
			ReplicaInventory inventory = book.get(location).orElse(ReplicaInventory.NOT_STARTED);
			if (hasWork(inventory, now)) {
				turn = (turn + i + 1) % wanted.size();
				step(location, inventory, now);
				return true;
			}
		}
		return false;
	}

	private boolean hasWork(ReplicaInventory inventory, Instant now) {
		if (inventory.errorAt() != null && now.isBefore(inventory.errorAt().plus(properties.errorBackoff()))) {
			return false;
		}
		return inventory.pass() != null || inventory.figures() == null
				|| !now.isBefore(inventory.figures().completedAt().plus(properties.passInterval()));
	}

	private void step(S3Location location, ReplicaInventory inventory, Instant now) {
		InventoryPass pass = inventory.pass() != null ? inventory.pass() : InventoryPass.begin(now);
		try {
			InventoryPass next = new InventoryWalker(clients.client(location), location).step(pass,
					inventory.figures());
			InventoryFigures figures = inventory.figures();
			if (next.finished()) {
				figures = InventoryFigures.of(next, clock.instant(), figures);
				next = null;
				log.info("inventory of s3://{}/{} complete: {} WAL segments, {} snapshots, {} requests",
						location.bucket(), location.path(), figures.walSegments(), figures.snapshotCount(),
						figures.requests());
			}
			repository.save(InventoryBook.key(location), next, figures, clock.millis());
			book.put(location, ReplicaInventory.of(next, figures));
		}
		catch (S3ListingException ex) {
			book.put(location, inventory.failed(ex.getMessage(), now));
		}
		catch (RuntimeException ex) {
			// A store that cannot write must not lose the walk: the step is taken again.
			log.warn("inventory step for s3://{}/{} failed: {}", location.bucket(), location.path(), ex.toString());
			book.put(location, inventory.failed("inventory step failed: " + ex.getMessage(), now));
		}
	}

	@Override
	public synchronized void start() {
		if (executor != null || !properties.enabled()) {
			return;
		}
		executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "litewatch-inventory");
			thread.setDaemon(true);
			return thread;
		});
		long spacing = properties.requestSpacing().toMillis();
		executor.scheduleWithFixedDelay(this::tickSafely, spacing, spacing, TimeUnit.MILLISECONDS);
	}

	private void tickSafely() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			log.warn("inventory tick failed", ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (executor != null) {
			executor.shutdownNow();
			executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}

}
