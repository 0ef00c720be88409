package io.litewatch.security;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.litewatch.alert.AlertRepository;
import io.litewatch.audit.AuditAction;
import io.litewatch.audit.AuditEntry;
import io.litewatch.audit.AuditRepository;
import io.litewatch.testsupport.LitewatchApp;
import io.litewatch.testsupport.TestAccounts;
import io.litewatch.testsupport.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The real application over HTTP, without Docker (the Engine address and S3 are closed
 * ports, so the first poll reports both, with the names an attacker would want): who gets
 * which page, which JSON, and which headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTest {

	static final String DB_DIR = "/srv/acme-secret-app/storage";

	static final String BUCKET = "acme-secret-bucket";

	static final String CONTAINER = "acme-secret-litestream";

	static final String EMAIL = "oncall-secret@acme.example";

	static final String THROTTLED = "it-guessed";

	static final String THROTTLED_PASSWORD = "it-guessed-password-77d1";

	@TempDir
	static Path work;

	LitewatchApp app;

	String endpoint;

	@BeforeAll
	void start() throws Exception {
		int closed = closedPort();
		endpoint = "127.0.0.1:" + closed;
		Files.writeString(work.resolve("litestream.yml"), """
				dbs:
				  - path: %s/production.sqlite3
				    replicas:
				      - type: s3
				        bucket: %s
				        path: production
				        endpoint: http://%s
				        region: us-east-1
				        force-path-style: true
				        access-key-id: access-test-key
				        secret-access-key: access-test-secret
				""".formatted(DB_DIR, BUCKET, endpoint));
		app = new LitewatchApp("--litewatch.litestream-config=" + work.resolve("litestream.yml"),
				"--litewatch.data-dir=" + work.resolve("data"), "--litewatch.poll-interval=1h",
				"--litewatch.docker.host=tcp://127.0.0.1:" + closed, "--litewatch.docker.container=" + CONTAINER,
				"--litewatch.docker.api-timeout=2s", "--litewatch.s3.api-call-timeout=2s",
				"--litewatch.inventory.enabled=false", "--litewatch.alerts.emails[0].name=oncall",
				"--litewatch.alerts.emails[0].to=" + EMAIL, "--litewatch.alerts.emails[0].from=lw@acme.example",
				"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + closed,
				"--litewatch.security.users[2].name=" + THROTTLED,
				"--litewatch.security.users[2].password-hash=" + TestAccounts.bcrypt(THROTTLED_PASSWORD),
				"--litewatch.security.login-throttle.max-failures=3",
				"--litewatch.security.login-throttle.max-failures-per-address=1000",
				"--litewatch.security.login-throttle.lockout=2s");
		app.awaitStatus(Duration.ofSeconds(60), "the first poll", (s) -> s.json().read("$.sequence") != null);
	}

	@AfterAll
	void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void withoutALoginEveryPageLeadsToTheLoginPage() throws Exception {
		WebSession anonymous = app.anonymous();
		for (String page : List.of("/", "/alerts", "/databases/production", "/no-such-page")) {
			HttpResponse<String> response = anonymous.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).as(page)
				.hasValueSatisfying((l) -> l.endsWith("/login"));
		}
		HttpResponse<String> login = anonymous.get("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("<h1>Sign in</h1>", "name=\"username\"", "name=\"password\"")
			.doesNotContain("Overview</a>", CONTAINER, BUCKET);
		// An htmx refresh whose session ended is sent to the login page, not given it.
		HttpResponse<String> refresh = anonymous
			.send(HttpRequest.newBuilder(anonymous.uri("/")).header("HX-Request", "true"));
		assertThat(refresh.statusCode()).isEqualTo(401);
		assertThat(refresh.headers().firstValue("HX-Redirect")).hasValue("/login");
	}

	@Test
	void aWrongPasswordIsRefusedAndTheRightOneLeadsToTheOverview() throws Exception {
		WebSession session = app.anonymous();
		assertThat(session.get("/alerts").statusCode()).isEqualTo(302);
		HttpResponse<String> wrong = session.login(TestAccounts.VIEWER, "not-the-password");
		assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying((l) -> l.endsWith("/login?error"));
		assertThat(session.get("/login?error").body()).contains("Wrong name or password.");

		HttpResponse<String> right = session.login(TestAccounts.VIEWER, TestAccounts.VIEWER_PASSWORD);
		// Back to the page asked for before the login.
		assertThat(right.headers().firstValue("Location")).hasValueSatisfying((l) -> l.contains("/alerts"));
		assertThat(right.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("JSESSIONID=")
				.contains("HttpOnly", "SameSite=Lax")
				.doesNotContain("Secure"));
		HttpResponse<String> overview = session.get("/");
		assertThat(overview.statusCode()).isEqualTo(200);
		assertThat(overview.body()).contains("<h1>Databases</h1>", TestAccounts.VIEWER + " · viewer", "Sign out");
	}

	@Test
	void afterTooManyWrongPasswordsEvenTheRightOneIsRefusedUntilTheLockoutEnds() throws Exception {
		WebSession guesser = app.anonymous();
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> wrong = guesser.login(THROTTLED, "guess-" + i);
			assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying((l) -> l.endsWith("/login?error"));
		}
		WebSession owner = app.anonymous();
		HttpResponse<String> refused = owner.login(THROTTLED, THROTTLED_PASSWORD);
		assertThat(refused.headers().firstValue("Location")).hasValueSatisfying((l) -> l.endsWith("/login?error"));
		assertThat(owner.get("/login?error").body()).contains("Too many failed sign-ins")
			.contains("try again in 1 min")
			.doesNotContain("Wrong name or password.");
		assertThat(owner.get("/").statusCode()).as("not signed in").isEqualTo(302);

		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		HttpResponse<String> accepted = owner.login(THROTTLED, THROTTLED_PASSWORD);
		while (accepted.headers().firstValue("Location").orElse("").contains("/login")) {
			assertThat(System.nanoTime()).as("the lockout (2s) ended within 20s").isLessThan(deadline);
			Thread.onSpinWait();
			accepted = owner.login(THROTTLED, THROTTLED_PASSWORD);
		}
		assertThat(owner.get("/").statusCode()).isEqualTo(200);
	}

	@Test
	void aViewerMayNotSilenceAndAnOperatorMay() throws Exception {
		WebSession viewer = app.anonymous().signedIn(TestAccounts.VIEWER, TestAccounts.VIEWER_PASSWORD);
		String alerts = viewer.get("/alerts").body();
		assertThat(alerts).contains("need the\n    operator role").doesNotContain("action=\"/alerts/silences\"");
		HttpResponse<String> refused = viewer.post("/alerts/silences", "_csrf", viewer.csrfToken(), "database",
				"production", "duration", "1h");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(app.bean(AlertRepository.class).activeSilences(java.time.Instant.now())).isEmpty();

		WebSession operator = app.anonymous().signedIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
		assertThat(operator.get("/alerts").body()).contains("action=\"/alerts/silences\"");
		HttpResponse<String> silenced = operator.post("/alerts/silences", "_csrf", operator.csrfToken(), "database",
				"production", "duration", "1h", "reason", "access test");
		assertThat(silenced.statusCode()).isEqualTo(302);
		var silences = app.bean(AlertRepository.class).activeSilences(java.time.Instant.now());
		assertThat(silences).hasSize(1);
		HttpResponse<String> ended = operator.post("/alerts/silences/" + silences.get(0).id() + "/expire", "_csrf",
				operator.csrfToken());
		assertThat(ended.statusCode()).isEqualTo(302);
		assertThat(app.bean(AlertRepository.class).activeSilences(java.time.Instant.now())).isEmpty();
	}

	@Test
	void signInsAndEveryChangeGoIntoTheAuditLogShownOnTheAlertsPage() throws Exception {
		AuditRepository audit = app.bean(AuditRepository.class);
		Set<String> before = audit.recent(500).stream().map(AuditEntry::id).collect(Collectors.toSet());
		String typedInTheNameField = "hunter2-correct-horse-" + System.nanoTime();

		WebSession session = app.anonymous();
		session.login(typedInTheNameField, "x");
		session.login(TestAccounts.OPERATOR, "not-the-password");
		session.login(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
		assertThat(session
			.post("/alerts/silences", "_csrf", session.csrfToken(), "database", "production", "duration", "30m",
					"reason", "audit test")
			.statusCode()).isEqualTo(302);
		String id = app.bean(AlertRepository.class)
			.activeSilences(java.time.Instant.now())
			.stream()
			.filter((s) -> "audit test".equals(s.reason()))
			.findFirst()
			.orElseThrow()
			.id();
		assertThat(session.post("/alerts/silences/" + id + "/expire", "_csrf", session.csrfToken()).statusCode())
			.isEqualTo(302);
		String page = session.get("/alerts").body();
		String json = session.get("/api/audit?limit=500").body();
		assertThat(session.post("/logout", "_csrf", session.csrfToken()).statusCode()).isEqualTo(302);

		List<AuditEntry> added = new ArrayList<>(
				audit.recent(500).stream().filter((e) -> !before.contains(e.id())).toList());
		Collections.reverse(added);
		assertThat(added).extracting(AuditEntry::actor, AuditEntry::action)
			.containsExactly(tuple(SignInAudit.UNKNOWN_NAME, AuditAction.SIGN_IN_FAILED),
					tuple(TestAccounts.OPERATOR, AuditAction.SIGN_IN_FAILED),
					tuple(TestAccounts.OPERATOR, AuditAction.SIGN_IN),
					tuple(TestAccounts.OPERATOR, AuditAction.SILENCE_CREATED),
					tuple(TestAccounts.OPERATOR, AuditAction.SILENCE_ENDED),
					tuple(TestAccounts.OPERATOR, AuditAction.SIGN_OUT));
		assertThat(added).extracting(AuditEntry::address).containsOnly("127.0.0.1");
		assertThat(added.get(3).target()).isEqualTo("production, every code");
		assertThat(added.get(3).detail()).isEqualTo("for 30m: audit test");
		assertThat(page).contains("<h2 id=\"audit-heading\">Audit log</h2>", "created a silence", "ended a silence",
				"sign-in failed", SignInAudit.UNKNOWN_NAME);
		assertThat(json).contains("\"action\":\"SILENCE_ENDED\"");
		assertThat(page + json).doesNotContain(typedInTheNameField, "not-the-password", TestAccounts.OPERATOR_PASSWORD);
	}

	@Test
	void aPostWithoutOrWithAForgedCsrfTokenIsRefused() throws Exception {
		WebSession operator = app.anonymous().signedIn(TestAccounts.OPERATOR, TestAccounts.OPERATOR_PASSWORD);
		HttpResponse<String> none = operator.post("/alerts/silences", "database", "production", "duration", "1h");
		assertThat(none.statusCode()).isEqualTo(403);
		// Another site's page posting with the victim's cookie and a token of its own.
		WebSession attacker = app.anonymous().signedIn(TestAccounts.VIEWER, TestAccounts.VIEWER_PASSWORD);
		HttpResponse<String> forged = operator.send(HttpRequest.newBuilder(operator.uri("/alerts/silences"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Origin", "https://evil.example")
			.POST(HttpRequest.BodyPublishers
				.ofString("_csrf=" + attacker.csrfToken() + "&database=production&duration=1h")));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(app.bean(AlertRepository.class).activeSilences(java.time.Instant.now())).isEmpty();
	}

	@Test
	void aTokenReadsTheFullStatusAndAWrongOneIsUnauthorized() throws Exception {
		WebSession machine = app.anonymous();
		HttpResponse<String> bearer = machine.send(HttpRequest.newBuilder(machine.uri("/api/status"))
			.header("Authorization", "Bearer " + TestAccounts.TOKEN));
		assertThat(bearer.statusCode()).isEqualTo(503);
		assertThat(JsonPath.<String>read(bearer.body(), "$.accessory.container")).isEqualTo(CONTAINER);
		assertThat(bearer.body()).contains(BUCKET, DB_DIR);
		assertThat(bearer.headers().allValues("Set-Cookie")).as("a token opens no session").isEmpty();

		HttpResponse<String> query = machine.get("/api/status?token=" + TestAccounts.TOKEN);
		assertThat(query.statusCode()).isEqualTo(503);
		assertThat(query.body()).contains(CONTAINER);

		HttpResponse<String> wrong = machine
			.send(HttpRequest.newBuilder(machine.uri("/api/status")).header("Authorization", "Bearer wrong-token"));
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((v) -> v.startsWith("Bearer"));
		assertThat(wrong.body()).doesNotContain("wrong-token");
		assertThat(machine.get("/api/status?token=wrong-token").statusCode()).isEqualTo(401);
		// A token reads the JSON and the metrics, never a page.
		assertThat(machine.get("/api/alerts?token=" + TestAccounts.TOKEN).statusCode()).isEqualTo(200);
		assertThat(machine.get("/?token=" + TestAccounts.TOKEN).statusCode()).isEqualTo(302);
	}

	@Test
	void thePublicStatusNamesNoPathBucketEndpointContainerOrAddress() throws Exception {
		WebSession anonymous = app.anonymous();
		HttpResponse<String> status = anonymous.get("/api/status");
		// Critical (Docker and S3 unreachable): the 503 contract holds for everyone.
		assertThat(status.statusCode()).isEqualTo(503);
		String body = status.body();
		assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("critical");
		assertThat(JsonPath.<List<String>>read(body, "$.databases[*].name")).containsExactly("production");
		assertThat(JsonPath.<List<String>>read(body, "$.databases[*].status")).containsExactly("critical");
		assertThat(JsonPath.<Integer>read(body, "$.sequence")).isPositive();
		assertThat(body).doesNotContain(DB_DIR, "/srv/", BUCKET, endpoint, "127.0.0.1", CONTAINER, EMAIL, "acme",
				"message", "error", "findings", "access-test");
		String full = app.get("/api/status").body();
		assertThat(full).as("the signed-in JSON names what the public one leaves out")
			.contains(DB_DIR, BUCKET, CONTAINER, endpoint);

		for (String badge : List.of("/badge.svg", "/badge/production.svg")) {
			HttpResponse<String> svg = anonymous.get(badge);
			assertThat(svg.statusCode()).as(badge).isEqualTo(200);
			assertThat(svg.body()).doesNotContain(DB_DIR, BUCKET, endpoint, CONTAINER, EMAIL);
		}
		assertThat(anonymous.get("/api/alerts").statusCode()).isEqualTo(401);
	}

	@Test
	void livenessAndReadinessArePublicAndEveryOtherActuatorEndpointIsNot() throws Exception {
		WebSession anonymous = app.anonymous();
		assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(anonymous.get("/actuator/health/readiness").statusCode()).isIn(200, 503);
		for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/info", "/actuator")) {
			assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(401);
		}
		HttpResponse<String> scraped = anonymous.send(HttpRequest.newBuilder(anonymous.uri("/actuator/prometheus"))
			.header("Authorization", "Bearer " + TestAccounts.TOKEN));
		assertThat(scraped.statusCode()).isEqualTo(200);
		assertThat(scraped.body()).contains("litewatch_status");
		assertThat(app.get("/actuator/prometheus").statusCode()).isEqualTo(200);
	}

	@Test
	void pagesCarryAStrictContentSecurityPolicyAndTheOtherHeaders() throws Exception {
		for (HttpResponse<String> response : List.of(app.get("/"), app.get("/alerts"), app.anonymous().get("/login"))) {
			String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
			assertThat(csp)
				.contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
				.doesNotContain("unsafe-inline", "unsafe-eval");
			assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		}
		// The badge keeps its own policy: an SVG opened alone may load and run nothing.
		assertThat(app.anonymous().get("/badge.svg").headers().firstValue("Content-Security-Policy"))
			.hasValue("default-src 'none'; style-src 'unsafe-inline'");
		// No secret in the pages: the hashes and the token stay in the settings.
		String page = app.get("/alerts").body() + app.get("/").body();
		assertThat(page).doesNotContain(TestAccounts.TOKEN, "$2a$", "sha256:");
	}

	@Test
	void behindATrustedTlsProxyTheSessionCookieIsSecure() throws Exception {
		WebSession session = app.anonymous();
		HttpResponse<String> login = session.send(HttpRequest.newBuilder(session.uri("/login"))
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-For", "203.0.113.7"));
		assertThat(login.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("JSESSIONID=").contains("Secure", "HttpOnly"));
		assertThat(login.headers().firstValue("Strict-Transport-Security")).isPresent();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
