package io.litewatch.security;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * How machines and htmx are told apart from people: which paths a token may read, how a
 * token is read from a request, and what an unauthenticated request gets (a 401 for a
 * machine or an htmx refresh, the login page for a person).
 */
final class MachineAccess {

	/** Paths a machine reads: the JSON, the badges and Actuator. */
	static final String[] PATHS = { "/api/**", "/badge.svg", "/badge/**", "/actuator/**" };

	/** Readable without a login when {@code status-access} is public. */
	static final String[] STATUS_PATHS = { "/api/status", "/badge.svg", "/badge/**" };

	static final String LOGIN = "/login";

	private static final String BEARER = "Bearer ";

	private MachineAccess() {
	}

	static RequestMatcher machinePaths() {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		RequestMatcher[] matchers = new RequestMatcher[PATHS.length];
		for (int i = 0; i < PATHS.length; i++) {
			matchers[i] = paths.matcher(PATHS[i]);
		}
		return new OrRequestMatcher(matchers);
	}

	static RequestMatcher htmx() {
		return new RequestHeaderRequestMatcher("HX-Request", "true");
	}

	/**
	 * Reads {@code Authorization: Bearer …} or {@code ?token=…} on the machine paths: a
	 * known token authenticates this request only (nothing goes into a session), an
	 * unknown one is a 401 at once, and a request without one goes on as it came.
	 */
	static AuthenticationFilter tokenFilter(MachineTokens tokens) {
		AuthenticationManager check = (authentication) -> tokens.find((String) authentication.getCredentials())
			.map(TokenAuthentication::of)
			.orElseThrow(() -> new BadCredentialsException("unknown token"));
		AuthenticationFilter filter = new AuthenticationFilter(check, MachineAccess::presentedToken);
		filter.setRequestMatcher(machinePaths());
		// Without this the filter would redirect like a login form does.
		filter.setSuccessHandler((request, response, authentication) -> {
		});
		filter.setFailureHandler((request, response, exception) -> unauthorized(response,
				"Bearer error=\"invalid_token\"", "This token is not one of litewatch.security.tokens.\n"));
		return filter;
	}

	private static TokenAuthentication presentedToken(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		String token = null;
		if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			token = header.substring(BEARER.length()).strip();
		}
		else if (header == null) {
			token = request.getParameter("token");
		}
		return token == null || token.isEmpty() ? null : TokenAuthentication.presented(token);
	}

	static AuthenticationEntryPoint entryPoint() {
		return DelegatingAuthenticationEntryPoint.builder()
			.addEntryPointFor(
					(request, response, exception) -> unauthorized(response, "Bearer realm=\"litewatch\"",
							"Sign in, or send a token: Authorization: Bearer <token> (README, Access).\n"),
					machinePaths())
			// An htmx refresh after the session ended: htmx follows HX-Redirect to the
			// login page instead of swapping the login form into the page.
			.addEntryPointFor((request, response, exception) -> {
				response.setHeader("HX-Redirect", request.getContextPath() + LOGIN);
				response.setStatus(HttpStatus.UNAUTHORIZED.value());
			}, htmx())
			.defaultEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN))
			.build();
	}

	/**
	 * Remembers only a page a person asked for, to return there after the login: never a
	 * machine's request or an htmx refresh, which would also open a session for each.
	 */
	static RequestCache requestCache() {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		cache.setRequestMatcher(new AndRequestMatcher(PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/**"),
				new NegatedRequestMatcher(machinePaths()), new NegatedRequestMatcher(htmx())));
		return cache;
	}

	private static void unauthorized(HttpServletResponse response, String challenge, String body)
			throws java.io.IOException {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setHeader("WWW-Authenticate", challenge);
		response.setContentType(MediaType.TEXT_PLAIN_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(body);
	}

}
