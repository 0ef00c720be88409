package io.litewatch.system;

import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.litewatch.health.StoreFailure;

/**
 * Whether Litewatch's own state database takes writes, as the writers last found it. A
 * refused write is logged by its writer and remembered here, so the next poll shows it as
 * a finding on the page and in the JSON rather than only in the log.
 */
@Component
public class StoreHealth {

	private static final int MAX_REASON = 300;

	private final Clock clock;

	/** By writer ("history", "alert state"): a fixed handful, so this stays small. */
	private final Map<String, StoreFailure> failures = new ConcurrentHashMap<>();

	public StoreHealth(Clock clock) {
		this.clock = clock;
	}

	public void failed(String what, RuntimeException ex) {
		failed(what, ex, null);
	}

	/**
	 * @param waiting what waits in memory to be written ("12 polls"), or null
	 */
	public void failed(String what, RuntimeException ex, String waiting) {
		String reason = reason(ex);
		failures.compute(what, (key, before) -> new StoreFailure(what, reason,
				before != null ? before.since() : clock.instant(), waiting));
	}

	public void succeeded(String what) {
		failures.remove(what);
	}

	/**
	 * The longest-lasting refusal among the writers, if any writer's last write failed.
	 */
	public Optional<StoreFailure> failure() {
		return failures.values().stream().min(Comparator.comparing(StoreFailure::since));
	}

	/** The innermost message (the driver's own words), on one line and short. */
	static String reason(Throwable ex) {
		Throwable root = RootCause.of(ex);
		String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
		message = message.replaceAll("\\s+", " ").strip();
		return message.length() > MAX_REASON ? message.substring(0, MAX_REASON) + "…" : message;
	}

}
