package io.litewatch.poll;

/**
 * Published (synchronously, on the poll thread) after each poll's result is in
 * {@link LatestPoll}.
 */
public record PollCompletedEvent(PollResult result) {
}
