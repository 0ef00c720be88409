package io.litewatch.poll;

/**
 * Puts a hand-built poll where requests read it, for tests of readers in other packages
 * ({@link LatestPoll#publish} is for the poll cycle only).
 */
public final class LatestPollFixture {

	private LatestPollFixture() {
	}

	public static void publish(LatestPoll latest, PollResult result) {
		latest.publish(result);
	}

}
