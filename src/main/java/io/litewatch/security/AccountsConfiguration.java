package io.litewatch.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import io.litewatch.config.LitewatchProperties;

/**
 * Users, their password check and the machine tokens, all from
 * {@code litewatch.security.*}. A bad hash stops the start with a report naming the
 * setting ({@link AccessConfigFailureAnalyzer}).
 */
@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AccountsConfiguration.class);

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	Accounts accounts(AccessProperties access, ProxyHeaderProperties proxyHeader,
			ObjectProvider<ClientRegistrationRepository> oidcProviders, PasswordEncoder encoder,
			LitewatchProperties properties) {
		if (!access.users().isEmpty()) {
			return Accounts.configured(access.users());
		}
		if (proxyHeader.enabled() || oidcProviders.getIfAvailable() != null) {
			// A proxy or an OIDC provider signs people in: a generated password would be
			// a
			// way around it.
			return new Accounts(List.of(), false);
		}
		String password = GeneratedPassword.obtain(properties.dataDir(), new SecureRandom());
		log.warn("No user configured (litewatch.security.users): sign in as '{}' with the password in {} (operator;"
				+ " readable by Litewatch's user only; delete the file for a new one at the next start). Set"
				+ " litewatch.security.users[0].name, .password-hash (bcrypt) and .role to choose users instead"
				+ " (README, Access).", Accounts.GENERATED_NAME, GeneratedPassword.file(properties.dataDir()));
		return Accounts.generated(encoder.encode(password));
	}

	@Bean
	LoginThrottle loginThrottle(LoginThrottleProperties properties, Clock clock) {
		return new LoginThrottle(properties, clock);
	}

	/**
	 * The one password check, throttled. It is the only AuthenticationProvider bean, so
	 * Spring Security builds the form login's manager from it (and from no
	 * UserDetailsService bean of its own).
	 */
	@Bean
	AuthenticationProvider passwordLogin(Accounts accounts, PasswordEncoder encoder, LoginThrottle throttle) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(
				new InMemoryUserDetailsManager(accounts.users()));
		passwords.setPasswordEncoder(encoder);
		return new ThrottledPasswordLogin(passwords, throttle);
	}

	@Bean
	MachineTokens machineTokens(AccessProperties access) {
		return MachineTokens.of(access.tokens());
	}

}
