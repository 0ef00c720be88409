package io.litewatch.alert.channel;

import java.net.URI;
import java.util.Collection;
import java.util.Comparator;

/**
 * Keeps secrets out of targets, exception messages and logs. Webhook URLs carry their
 * token in the path (Slack, Discord) or the query, so only the scheme, host and first
 * path segment are shown.
 */
public final class Redaction {

	/**
	 * Longest error text kept with a delivery ({@code outbox.last_error}, the alerts
	 * page, the log): enough for any real cause, and a receiver echoing megabytes cannot
	 * fill the database.
	 */
	public static final int MAX_ERROR_TEXT = 1000;

	/**
	 * Shorter values are not scrubbed from free text: replacing "1" everywhere would
	 * garble it.
	 */
	private static final int MIN_SECRET_LENGTH = 4;

	private Redaction() {
	}

	/**
	 * {@code https://hooks.slack.com/services/…}: scheme, host, port and the first path
	 * segment when more follows; a single path segment may itself be the secret, so it is
	 * hidden too.
	 */
	public static String maskUrl(URI url) {
		StringBuilder out = new StringBuilder();
		out.append(url.getScheme()).append("://").append(url.getHost());
		if (url.getPort() != -1) {
			out.append(':').append(url.getPort());
		}
		out.append('/');
		String path = url.getRawPath() == null ? "" : url.getRawPath();
		String[] segments = path.replaceFirst("^/+", "").split("/", -1);
		boolean more = segments.length > 1 || url.getRawQuery() != null;
		if (more && !segments[0].isEmpty()) {
			out.append(segments[0]).append('/');
		}
		if (!path.isEmpty() && !path.equals("/") || url.getRawQuery() != null) {
			out.append('…');
		}
		return out.toString();
	}

	/** Replaces every occurrence of each secret (longest first) with "…". */
	public static String scrub(String text, Collection<String> secrets) {
		if (text == null) {
			return null;
		}
		String result = text;
		for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
			if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
				result = result.replace(secret, "…");
			}
		}
		return result;
	}

	/**
	 * True when a secret appears in the message of the exception or any of its causes.
	 */
	static boolean leaks(Throwable error, Collection<String> secrets) {
		for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
			String message = t.getMessage();
			if (message != null && !scrub(message, secrets).equals(message)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * "ConnectException: Connection refused", scrubbed, from the innermost cause that
	 * says something.
	 */
	static String describe(Throwable error, Collection<String> secrets) {
		Throwable best = error;
		for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t.getMessage() != null && !t.getMessage().isBlank()) {
				best = t;
			}
		}
		String message = best.getMessage();
		String name = best.getClass().getSimpleName();
		return message == null || message.isBlank() ? name : name + ": " + oneLine(scrub(message, secrets), 300);
	}

	/**
	 * An error text as stored and shown: one line, at most {@link #MAX_ERROR_TEXT}
	 * characters, cut ones ending in "…"; null stays null.
	 */
	public static String errorText(String text) {
		return text == null ? null : oneLine(text, MAX_ERROR_TEXT);
	}

	/**
	 * Control characters become spaces, and long text is cut (ending in "…"), so one
	 * value stays on one line.
	 */
	static String oneLine(String text, int max) {
		if (text == null) {
			return "";
		}
		String flat = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
		if (flat.length() <= max) {
			return flat;
		}
		int end = Math.max(0, max - 1);
		// Never half an emoji: a lone surrogate is not valid UTF-8 in a page or a
		// database.
		if (end > 0 && Character.isHighSurrogate(flat.charAt(end - 1))) {
			end--;
		}
		return flat.substring(0, end) + "…";
	}

}
