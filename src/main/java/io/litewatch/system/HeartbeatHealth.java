package io.litewatch.system;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

import io.litewatch.health.HeartbeatFailure;

/**
 * Whether the last heartbeat ping went through, as its sender found it; the next poll
 * shows a failure as a finding (as {@link StoreHealth} does for the store).
 */
@Component
public class HeartbeatHealth {

	private final AtomicReference<HeartbeatFailure> failure = new AtomicReference<>();

	private final AtomicReference<Instant> lastSent = new AtomicReference<>();

	public void failed(String target, String reason, Instant at) {
		failure.updateAndGet((before) -> new HeartbeatFailure(target, reason, before != null ? before.since() : at));
	}

	public void sent(Instant at) {
		failure.set(null);
		lastSent.set(at);
	}

	public Optional<HeartbeatFailure> failure() {
		return Optional.ofNullable(failure.get());
	}

	/** When a ping last went through, or empty. */
	public Optional<Instant> lastSent() {
		return Optional.ofNullable(lastSent.get());
	}

}
