package io.litewatch.security;

import java.security.Principal;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts {@code account} into every page's model, so the layout can say who is signed in
 * and a page can offer its actions only to operators (the filter chain enforces it
 * anyway).
 */
@ControllerAdvice
class AccountAdvice {

	@ModelAttribute("account")
	Account account(Principal principal) {
		return Account.of(principal);
	}

}
