package io.litewatch.security;

import java.time.Clock;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import io.litewatch.audit.AuditLog;
import io.litewatch.security.AccessProperties.Role;
import io.litewatch.security.AccessProperties.StatusAccess;

/**
 * Who may reach what. Pages need a login (viewer); every state-changing request needs the
 * operator role; the JSON, the badges and Actuator take a login or a token, except
 * {@code /api/status} and the badges while {@code status-access} is public, and the
 * liveness and readiness probes, which are always open.
 * <p>
 * The headers allow the pages nothing inline: they carry no inline script or style by
 * design (layout.html), so the policy can forbid both.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@Import(AccountsConfiguration.class)
public class SecurityConfiguration {

	/**
	 * Everything from this origin only; no inline script or style, no plug-in, no
	 * framing, forms post only here. Badges set their own, stricter policy
	 * (BadgeController).
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
			+ " img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
			+ " form-action 'self'; frame-ancestors 'none'";

	private static final String VIEWER = Role.VIEWER.name();

	private static final String OPERATOR = Role.OPERATOR.name();

	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.fromHierarchy("ROLE_" + OPERATOR + " > ROLE_" + VIEWER);
	}

	/** The socket peer of every request, for the proxy-header check (SocketPeer). */
	@Bean
	static SocketPeer.First socketPeerFirst() {
		return new SocketPeer.First();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, AccessProperties access, MachineTokens tokens,
			ProxyHeaderProperties proxyHeader, ObjectProvider<Clock> clock, ApplicationEventPublisher events,
			ObjectProvider<ClientRegistrationRepository> oidcProviders, OidcProperties oidc,
			ObjectProvider<AuditLog> audit) throws Exception {
		boolean publicStatus = access.statusAccess() == StatusAccess.PUBLIC;
		http.authorizeHttpRequests((requests) -> {
			// The error page renders what was refused; it must not need a login itself.
			requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
			requests
				.requestMatchers(MachineAccess.LOGIN, "/error", "/css/**", "/js/**", "/icons/**", "/webjars/**",
						"/favicon.ico")
				.permitAll();
			requests.requestMatchers("/actuator/health/liveness", "/actuator/health/readiness").permitAll();
			if (publicStatus) {
				requests.requestMatchers(HttpMethod.GET, MachineAccess.STATUS_PATHS).permitAll();
			}
			requests.requestMatchers(MachineAccess.PATHS).hasAnyRole(VIEWER, TokenAuthentication.ROLE);
			requests.requestMatchers(HttpMethod.GET, "/**").hasRole(VIEWER);
			requests.requestMatchers(HttpMethod.HEAD, "/**").hasRole(VIEWER);
			// Silences, test notifications and every action a later page adds.
			requests.anyRequest().hasRole(OPERATOR);
		});
		http.addFilterBefore(MachineAccess.tokenFilter(tokens), AnonymousAuthenticationFilter.class);
		if (proxyHeader.enabled()) {
			http.addFilterAt(new ProxyHeaderLogin(proxyHeader, clock.getIfAvailable(Clock::systemUTC), events),
					AbstractPreAuthenticatedProcessingFilter.class);
		}
		http.formLogin((form) -> form.loginPage(MachineAccess.LOGIN).permitAll());
		if (oidcProviders.getIfAvailable() != null) {
			OidcSignIn sso = new OidcSignIn(oidc, audit.getObject());
			http.oauth2Login((login) -> login.loginPage(MachineAccess.LOGIN)
				.userInfoEndpoint((info) -> info.oidcUserService(sso.userService()))
				.failureHandler(sso.failureHandler()));
		}
		http.logout((logout) -> logout.logoutSuccessUrl(MachineAccess.LOGIN + "?logout").permitAll());
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(MachineAccess.entryPoint()));
		http.requestCache((cache) -> cache.requestCache(MachineAccess.requestCache()));
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.frameOptions((frames) -> frames.deny())
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

}
