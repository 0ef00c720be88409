package io.litewatch.security;

import java.time.Duration;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password check behind a {@link LoginThrottle}: a locked name or address is refused
 * before its password reaches bcrypt, so guessing costs the guesser time and the server
 * nothing.
 */
final class ThrottledPasswordLogin implements AuthenticationProvider {

	private final AuthenticationProvider passwords;

	private final LoginThrottle throttle;

	ThrottledPasswordLogin(AuthenticationProvider passwords, LoginThrottle throttle) {
		this.passwords = passwords;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication attempt) {
		String name = attempt.getName();
		String address = attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: null;
		Optional<Duration> locked = throttle.lockedFor(name, address);
		if (locked.isPresent()) {
			throw new SignInThrottledException(locked.get());
		}
		try {
			Authentication signedIn = passwords.authenticate(attempt);
			if (signedIn != null) {
				throttle.succeeded(name);
			}
			return signedIn;
		}
		catch (BadCredentialsException ex) {
			throttle.failed(name, address);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return passwords.supports(authentication);
	}

	/** Refused without a look at the password; the message is shown on the login page. */
	static final class SignInThrottledException extends LockedException {

		SignInThrottledException(Duration left) {
			super("Too many failed sign-ins for this name or from this address: try again in "
					+ Math.max(1, (left.toSeconds() + 59) / 60) + " min.");
		}

	}

}
