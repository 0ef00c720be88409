package io.litewatch.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

import io.litewatch.audit.AuditAction;
import io.litewatch.audit.AuditLog;
import io.litewatch.security.AccessProperties.Role;

/**
 * What Litewatch adds to Spring Security's OpenID Connect login: the role from
 * {@link OidcRoles} (or a refusal), the email as the name people see, and refusals in the
 * audit log and on the login page.
 */
final class OidcSignIn {

	private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

	static final String FAILED_URL = MachineAccess.LOGIN + "?error=sso";

	private final OidcRoles roles;

	private final String rolesClaim;

	private final AuditLog audit;

	OidcSignIn(OidcProperties settings, AuditLog audit) {
		this.roles = new OidcRoles(settings);
		this.rolesClaim = settings.rolesClaim();
		this.audit = audit;
	}

	OAuth2UserService<OidcUserRequest, OidcUser> userService() {
		OidcUserService provider = new OidcUserService();
		return (request) -> {
			OidcUser user = provider.loadUser(request);
			String email = user.getEmail();
			String name = email != null ? email : user.getSubject();
			Object claim = rolesClaim.isEmpty() ? null : user.getClaims().get(rolesClaim);
			Role role = roles.of(email, user.getEmailVerified(), claim)
				.orElseThrow(() -> new Refused(name,
						name + " is not allowed into this Litewatch: not in litewatch.security.oidc.operators or"
								+ " .viewers"
								+ (rolesClaim.isEmpty() ? "" : ", and no role in its " + rolesClaim + " claim") + "."));
			return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("ROLE_" + role.name())), user.getIdToken(),
					user.getUserInfo(), email != null ? "email" : "sub");
		};
	}

	AuthenticationFailureHandler failureHandler() {
		SimpleUrlAuthenticationFailureHandler redirect = new SimpleUrlAuthenticationFailureHandler(FAILED_URL);
		return new AuthenticationFailureHandler() {
			@Override
			public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
					AuthenticationException exception) throws IOException, ServletException {
				String who = exception instanceof Refused refused ? refused.name : SignInAudit.UNKNOWN_NAME;
				String why = reason(exception);
				log.warn("Single sign-on refused for {}: {}", who, why);
				audit.record(who, AuditAction.SIGN_IN_FAILED, null, "single sign-on: " + why, request.getRemoteAddr());
				redirect.onAuthenticationFailure(request, response, exception);
			}
		};
	}

	/**
	 * For the page and the audit: the provider's error code and description, no token.
	 */
	static String reason(AuthenticationException exception) {
		if (exception instanceof OAuth2AuthenticationException oauth) {
			OAuth2Error error = oauth.getError();
			String description = error.getDescription();
			return description == null || description.isBlank() ? error.getErrorCode()
					: error.getErrorCode() + ": " + description;
		}
		return exception.getMessage();
	}

	/** A person the provider signed in whom no allow-list, claim or default lets in. */
	static final class Refused extends OAuth2AuthenticationException {

		private final String name;

		Refused(String name, String description) {
			super(new OAuth2Error("access_denied", description, null), description);
			this.name = name;
		}

	}

}
