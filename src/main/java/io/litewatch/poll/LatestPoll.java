package io.litewatch.poll;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/** The last completed poll, handed to requests without any I/O. */
@Component
public class LatestPoll {

	private final AtomicReference<PollResult> latest = new AtomicReference<>();

	private volatile boolean polling;

	public Optional<PollResult> get() {
		return Optional.ofNullable(latest.get());
	}

	void publish(PollResult result) {
		latest.set(result);
	}

	/** True while a poll is under way, for the page's "polling…" indicator. */
	public boolean polling() {
		return polling;
	}

	void polling(boolean polling) {
		this.polling = polling;
	}

}
