package io.litewatch.restore;

import java.util.List;

/**
 * The commands of one way to restore (with docker on the host, with Kamal from the app's
 * directory, or with the litestream binary on the host), step by step, each step saying
 * what it does and why.
 *
 * @param id a short name for the page ({@code docker}, {@code kamal}, {@code host})
 * @param notes what the commands could not know and the reader must check
 */
public record Runbook(String id, String title, String intro, List<Step> steps, List<String> notes) {

	public Runbook {
		steps = List.copyOf(steps);
		notes = List.copyOf(notes);
	}

	/**
	 * One block of commands, copied and run together.
	 *
	 * @param commands one shell command a line, every value quoted as needed
	 */
	public record Step(String title, String explanation, List<String> commands) {

		public Step {
			commands = List.copyOf(commands);
		}

		/** What the copy button copies. */
		public String text() {
			return String.join("\n", commands);
		}

	}

}
