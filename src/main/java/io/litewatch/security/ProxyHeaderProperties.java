package io.litewatch.security;

import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.litewatch.security.AccessProperties.Role;

/**
 * Sign-in by an authenticating proxy in front of Litewatch (oauth2-proxy, Authelia,
 * Cloudflare Access): the proxy names the user in a header, and Litewatch believes it
 * only when the request's TCP peer is one of {@code trustedProxies}
 * ({@code litewatch.security.proxy-header.*}).
 *
 * @param userHeader the header naming the user ({@code X-Forwarded-User},
 * {@code Remote-User}, {@code Cf-Access-Authenticated-User-Email}); empty turns the mode
 * off
 * @param trustedProxies the proxies' addresses or CIDR ranges, matched against the socket
 * peer (never a forwarded address); required when {@code userHeader} is set
 * @param groupsHeader the header listing the user's groups, comma-separated
 * ({@code X-Forwarded-Groups}, {@code Remote-Groups}); empty reads none
 * @param operators user names (or emails) that get the operator role, any case
 * @param operatorGroups groups whose members get the operator role, any case
 * @param defaultRole the role of everyone else the proxy names
 */
@ConfigurationProperties("litewatch.security.proxy-header")
@Validated
public record ProxyHeaderProperties(@DefaultValue("") String userHeader, @DefaultValue List<String> trustedProxies,
		@DefaultValue("") String groupsHeader, @DefaultValue List<String> operators,
		@DefaultValue List<String> operatorGroups, @DefaultValue("viewer") @NotNull Role defaultRole) {

	public ProxyHeaderProperties {
		userHeader = userHeader == null ? "" : userHeader.strip();
		groupsHeader = groupsHeader == null ? "" : groupsHeader.strip();
		trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
		operators = lowerCase(operators);
		operatorGroups = lowerCase(operatorGroups);
	}

	public boolean enabled() {
		return !userHeader.isEmpty();
	}

	private static List<String> lowerCase(List<String> names) {
		return names == null ? List.of()
				: names.stream().map((n) -> n.strip().toLowerCase(Locale.ROOT)).filter((n) -> !n.isEmpty()).toList();
	}

}
