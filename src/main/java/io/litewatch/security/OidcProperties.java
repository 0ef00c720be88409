package io.litewatch.security;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.litewatch.security.AccessProperties.Role;

/**
 * Who of the people an OpenID Connect provider signs in gets which role
 * ({@code litewatch.security.oidc.*}); the provider itself is Spring Boot's
 * {@code spring.security.oauth2.client.*}. Nobody is let in by default: a provider such
 * as Google signs in every account it has.
 *
 * @param operators emails that get the operator role; {@code *@example.com} for a whole
 * domain; any case
 * @param viewers emails that get the viewer role, the same way
 * @param rolesClaim a claim listing the user's roles or groups ({@code groups},
 * {@code roles}); empty reads none
 * @param operatorValues values of {@code rolesClaim} that give the operator role
 * @param viewerValues values of {@code rolesClaim} that give the viewer role
 * @param defaultRole the role of everyone else the provider signs in; unset refuses them
 */
@ConfigurationProperties("litewatch.security.oidc")
public record OidcProperties(@DefaultValue List<String> operators, @DefaultValue List<String> viewers,
		@DefaultValue("") String rolesClaim, @DefaultValue List<String> operatorValues,
		@DefaultValue List<String> viewerValues, Role defaultRole) {

	public OidcProperties {
		operators = lowerCase(operators);
		viewers = lowerCase(viewers);
		rolesClaim = rolesClaim == null ? "" : rolesClaim.strip();
		operatorValues = lowerCase(operatorValues);
		viewerValues = lowerCase(viewerValues);
	}

	private static List<String> lowerCase(List<String> names) {
		return names == null ? List.of()
				: names.stream().map((n) -> n.strip().toLowerCase(Locale.ROOT)).filter((n) -> !n.isEmpty()).toList();
	}

}
