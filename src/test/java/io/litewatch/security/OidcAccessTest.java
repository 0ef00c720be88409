package io.litewatch.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.litewatch.testsupport.StartedApp;
import io.litewatch.testsupport.oidc.TestOidcProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect sign-in on the real app against a real provider started here
 * ({@link TestOidcProvider}: Spring Authorization Server), the whole authorization code
 * flow as a browser makes it: Litewatch's button, the provider's login form, the code
 * back to Litewatch, Litewatch's own token request and ID-token check. The provider runs
 * on {@code localhost} and Litewatch on {@code 127.0.0.1}, so their session cookies stay
 * apart as in a browser.
 */
@ExtendWith(OutputCaptureExtension.class)
class OidcAccessTest {

	@TempDir
	static Path work;

	static ConfigurableApplicationContext provider;

	static ConfigurableApplicationContext app;

	static String litewatch;

	@BeforeAll
	static void start() throws IOException {
		provider = TestOidcProvider.start(work);
		String issuer = "http://localhost:" + provider.getEnvironment().getProperty("local.server.port");
		String registration = "--spring.security.oauth2.client.registration.sso.";
		app = StartedApp.start(work, registration + "client-id=" + TestOidcProvider.CLIENT_ID,
				registration + "client-secret=" + TestOidcProvider.CLIENT_SECRET,
				registration + "scope=openid,email,profile", registration + "client-name=Test SSO",
				"--spring.security.oauth2.client.provider.sso.issuer-uri=" + issuer,
				"--litewatch.security.oidc.operators=alice@example.com", "--litewatch.security.oidc.roles-claim=groups",
				"--litewatch.security.oidc.viewer-values=litewatch-viewers");
		litewatch = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
		TestOidcProvider.register(provider, litewatch + "/login/oauth2/code/sso");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (provider != null) {
			provider.close();
		}
	}

	@Test
	void anAllowListedEmailSignsInAsOperatorAndAGroupClaimAsViewer() throws Exception {
		Browser alice = new Browser();
		HttpResponse<String> page = alice.signInThroughTheProvider("alice");
		assertThat(page.statusCode()).isEqualTo(200);
		// The provider's email was Alice@Example.com: the allow-list takes any case.
		assertThat(page.body()).contains("Alice@Example.com · operator");
		assertThat(alice.get(litewatch + "/alerts").body()).contains("action=\"/alerts/silences\"");

		Browser bob = new Browser();
		assertThat(bob.signInThroughTheProvider("bob").body()).contains("bob@example.com · viewer");
		assertThat(bob.get(litewatch + "/alerts").body()).contains("data-testid=\"operators-only\"")
			.doesNotContain("action=\"/alerts/silences\"");

		String audit = alice.json(litewatch + "/api/audit").body();
		assertThat(audit).contains("\"actor\":\"Alice@Example.com\",\"action\":\"SIGN_IN\"",
				"\"actor\":\"bob@example.com\",\"action\":\"SIGN_IN\"");
		assertThat(audit + page.body()).doesNotContain(TestOidcProvider.CLIENT_SECRET);
	}

	@Test
	void someoneNoRuleLetsInIsRefusedWithTheReasonOnTheLoginPageAndInTheAuditLog(CapturedOutput output)
			throws Exception {
		Browser eve = new Browser();
		HttpResponse<String> refused = eve.signInThroughTheProvider("eve");
		assertThat(refused.uri().getPath()).isEqualTo("/login");
		assertThat(refused.body()).contains("data-testid=\"login-sso-failed\"",
				"eve@elsewhere.example is not allowed into this Litewatch");
		assertThat(eve.get(litewatch + "/alerts").uri().getPath()).as("still signed out").isEqualTo("/login");

		// An unverified email is worth nothing, even one on the allow-list.
		Browser mallory = new Browser();
		assertThat(mallory.signInThroughTheProvider("mallory").body())
			.contains("alice@example.com is not allowed into this Litewatch");

		Browser alice = new Browser();
		alice.signInThroughTheProvider("alice");
		assertThat(alice.json(litewatch + "/api/audit").body()).contains(
				"\"actor\":\"eve@elsewhere.example\",\"action\":\"SIGN_IN_FAILED\"",
				"single sign-on: access_denied: eve@elsewhere.example is not allowed");
		assertThat(output.getAll()).contains("Single sign-on refused for eve@elsewhere.example")
			.doesNotContain(TestOidcProvider.CLIENT_SECRET);
	}

	@Test
	void theLoginPageOffersTheProviderAndNoPasswordFormWhenNoUserIsConfigured() throws Exception {
		String login = new Browser().get(litewatch + "/login").body();
		assertThat(login).contains("href=\"/oauth2/authorization/sso\"", "Sign in with Test SSO")
			.doesNotContain("name=\"password\"");
		assertThat(work.resolve("data").resolve(GeneratedPassword.FILE)).doesNotExist();
	}

	/** Cookies per host, redirects followed by hand so each hop can be checked. */
	static final class Browser {

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		HttpResponse<String> get(String url) throws IOException, InterruptedException {
			return follow(http.send(page(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()));
		}

		HttpResponse<String> json(String url) throws IOException, InterruptedException {
			return http.send(HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(10))
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		/**
		 * Litewatch's button, the provider's form with {@code user}'s password, and back:
		 * the page Litewatch ends on.
		 */
		HttpResponse<String> signInThroughTheProvider(String user) throws IOException, InterruptedException {
			HttpResponse<String> form = get(litewatch + "/oauth2/authorization/sso");
			assertThat(form.uri().getHost())
				.as("the provider's login form: %s %s %s", form.statusCode(), form.uri(), form.headers().map())
				.isEqualTo("localhost");
			assertThat(form.statusCode())
				.as("the provider's login form: %s %s %s", form.statusCode(), form.uri(), form.headers().map())
				.isEqualTo(200);
			String csrf = value(form.body(), "_csrf");
			String body = "username=" + user + "&password=" + TestOidcProvider.PASSWORD + "&_csrf="
					+ URLEncoder.encode(csrf, StandardCharsets.UTF_8);
			HttpRequest post = page(form.uri().resolve("/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			return follow(http.send(post, HttpResponse.BodyHandlers.ofString()));
		}

		/** As a browser asks for a page: the provider answers others with a 401. */
		private static HttpRequest.Builder page(URI uri) {
			return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Accept", "text/html");
		}

		private HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
			for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
				URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
				response = http.send(page(next).build(), HttpResponse.BodyHandlers.ofString());
			}
			return response;
		}

		private static String value(String html, String name) {
			Matcher m = Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]+)\"").matcher(html);
			assertThat(m.find()).as("field %s in\n%s", name, html).isTrue();
			return m.group(1);
		}

	}

}
