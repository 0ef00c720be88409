package io.litewatch.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A machine token: first as presented (unchecked, carrying the token), then, once found
 * among the configured ones, as the token's name with the role {@code TOKEN} and no
 * credential left.
 */
final class TokenAuthentication extends AbstractAuthenticationToken {

	static final String ROLE = "TOKEN";

	private final String name;

	private String presented;

	private TokenAuthentication(String name, String presented, boolean authenticated) {
		super(authenticated ? AuthorityUtils.createAuthorityList("ROLE_" + ROLE) : List.of());
		this.name = name;
		this.presented = presented;
		setAuthenticated(authenticated);
	}

	static TokenAuthentication presented(String token) {
		return new TokenAuthentication(null, token, false);
	}

	static TokenAuthentication of(String tokenName) {
		return new TokenAuthentication(tokenName, null, true);
	}

	@Override
	public Object getCredentials() {
		return presented;
	}

	/** {@code token:<name>}: what a log or a page may say about who asked. */
	@Override
	public Object getPrincipal() {
		return name != null ? "token:" + name : "token";
	}

	@Override
	public void eraseCredentials() {
		presented = null;
		super.eraseCredentials();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof TokenAuthentication t && super.equals(t);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
