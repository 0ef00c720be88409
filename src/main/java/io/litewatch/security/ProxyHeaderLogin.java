package io.litewatch.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationProvider;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedGrantedAuthoritiesUserDetailsService;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedGrantedAuthoritiesWebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import io.litewatch.security.AccessProperties.Role;

/**
 * Signs in the user an authenticating proxy names in {@code user-header}, only when the
 * request's socket peer is a trusted proxy ({@link SocketPeer}). The role is decided at
 * sign-in, from the operator names and groups; the session then keeps it, as a password
 * sign-in's does. A request without the header leaves the session as it is, so password
 * users and tokens work alongside.
 */
final class ProxyHeaderLogin extends AbstractPreAuthenticatedProcessingFilter {

	private static final Logger log = LoggerFactory.getLogger(ProxyHeaderLogin.class);

	/** Longer names are no proxy's: refused rather than clipped into someone else. */
	static final int MAX_NAME = 200;

	private static final int MAX_GROUPS_HEADER = 4000;

	/**
	 * One warning per untrusted address in this time, for this many addresses at most.
	 */
	private static final Duration WARN_EVERY = Duration.ofMinutes(10);

	private static final int MAX_WARNED = 1000;

	private final ProxyHeaderProperties settings;

	private final TrustedProxies trusted;

	private final Clock clock;

	private final Map<String, Instant> warned = new LinkedHashMap<>(16, 0.75f, true);

	ProxyHeaderLogin(ProxyHeaderProperties settings, Clock clock, ApplicationEventPublisher events) {
		this.settings = settings;
		this.trusted = TrustedProxies.of(settings.trustedProxies());
		this.clock = clock;
		PreAuthenticatedAuthenticationProvider provider = new PreAuthenticatedAuthenticationProvider();
		provider.setPreAuthenticatedUserDetailsService(new PreAuthenticatedGrantedAuthoritiesUserDetailsService());
		setAuthenticationManager(new ProviderManager(provider));
		setAuthenticationDetailsSource((request) -> new PreAuthenticatedGrantedAuthoritiesWebAuthenticationDetails(
				request, List.of(new SimpleGrantedAuthority("ROLE_" + roleOf(request).name()))));
		setSecurityContextRepository(new HttpSessionSecurityContextRepository());
		setCheckForPrincipalChanges(true);
		setInvalidateSessionOnPrincipalChange(true);
		setApplicationEventPublisher(events);
	}

	@Override
	protected Object getPreAuthenticatedPrincipal(HttpServletRequest request) {
		String name = request.getHeader(settings.userHeader());
		if (name == null || name.isBlank()) {
			return null;
		}
		String peer = SocketPeer.of(request);
		if (!trusted.trusts(peer)) {
			warnUntrusted(peer);
			return null;
		}
		name = name.strip();
		if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
			log.warn("Ignored the {} header from proxy {}: {} characters{}, not a user name", settings.userHeader(),
					peer, name.length(),
					name.chars().anyMatch(Character::isISOControl) ? " with control characters" : "");
			return null;
		}
		return name;
	}

	@Override
	protected Object getPreAuthenticatedCredentials(HttpServletRequest request) {
		return "N/A";
	}

	/** A request without a usable header is no change of user: the session stays. */
	@Override
	protected boolean principalChanged(HttpServletRequest request, Authentication current) {
		Object named = getPreAuthenticatedPrincipal(request);
		return named != null && !named.equals(current.getName());
	}

	Role roleOf(HttpServletRequest request) {
		String name = request.getHeader(settings.userHeader());
		if (name != null && settings.operators().contains(name.strip().toLowerCase(Locale.ROOT))) {
			return Role.OPERATOR;
		}
		String groups = settings.groupsHeader().isEmpty() ? null : request.getHeader(settings.groupsHeader());
		if (groups != null && groups.length() <= MAX_GROUPS_HEADER
				&& Arrays.stream(groups.split(","))
					.map((g) -> g.strip().toLowerCase(Locale.ROOT))
					.anyMatch(settings.operatorGroups()::contains)) {
			return Role.OPERATOR;
		}
		return settings.defaultRole();
	}

	private void warnUntrusted(String peer) {
		String key = peer == null ? "(no socket peer)" : peer;
		Instant now = clock.instant();
		synchronized (warned) {
			Instant last = warned.get(key);
			if (last != null && now.isBefore(last.plus(WARN_EVERY))) {
				return;
			}
			warned.put(key, now);
			if (warned.size() > MAX_WARNED) {
				warned.remove(warned.keySet().iterator().next());
			}
		}
		log.warn("Ignored the {} header from {}, which is not in litewatch.security.proxy-header.trusted-proxies"
				+ " (said once per address every {} min)", settings.userHeader(), key, WARN_EVERY.toMinutes());
	}

}
