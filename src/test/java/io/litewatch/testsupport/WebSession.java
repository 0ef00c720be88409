package io.litewatch.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP client for the real app: it keeps the session cookie, signs in
 * through the login form as a person does, and reads the CSRF token from a page.
 * Redirects are not followed, so a test sees them.
 */
public final class WebSession {

	private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http;

	public WebSession(String base) {
		this.base = base;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(cookies).build();
	}

	public URI uri(String path) {
		return URI.create(base + path);
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)));
	}

	public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A form POST of {@code fields} (name, value, name, value …), URL-encoded. */
	public HttpResponse<String> post(String path, String... fields) throws IOException, InterruptedException {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i + 1 < fields.length; i += 2) {
			body.append(body.isEmpty() ? "" : "&")
				.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
		}
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	/**
	 * Signs in through {@code /login}; the answer is the form's redirect (302 to the page
	 * asked for, or to {@code /login?error}).
	 */
	public HttpResponse<String> login(String name, String password) throws IOException, InterruptedException {
		HttpResponse<String> form = get("/login");
		return post("/login", "username", name, "password", password, "_csrf", formToken(form.body()));
	}

	/** Signs in and fails the test unless the login was accepted. */
	public WebSession signedIn(String name, String password) throws IOException, InterruptedException {
		HttpResponse<String> response = login(name, password);
		String location = response.headers().firstValue("Location").orElse("");
		if (response.statusCode() != 302 || location.contains("/login")) {
			throw new AssertionError(
					"login as " + name + " refused: HTTP " + response.statusCode() + " to " + location);
		}
		return this;
	}

	/** The CSRF token of this session, as a page's layout carries it. */
	public String csrfToken() throws IOException, InterruptedException {
		HttpResponse<String> page = get("/login");
		Matcher meta = META_TOKEN.matcher(page.body());
		if (!meta.find()) {
			throw new AssertionError("no <meta name=\"_csrf\"> on /login: " + page.body());
		}
		return meta.group(1);
	}

	static String formToken(String html) {
		Matcher matcher = FORM_TOKEN.matcher(html);
		if (!matcher.find()) {
			throw new AssertionError("no CSRF field in the form: " + html);
		}
		return matcher.group(1);
	}

}
