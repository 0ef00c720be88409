package io.litewatch.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

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

	LoginController(AccessProperties access, Accounts accounts, ProxyHeaderProperties proxyHeader) {
		this.access = access;
		this.accounts = accounts;
		this.proxyHeader = proxyHeader;
	}

	@GetMapping(MachineAccess.LOGIN)
	String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
			HttpServletRequest request, Model model) {
		HttpSession session = request.getSession(false);
		Object refusal = error != null && session != null ? session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
				: null;
		boolean throttled = refusal instanceof ThrottledPasswordLogin.SignInThrottledException;
		model.addAttribute("throttled", throttled ? ((Exception) refusal).getMessage() : null);
		model.addAttribute("failed", error != null && !throttled);
		model.addAttribute("signedOut", logout != null);
		model.addAttribute("hint", access.loginHint().isEmpty() ? null : access.loginHint());
		model.addAttribute("generatedAdmin", accounts.generated() ? Accounts.GENERATED_NAME : null);
		model.addAttribute("proxySignIn", proxyHeader.enabled());
		model.addAttribute("passwordForm", !accounts.users().isEmpty());
		return VIEW;
	}

}
