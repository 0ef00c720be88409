package io.litewatch.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import io.litewatch.security.AccessProperties.Role;

/**
 * The role of a person an OpenID Connect provider signed in, from their claims: the
 * higher of what the email allow-lists and the roles claim give, else the default role,
 * else none (refused). An email the provider marks unverified counts for nothing.
 */
final class OidcRoles {

	private final OidcProperties settings;

	OidcRoles(OidcProperties settings) {
		this.settings = settings;
	}

	/**
	 * @param email the {@code email} claim, or null
	 * @param emailVerified the {@code email_verified} claim, or null when the provider
	 * sends none (then the email counts)
	 * @param rolesClaim the value of the configured roles claim: a list, or a string of
	 * names separated by commas or blanks; null when absent
	 */
	Optional<Role> of(String email, Boolean emailVerified, Object rolesClaim) {
		boolean operator = false;
		boolean viewer = false;
		if (email != null && !Boolean.FALSE.equals(emailVerified)) {
			String e = email.strip().toLowerCase(Locale.ROOT);
			operator = listed(e, settings.operators());
			viewer = listed(e, settings.viewers());
		}
		List<String> values = values(rolesClaim);
		operator |= values.stream().anyMatch(settings.operatorValues()::contains);
		viewer |= values.stream().anyMatch(settings.viewerValues()::contains);
		if (operator) {
			return Optional.of(Role.OPERATOR);
		}
		if (viewer) {
			return Optional.of(Role.VIEWER);
		}
		return Optional.ofNullable(settings.defaultRole());
	}

	private static boolean listed(String email, List<String> list) {
		int at = email.lastIndexOf('@');
		String domain = at < 0 ? null : "*" + email.substring(at);
		return list.contains(email) || domain != null && list.contains(domain);
	}

	private static List<String> values(Object claim) {
		Stream<String> raw;
		if (claim instanceof Collection<?> many) {
			raw = many.stream().map(String::valueOf);
		}
		else if (claim instanceof String text) {
			raw = Stream.of(text.split("[,\\s]+"));
		}
		else {
			return List.of();
		}
		return raw.map((v) -> v.strip().toLowerCase(Locale.ROOT)).filter((v) -> !v.isEmpty()).toList();
	}

}
