package io.litewatch.security;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may see and do what ({@code litewatch.security.*}). The hashes are checked when the
 * accounts are built ({@link AccountsConfiguration}), not here: a bean-validation message
 * would print the rejected value, and a hash must never reach a log line.
 *
 * @param users people who sign in; none configured means one generated operator,
 * {@code admin}, whose password is kept in {@code <data-dir>/admin-password}
 * @param statusAccess whether {@code /api/status} and the badges answer anonymous clients
 * (with the status only) or need a login or a token
 * @param tokens read-only tokens for machines: uptime checkers, Prometheus, badges
 * @param loginHint a sentence shown under the login form (the demo says its user there);
 * empty shows none
 */
@ConfigurationProperties("litewatch.security")
@Validated
public record AccessProperties(@DefaultValue List<@Valid User> users,
		@DefaultValue("public") @NotNull StatusAccess statusAccess, @DefaultValue List<@Valid Token> tokens,
		@DefaultValue("") String loginHint) {

	public AccessProperties {
		users = users == null ? List.of() : List.copyOf(users);
		tokens = tokens == null ? List.of() : List.copyOf(tokens);
		loginHint = loginHint == null ? "" : loginHint.strip();
	}

	/** What a role may do: viewers read, operators also act. */
	public enum Role {

		/** Reads every page and the JSON. */
		VIEWER,
		/**
		 * Also silences, ends silences, sends test notifications, and every later action.
		 */
		OPERATOR

	}

	/** Who may read {@code /api/status} and the badges. */
	public enum StatusAccess {

		/**
		 * Anyone, with the status only (no path, bucket, host or message); the full JSON
		 * still needs a login or a token.
		 */
		PUBLIC,
		/** Only a signed-in user or a request with a configured token. */
		TOKEN

	}

	/**
	 * @param passwordHash a bcrypt hash, bare ({@code $2y$10$…}) or with Spring's
	 * {@code {bcrypt}} prefix
	 */
	public record User(@NotBlank String name, String passwordHash, @DefaultValue("viewer") @NotNull Role role) {

		/** Leaves the hash out, should anything ever print the settings. */
		@Override
		public String toString() {
			return "User[name=" + name + ", role=" + role + "]";
		}

	}

	/**
	 * @param hash {@code sha256:<64 hex digits>} of the token, or a bcrypt hash of it
	 */
	public record Token(@NotBlank String name, String hash) {

		@Override
		public String toString() {
			return "Token[name=" + name + "]";
		}

	}

}
