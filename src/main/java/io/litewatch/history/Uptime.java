package io.litewatch.history;

/**
 * How often a database was up over a window: a poll counts as up unless the database's
 * status in it was critical (a critical finding of its own, of the accessory, or of one
 * of its replicas). Polls in which the database was not configured do not count either
 * way.
 */
public record Uptime(String database, long polls, long upPolls) {

	public Uptime {
		if (polls <= 0 || upPolls < 0 || upPolls > polls) {
			throw new IllegalArgumentException("uptime of " + database + ": " + upPolls + " of " + polls);
		}
	}

	/** Share of polls that were up, 0–100. */
	public double percent() {
		return 100.0 * upPolls / polls;
	}

}
