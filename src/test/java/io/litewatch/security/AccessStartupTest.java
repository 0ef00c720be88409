package io.litewatch.security;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.litewatch.testsupport.StartedApp;
import io.litewatch.testsupport.TestAccounts;
import io.litewatch.testsupport.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the settings of {@code litewatch.security} start the real app: without users, with
 * a hash that is none, and with {@code status-access: token}. Each starts its own app;
 * the polls find nothing (closed ports) and do not matter here.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessStartupTest {

	@TempDir
	Path work;

	@Test
	void withoutUsersAGeneratedAdminPasswordIsKeptInAPrivateFileThatTheLogNamesAndItSignsIn(CapturedOutput output)
			throws Exception {
		Path file = work.resolve("data").resolve("admin-password");
		String password;
		try (ConfigurableApplicationContext app = start()) {
			assertThat(output.getAll()).containsPattern("WARN .*No user configured .*sign in as 'admin' with the "
					+ "password in " + Pattern.quote(file.toString()) + " ");
			password = Files.readString(file).strip();
			assertThat(password).hasSizeGreaterThanOrEqualTo(24);
			assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThat(output.getAll()).doesNotContain(password);
			WebSession session = new WebSession(base(app));
			assertThat(session.get("/login").body()).contains("sign in as\n    <code>admin</code>", "admin-password")
				.doesNotContain(file.toString());
			session.signedIn("admin", password);
			assertThat(session.get("/alerts").body()).contains("admin · operator", "action=\"/alerts/silences\"");
			assertThat(session.get("/").body() + session.get("/api/status").body()).doesNotContain(password);
		}
		// The next start keeps it; a deleted file gets a new one.
		try (ConfigurableApplicationContext app = start()) {
			new WebSession(base(app)).signedIn("admin", password);
		}
		Files.delete(file);
		try (ConfigurableApplicationContext app = start()) {
			assertThat(Files.readString(file).strip()).hasSizeGreaterThanOrEqualTo(24).isNotEqualTo(password);
		}
		assertThat(output.getAll()).doesNotContain(password);
	}

	@Test
	void aDataDirectoryItCannotWriteStopsTheStartWithoutUsersSayingWhatToDo(CapturedOutput output) throws Exception {
		Path blocked = work.resolve("not-a-directory");
		Files.writeString(blocked, "a file where the data directory should be");
		assertThatThrownBy(() -> start("--litewatch.data-dir=" + blocked,
				"--spring.datasource.url=jdbc:sqlite:" + work.resolve("history.db")))
			.rootCause()
			.isInstanceOf(AccessConfigException.class)
			.hasMessageContaining(
					"the generated admin password cannot be kept in " + blocked.resolve("admin-password"));
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "Make litewatch.data-dir writable");
	}

	@Test
	void aPasswordHashThatIsNotBcryptStopsTheStartNamingTheSettingButNotTheValue(CapturedOutput output)
			throws Exception {
		String plain = "hunter2-plain-password";
		assertThatThrownBy(() -> start("--litewatch.security.users[0].name=alice",
				"--litewatch.security.users[0].password-hash=" + plain))
			.hasRootCauseInstanceOf(AccessConfigException.class)
			.rootCause()
			.hasMessageContaining("litewatch.security.users[0] (alice): password-hash is not a bcrypt hash")
			.hasMessageNotContaining(plain);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "htpasswd -bnBC 10").doesNotContain(plain);

		String noop = "{noop}hunter2";
		assertThatThrownBy(() -> start("--litewatch.security.users[0].name=bob",
				"--litewatch.security.users[0].password-hash=" + noop, "--litewatch.security.users[0].role=operator"))
			.rootCause()
			.hasMessageContaining("scheme other than bcrypt");
		assertThatThrownBy(
				() -> start("--litewatch.security.tokens[0].name=ci", "--litewatch.security.tokens[0].hash=sha256:abc"))
			.rootCause()
			.hasMessageContaining("litewatch.security.tokens[0] (ci): hash is neither sha256");
		assertThat(output.getAll()).doesNotContain("hunter2");
	}

	@Test
	void withStatusAccessTokenTheStatusAndBadgesNeedATokenOrALogin() throws Exception {
		List<String> args = new ArrayList<>(TestAccounts.arguments());
		args.add("--litewatch.security.status-access=token");
		try (ConfigurableApplicationContext app = start(args.toArray(String[]::new))) {
			WebSession anonymous = new WebSession(base(app));
			for (String path : List.of("/api/status", "/badge.svg", "/badge/production.svg")) {
				assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(401);
				HttpResponse<String> withToken = anonymous.get(path + "?token=" + TestAccounts.TOKEN);
				assertThat(withToken.statusCode()).as(path).isIn(200, 404, 503);
			}
			HttpResponse<String> status = anonymous.send(HttpRequest.newBuilder(anonymous.uri("/api/status"))
				.header("Authorization", "Bearer " + TestAccounts.TOKEN));
			assertThat(status.body()).contains("\"accessory\"");
			assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
			WebSession viewer = new WebSession(base(app)).signedIn(TestAccounts.VIEWER, TestAccounts.VIEWER_PASSWORD);
			assertThat(viewer.get("/badge.svg").statusCode()).isEqualTo(200);
		}
	}

	private ConfigurableApplicationContext start(String... extra) throws IOException {
		return StartedApp.start(work, extra);
	}

	private static String base(ConfigurableApplicationContext app) {
		return StartedApp.base(app);
	}

}
