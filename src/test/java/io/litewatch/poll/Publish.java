package io.litewatch.poll;

/**
 * Hands a poll to a {@link LatestPoll} from tests in other packages, as {@link PollCycle}
 * does after a poll.
 */
public final class Publish {

	private Publish() {
	}

	public static void poll(LatestPoll latest, PollResult result) {
		latest.publish(result);
	}

	public static void polling(LatestPoll latest, boolean polling) {
		latest.polling(polling);
	}

}
