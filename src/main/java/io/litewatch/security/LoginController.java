package io.litewatch.security;

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

	LoginController(AccessProperties access, Accounts accounts) {
		this.access = access;
		this.accounts = accounts;
	}

	@GetMapping(MachineAccess.LOGIN)
	String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
			Model model) {
		model.addAttribute("failed", error != null);
		model.addAttribute("signedOut", logout != null);
		model.addAttribute("hint", access.loginHint().isEmpty() ? null : access.loginHint());
		model.addAttribute("generatedAdmin", accounts.generated() ? Accounts.GENERATED_NAME : null);
		return VIEW;
	}

}
