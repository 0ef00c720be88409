package io.litewatch.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The users and the token the real-app tests configure: an operator, a viewer and one
 * read token, as {@code litewatch.security.*} arguments. Hashed at cost 4, the lowest
 * bcrypt allows, so a test's logins stay fast; production hashes use 10 or more.
 */
public final class TestAccounts {

	public static final String OPERATOR = "it-operator";

	public static final String OPERATOR_PASSWORD = "it-operator-password-4f2a";

	public static final String VIEWER = "it-viewer";

	public static final String VIEWER_PASSWORD = "it-viewer-password-9c1e";

	public static final String TOKEN_NAME = "it-checker";

	public static final String TOKEN = "it-token-3b6f0c0d9e8a47f1a2b3c4d5e6f70812";

	private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

	private TestAccounts() {
	}

	public static String bcrypt(String password) {
		return BCRYPT.encode(password);
	}

	public static String sha256(String token) throws Exception {
		return "sha256:" + HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
	}

	/** Command-line arguments that configure the operator, the viewer and the token. */
	public static List<String> arguments() {
		try {
			return List.of("--litewatch.security.users[0].name=" + OPERATOR,
					"--litewatch.security.users[0].password-hash={bcrypt}" + bcrypt(OPERATOR_PASSWORD),
					"--litewatch.security.users[0].role=operator", "--litewatch.security.users[1].name=" + VIEWER,
					"--litewatch.security.users[1].password-hash=" + bcrypt(VIEWER_PASSWORD),
					"--litewatch.security.users[1].role=viewer", "--litewatch.security.tokens[0].name=" + TOKEN_NAME,
					"--litewatch.security.tokens[0].hash=" + sha256(TOKEN));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
