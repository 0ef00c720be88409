package io.litewatch.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The two hash forms Litewatch reads from its settings: bcrypt (passwords, and tokens if
 * wanted) and SHA-256 (tokens: they are long and random, so a fast hash is enough and
 * every API request stays cheap).
 */
final class Hashes {

	/** As Spring Security's BCryptPasswordEncoder reads them: $2a$, $2b$ or $2y$. */
	private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$(\\d\\d)\\$[./0-9A-Za-z]{53}");

	private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-fA-F]{64}");

	private static final String PREFIX = "{bcrypt}";

	static final String HOW_TO_HASH = "Make a bcrypt hash with  htpasswd -bnBC 10 \"\" 'the password' | tr -d ':\\n'"
			+ "  (Debian package apache2-utils), and quote it in single quotes: shells and docker compose"
			+ " expand the $ signs otherwise (write $$ in a compose file). README, Access.";

	private Hashes() {
	}

	/**
	 * The bare bcrypt hash of a setting, without Spring's {@code {bcrypt}} prefix; null
	 * when the text is not one.
	 */
	static String bcrypt(String text) {
		if (text == null) {
			return null;
		}
		String bare = text.strip();
		if (bare.startsWith(PREFIX)) {
			bare = bare.substring(PREFIX.length());
		}
		var matcher = BCRYPT.matcher(bare);
		if (!matcher.matches()) {
			return null;
		}
		int cost = Integer.parseInt(matcher.group(1));
		return cost >= 4 && cost <= 31 ? bare : null;
	}

	/** The digest a {@code sha256:<hex>} setting names; null when it is not one. */
	static byte[] sha256Setting(String text) {
		if (text == null || !SHA256.matcher(text.strip()).matches()) {
			return null;
		}
		return HexFormat.of().parseHex(text.strip().substring("sha256:".length()).toLowerCase(Locale.ROOT));
	}

	static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	/** Why a setting is not a hash, in words that never repeat it. */
	static String whyNotBcrypt(String text) {
		if (text == null || text.isBlank()) {
			return "is missing";
		}
		String bare = text.strip();
		if (bare.startsWith("{") && !bare.startsWith(PREFIX)) {
			return "uses a scheme other than bcrypt (only bcrypt hashes are accepted, never a plain password)";
		}
		return "is not a bcrypt hash (expected $2a$, $2b$ or $2y$, a two-digit cost from 04 to 31 and"
				+ " 53 more characters; " + bare.length() + " characters were given: if it was a hash, a shell"
				+ " or docker compose may have expanded its $ signs)";
	}

}
