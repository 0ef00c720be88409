package io.litewatch.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log. Every text is clipped, so no request can make an entry (or
 * the table) grow past a few kilobytes.
 *
 * @param actor the account's name, or a placeholder such as "(unknown name)"
 * @param target what was acted on (a silence's scope, a channel), or null
 * @param detail the rest in words (a reason, a duration, why it was refused), or null
 * @param address the client's address as the server sees it (after trusted proxies), or
 * null
 */
public record AuditEntry(String id, Instant at, String actor, AuditAction action, String target, String detail,
		String address) {

	static final int MAX_NAME = 200;

	static final int MAX_DETAIL = 500;

	public AuditEntry {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(at, "at");
		Objects.requireNonNull(action, "action");
		actor = clip(actor == null || actor.isBlank() ? "(anonymous)" : actor, MAX_NAME);
		target = clip(target, MAX_NAME);
		detail = clip(detail, MAX_DETAIL);
		address = clip(address, 64);
	}

	private static String clip(String text, int max) {
		if (text == null) {
			return null;
		}
		String oneLine = text.replaceAll("\\p{Cntrl}", " ");
		return oneLine.length() > max ? oneLine.substring(0, max - 1) + "…" : oneLine;
	}

}
