package io.litewatch.security;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /login}: the form Spring Security's form login posts to, in the pages'
 * layout. Spring Security itself checks the password and signs out.
 */
@Controller
class LoginController {

	static final String VIEW = "login";

	private final AccessProperties access;

	private final Accounts accounts;

	private final ProxyHeaderProperties proxyHeader;

	private final List<SingleSignOn> providers;

	LoginController(AccessProperties access, Accounts accounts, ProxyHeaderProperties proxyHeader,
			ObjectProvider<ClientRegistrationRepository> oidcProviders) {
		this.access = access;
		this.accounts = accounts;
		this.proxyHeader = proxyHeader;
		this.providers = SingleSignOn.of(oidcProviders.getIfAvailable());
	}

	/** A provider's button: {@code /oauth2/authorization/<id>} starts its sign-in. */
	record SingleSignOn(String id, String name) {

		static List<SingleSignOn> of(ClientRegistrationRepository repository) {
			List<SingleSignOn> providers = new ArrayList<>();
			if (repository instanceof Iterable<?> registrations) {
				for (Object r : registrations) {
					ClientRegistration registration = (ClientRegistration) r;
					providers.add(new SingleSignOn(registration.getRegistrationId(), registration.getClientName()));
				}
			}
			return List.copyOf(providers);
		}

	}

	@GetMapping(MachineAccess.LOGIN)
	String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
			HttpServletRequest request, Model model) {
		HttpSession session = request.getSession(false);
		Object refusal = error != null && session != null ? session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
				: null;
		boolean throttled = refusal instanceof ThrottledPasswordLogin.SignInThrottledException;
		boolean sso = "sso".equals(error);
		model.addAttribute("ssoFailed",
				sso ? refusal instanceof AuthenticationException ex ? OidcSignIn.reason(ex) : "the sign-in was refused"
						: null);
		model.addAttribute("providers", providers);
		model.addAttribute("throttled", throttled ? ((Exception) refusal).getMessage() : null);
		model.addAttribute("failed", error != null && !throttled && !sso);
		model.addAttribute("signedOut", logout != null);
		model.addAttribute("hint", access.loginHint().isEmpty() ? null : access.loginHint());
		model.addAttribute("generatedAdmin", accounts.generated() ? Accounts.GENERATED_NAME : null);
		model.addAttribute("proxySignIn", proxyHeader.enabled());
		model.addAttribute("passwordForm", !accounts.users().isEmpty());
		return VIEW;
	}

}
