package io.litewatch.security;

import java.security.Principal;
import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The signed-in person as the pages show them: name and role, and whether the page may
 * offer actions (silence, send test). Never a credential.
 */
public record Account(String name, String role, boolean operator) {

	private static final String OPERATOR = "ROLE_" + AccessProperties.Role.OPERATOR.name();

	/** Null for an anonymous request. */
	static Account of(Principal principal) {
		if (!(principal instanceof Authentication authentication) || !authentication.isAuthenticated()) {
			return null;
		}
		boolean operator = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(OPERATOR::equals);
		AccessProperties.Role role = operator ? AccessProperties.Role.OPERATOR : AccessProperties.Role.VIEWER;
		return new Account(authentication.getName(), role.name().toLowerCase(Locale.ROOT), operator);
	}

}
