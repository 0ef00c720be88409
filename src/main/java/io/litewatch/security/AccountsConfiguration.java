package io.litewatch.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Users, their password check and the machine tokens, all from
 * {@code litewatch.security.*}. A bad hash stops the start with a report naming the
 * setting ({@link AccessConfigFailureAnalyzer}).
 */
@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AccountsConfiguration.class);

	/** 144 random bits: as strong as the tokens the README suggests. */
	private static final int GENERATED_PASSWORD_BYTES = 18;

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	Accounts accounts(AccessProperties access, PasswordEncoder encoder) {
		if (!access.users().isEmpty()) {
			return Accounts.configured(access.users());
		}
		byte[] random = new byte[GENERATED_PASSWORD_BYTES];
		new SecureRandom().nextBytes(random);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		// The one line where a secret is logged, on purpose: without it nobody could
		// sign in. It is new at every start and never stored.
		log.warn("No user configured (litewatch.security.users): sign in as '{}' with the password {} (operator;"
				+ " generated for this run only). Set litewatch.security.users[0].name, .password-hash (bcrypt) and"
				+ " .role to choose users instead (README, Access).", Accounts.GENERATED_NAME, password);
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
