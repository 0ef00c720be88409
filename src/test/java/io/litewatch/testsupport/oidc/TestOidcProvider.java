package io.litewatch.testsupport.oidc;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect provider in-process: Spring Authorization Server, as Spring Boot
 * sets it up (discovery, JWKS, authorization code flow, its own login form). Its users
 * sign in with the password {@link #PASSWORD}; their ID tokens carry {@code email},
 * {@code email_verified} and {@code groups} from {@link #PEOPLE}. The client
 * {@link #CLIENT_ID} is registered once Litewatch's address is known ({@link #register}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestOidcProvider {

	public static final String CLIENT_ID = "litewatch";

	/** The client secret: Litewatch is given it, and it must never show. */
	public static final String CLIENT_SECRET = "oidc-client-secret-" + UUID.randomUUID();

	public static final String PASSWORD = "idp-password";

	/** user → email, email_verified, groups. */
	public static final Map<String, Person> PEOPLE = Map.of("alice", new Person("Alice@Example.com", true, List.of()),
			"bob", new Person("bob@example.com", true, List.of("devs", "litewatch-viewers")), "eve",
			new Person("eve@elsewhere.example", true, List.of("devs")), "mallory",
			new Person("alice@example.com", false, List.of()));

	public record Person(String email, boolean verified, List<String> groups) {
	}

	private final InMemoryRegisteredClientRepository clients = new InMemoryRegisteredClientRepository(
			client("http://127.0.0.1/unset"));

	@Bean
	InMemoryRegisteredClientRepository registeredClientRepository() {
		return clients;
	}

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(PEOPLE.keySet()
			.stream()
			.map((name) -> User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build())
			.toList());
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> claims() {
		return (context) -> {
			if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				Person person = PEOPLE.get(context.getPrincipal().getName());
				context.getClaims()
					.claim("email", person.email())
					.claim("email_verified", person.verified())
					.claim("groups", person.groups());
			}
		};
	}

	/** Lets Litewatch's redirect URI in, now that its port is known. */
	public static void register(ConfigurableApplicationContext provider, String redirectUri) {
		provider.getBean(InMemoryRegisteredClientRepository.class).save(client(redirectUri));
	}

	private static RegisteredClient client(String redirectUri) {
		return RegisteredClient.withId("litewatch-client")
			.clientId(CLIENT_ID)
			.clientSecret("{noop}" + CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(redirectUri)
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.EMAIL)
			.scope(OidcScopes.PROFILE)
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
			.build();
	}

	/**
	 * Started on a free port, without Litewatch's application.yml; its own data source is
	 * a scratch SQLite file, since Litewatch's driver is on the class path.
	 */
	public static ConfigurableApplicationContext start(Path work) {
		return new SpringApplicationBuilder(TestOidcProvider.class).run("--server.port=0",
				"--spring.config.name=test-oidc-provider", "--spring.flyway.enabled=false",
				"--spring.datasource.url=jdbc:sqlite:" + work.resolve("oidc-provider.db"),
				"--management.endpoints.web.exposure.include=health");
	}

}
