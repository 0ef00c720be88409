package io.litewatch.security;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.stereotype.Component;

import io.litewatch.audit.AuditAction;
import io.litewatch.audit.AuditLog;

/**
 * Sign-ins, failed sign-ins and sign-outs into the audit log, from Spring Security's own
 * events. Only interactive sign-ins count: a machine token authenticates every request
 * and is no one's sign-in. A sign-in refused by the {@link LoginThrottle} raises no event
 * (its exception is not one Spring maps), so a guesser cannot flood the log past the
 * throttle.
 */
@Component
class SignInAudit {

	/** A failed name that is no account may be a password typed in the wrong field. */
	static final String UNKNOWN_NAME = "(unknown name)";

	private final AuditLog audit;

	private final Set<String> accountNames;

	SignInAudit(AuditLog audit, Accounts accounts) {
		this.audit = audit;
		this.accountNames = accounts.users().stream().map(UserDetails::getUsername).collect(Collectors.toSet());
	}

	@EventListener
	void signedIn(InteractiveAuthenticationSuccessEvent event) {
		Authentication who = event.getAuthentication();
		String how = who instanceof PreAuthenticatedAuthenticationToken
				? "named by the authenticating proxy, as " + String.join(", ",
						who.getAuthorities()
							.stream()
							.map((a) -> a.getAuthority().replaceFirst("^ROLE_", "").toLowerCase(Locale.ROOT))
							.toList())
				: null;
		audit.record(who.getName(), AuditAction.SIGN_IN, null, how, address(who));
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		Authentication attempt = event.getAuthentication();
		String name = accountNames.contains(attempt.getName()) ? attempt.getName() : UNKNOWN_NAME;
		audit.record(name, AuditAction.SIGN_IN_FAILED, null, event.getException().getMessage(), address(attempt));
	}

	@EventListener
	void signedOut(LogoutSuccessEvent event) {
		Authentication who = event.getAuthentication();
		audit.record(who.getName(), AuditAction.SIGN_OUT, null, null, address(who));
	}

	private static String address(Authentication authentication) {
		return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: null;
	}

}
