package io.litewatch.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed sign-ins per name and per client address and says when one of them is
 * locked. Memory is bounded: at most {@code maxTracked} keys, the least recently seen
 * forgotten first.
 */
public final class LoginThrottle {

	private final LoginThrottleProperties properties;

	private final Clock clock;

	private final Map<String, Tally> tallies;

	public LoginThrottle(LoginThrottleProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		int cap = properties.maxTracked();
		this.tallies = new LinkedHashMap<>(64, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Tally> eldest) {
				return size() > cap;
			}
		};
	}

	/** How long this name or this address is still refused, if it is. */
	public synchronized Optional<Duration> lockedFor(String name, String address) {
		Instant now = clock.instant();
		Duration longest = null;
		for (String key : keys(name, address)) {
			Tally tally = tallies.get(key);
			if (tally != null && tally.lockedUntil != null && now.isBefore(tally.lockedUntil)) {
				Duration left = Duration.between(now, tally.lockedUntil);
				longest = longest == null || left.compareTo(longest) > 0 ? left : longest;
			}
		}
		return Optional.ofNullable(longest);
	}

	public synchronized void failed(String name, String address) {
		Instant now = clock.instant();
		String[] keys = keys(name, address);
		for (String key : keys) {
			if (key == null) {
				continue;
			}
			int limit = key.startsWith("name:") ? properties.maxFailures() : properties.maxFailuresPerAddress();
			Tally tally = tallies.computeIfAbsent(key, (k) -> new Tally());
			tally.failures.addLast(now);
			Instant since = now.minus(properties.window());
			while (!tally.failures.isEmpty() && tally.failures.peekFirst().isBefore(since)) {
				tally.failures.removeFirst();
			}
			// Cleared when it locks, so a key never holds more failures than its limit.
			if (tally.failures.size() >= limit) {
				tally.lockedUntil = now.plus(properties.lockout());
				tally.failures.clear();
			}
		}
	}

	/**
	 * A right password clears the name's failures (not the address's: others share it).
	 */
	public synchronized void succeeded(String name) {
		tallies.remove(nameKey(name));
	}

	synchronized int tracked() {
		return tallies.size();
	}

	private static String[] keys(String name, String address) {
		return new String[] { nameKey(name), address == null || address.isEmpty() ? null : "address:" + address };
	}

	private static String nameKey(String name) {
		// Names are matched as the user store matches them (ignoring case); a bounded key
		// whatever was typed.
		String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
		return "name:" + (key.length() > 200 ? key.substring(0, 200) : key);
	}

	private static final class Tally {

		private final Deque<Instant> failures = new ArrayDeque<>();

		private Instant lockedUntil;

	}

}
