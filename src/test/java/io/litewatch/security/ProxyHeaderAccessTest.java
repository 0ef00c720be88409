package io.litewatch.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trusted-header mode on the real app and its real Tomcat (with
 * {@code server.forward-headers-strategy: native}, as shipped). The "proxy" is a socket
 * bound to 127.0.0.2, the only trusted address; a client on 127.0.0.1 is anyone else on
 * the network. HTTP/1.0 by hand, since no HTTP client lets a test choose its source
 * address.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProxyHeaderAccessTest {

	static final String PROXY = "127.0.0.2";

	static final String ELSEWHERE = "127.0.0.1";

	@TempDir
	static Path work;

	static ConfigurableApplicationContext app;

	static int port;

	@BeforeAll
	static void start() throws IOException {
		app = start(work, "--litewatch.security.proxy-header.user-header=X-Forwarded-User",
				"--litewatch.security.proxy-header.trusted-proxies=" + PROXY + ",10.9.0.0/16",
				"--litewatch.security.proxy-header.groups-header=X-Forwarded-Groups",
				"--litewatch.security.proxy-header.operator-groups=OnCall",
				"--litewatch.security.proxy-header.operators=Boss@Example.com");
		port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void theProxysUserIsSignedInWithTheRoleItsGroupsGiveAndTheSessionKeepsIt() throws IOException {
		Reply alice = get(PROXY, "/alerts", Map.of("X-Forwarded-User", "alice@example.com"));
		assertThat(alice.status()).isEqualTo(200);
		assertThat(alice.body()).contains("alice@example.com · viewer", "data-testid=\"operators-only\"")
			.doesNotContain("action=\"/alerts/silences\"");

		Reply bob = get(PROXY, "/alerts",
				Map.of("X-Forwarded-User", "bob@example.com", "X-Forwarded-Groups", "devs, oncall"));
		assertThat(bob.body()).contains("bob@example.com · operator", "action=\"/alerts/silences\"");
		Reply boss = get(PROXY, "/alerts", Map.of("X-Forwarded-User", "boss@example.com"));
		assertThat(boss.body()).contains("boss@example.com · operator");

		// The session cookie alone, from anywhere, is alice's session, as after a
		// password.
		Reply again = get(ELSEWHERE, "/alerts", Map.of("Cookie", alice.cookie()));
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).contains("alice@example.com · viewer");
		// The proxy naming someone else on that session is a new sign-in, not alice.
		Reply other = get(PROXY, "/alerts", Map.of("Cookie", alice.cookie(), "X-Forwarded-User", "carol@example.com"));
		assertThat(other.body()).contains("carol@example.com · viewer").doesNotContain("alice@example.com · viewer");

		Reply audit = get(PROXY, "/api/audit",
				Map.of("X-Forwarded-User", "bob@example.com", "X-Forwarded-Groups", "oncall"));
		assertThat(audit.body()).contains("\"actor\":\"alice@example.com\"",
				"named by the authenticating proxy, as viewer", "named by the authenticating proxy, as operator");
	}

	@Test
	void theHeaderFromAnyOtherAddressIsIgnoredEvenWithTheProxysAddressForwarded(CapturedOutput output)
			throws IOException {
		Reply direct = get(ELSEWHERE, "/alerts", Map.of("X-Forwarded-User", "mallory@example.com"));
		assertThat(direct.status()).isEqualTo(302);
		assertThat(direct.header("Location")).endsWith("/login");

		// 127.0.0.1 is one of Tomcat's internal proxies: RemoteIpValve believes its
		// X-Forwarded-For and reports 127.0.0.2 as the client. The socket peer stays.
		Reply forged = get(ELSEWHERE, "/alerts",
				Map.of("X-Forwarded-User", "boss@example.com", "X-Forwarded-For", PROXY));
		assertThat(forged.status()).isEqualTo(302);
		assertThat(forged.header("Location")).endsWith("/login");

		Reply login = get(ELSEWHERE, "/login", Map.of());
		assertThat(login.body()).contains("data-testid=\"login-proxy\"").doesNotContain("name=\"password\"");
		assertThat(output.getAll()).contains("Ignored the X-Forwarded-User header from " + ELSEWHERE
				+ ", which is not in litewatch.security.proxy-header.trusted-proxies");
		assertThat(count(output.getAll(), "Ignored the X-Forwarded-User header from " + ELSEWHERE))
			.as("one warning per address")
			.isEqualTo(1);
	}

	@Test
	void withTheProxyInChargeNoPasswordIsGeneratedAndNoPasswordSignInWorks(CapturedOutput output) throws IOException {
		assertThat(work.resolve("data").resolve(GeneratedPassword.FILE)).doesNotExist();
		Reply form = get(PROXY, "/login", Map.of());
		String csrf = meta(form.body(), "_csrf");
		Reply post = request(ELSEWHERE, "POST", "/login",
				Map.of("Cookie", form.cookie(), "Content-Type", "application/x-www-form-urlencoded"),
				"username=admin&password=admin&_csrf=" + csrf);
		assertThat(post.status()).isEqualTo(302);
		assertThat(post.header("Location")).contains("/login?error");
	}

	@Test
	void aProxyModeWithoutTrustedAddressesOrWithOneForEveryoneDoesNotStart(@TempDir Path other) {
		assertThatThrownBy(() -> start(other, "--litewatch.security.proxy-header.user-header=Remote-User")).rootCause()
			.isInstanceOf(AccessConfigException.class)
			.hasMessageContaining("litewatch.security.proxy-header.trusted-proxies is empty");
		assertThatThrownBy(() -> start(other, "--litewatch.security.proxy-header.user-header=Remote-User",
				"--litewatch.security.proxy-header.trusted-proxies=0.0.0.0/0"))
			.rootCause()
			.hasMessageContaining("covers every address");
		assertThatThrownBy(() -> start(other, "--litewatch.security.proxy-header.user-header=Remote-User",
				"--litewatch.security.proxy-header.trusted-proxies=kamal-proxy"))
			.rootCause()
			.hasMessageContaining("trusted-proxies[0] (kamal-proxy) is not an IP address or a CIDR range");
	}

	static ConfigurableApplicationContext start(Path dir, String... extra) throws IOException {
		return StartedApp.start(dir, extra);
	}

	record Reply(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return headers.getOrDefault(name.toLowerCase(), "");
		}

		/** The session cookie it set, as a Cookie header value. */
		String cookie() {
			return header("Set-Cookie").split(";", 2)[0];
		}

	}

	static Reply get(String from, String path, Map<String, String> headers) throws IOException {
		return request(from, "GET", path, headers, null);
	}

	static Reply request(String from, String method, String path, Map<String, String> headers, String body)
			throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10_000);
			StringBuilder head = new StringBuilder(
					method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\n");
			headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
			byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
			if (body != null) {
				head.append("Content-Length: ").append(content.length).append("\r\n");
			}
			head.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			in.transferTo(all);
			String text = all.toString(StandardCharsets.UTF_8);
			int split = text.indexOf("\r\n\r\n");
			String[] lines = text.substring(0, split).split("\r\n");
			Map<String, String> replyHeaders = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				replyHeaders.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(),
						lines[i].substring(colon + 1).strip());
			}
			return new Reply(Integer.parseInt(lines[0].split(" ")[1]), replyHeaders, text.substring(split + 4));
		}
	}

	static String meta(String html, String name) {
		Matcher m = Pattern.compile("<meta name=\"" + name + "\" content=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("field %s in\n%s", name, html).isTrue();
		return m.group(1);
	}

	static int count(String text, String part) {
		int n = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			n++;
		}
		return n;
	}

}
