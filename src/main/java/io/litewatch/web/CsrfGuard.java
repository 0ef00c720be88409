package io.litewatch.web;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Guards the page's few actions (silences, test notifications) against cross-site
 * requests: a secret token in every form, which another site cannot read, and the
 * browser's own {@code Sec-Fetch-Site}/{@code Origin} headers, which another site cannot
 * forge. No session is needed: the token is made at start-up and lives only in this
 * process.
 */
@Component
public class CsrfGuard {

	public static final String PARAMETER = "_csrf";

	private final String token;

	public CsrfGuard() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		this.token = HexFormat.of().formatHex(bytes);
	}

	public String token() {
		return token;
	}

	void check(HttpServletRequest request) {
		String fetchSite = request.getHeader("Sec-Fetch-Site");
		if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "cross-site request refused");
		}
		String origin = request.getHeader("Origin");
		if (origin != null && !origin.equals("null") && !sameOrigin(origin, request)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "cross-site request refused");
		}
		String given = request.getParameter(PARAMETER);
		if (given == null || !java.security.MessageDigest.isEqual(given.getBytes(), token.getBytes())) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "missing or wrong form token; reload the page");
		}
	}

	private static boolean sameOrigin(String origin, HttpServletRequest request) {
		String host = request.getHeader("Host");
		return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
	}

}
