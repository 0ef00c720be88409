package io.litewatch.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hash forms the settings accept, and the tokens matched against them. */
class HashesTest {

	/** {@code htpasswd -bnBC 10 "" secret | tr -d ':\n'} (apache2-utils 2.4). */
	static final String HTPASSWD = "$2y$10$W42Y7xDpwALjo.kk.L5UHeeP.sW68hneQljR1KpXDPTiQtaoNywTO";

	@Test
	void bcryptHashesAreReadBareOrWithSpringsPrefix() {
		assertThat(Hashes.bcrypt(HTPASSWD)).isEqualTo(HTPASSWD);
		assertThat(Hashes.bcrypt("{bcrypt}" + HTPASSWD)).isEqualTo(HTPASSWD);
		assertThat(Hashes.bcrypt(" " + HTPASSWD + "\n")).isEqualTo(HTPASSWD);
		assertThat(new BCryptPasswordEncoder().matches("secret", Hashes.bcrypt(HTPASSWD))).isTrue();
	}

	@Test
	void whatIsNotABcryptHashIsRefusedWithoutRepeatingIt() {
		for (String text : List.of("secret", "{noop}secret", "{sha256}abc", "$2y$10$short",
				// what a shell makes of "$2y$10$…" in double quotes
				"0W42Y7xDpwALjo.kk.L5UHeeP.sW68hneQljR1KpXDPTiQtaoNywTO", "$2y$03$" + HTPASSWD.substring(7))) {
			assertThat(Hashes.bcrypt(text)).as(text).isNull();
			assertThat(Hashes.whyNotBcrypt(text)).as(text).doesNotContain(text);
		}
		assertThat(Hashes.whyNotBcrypt("")).isEqualTo("is missing");
		assertThat(Hashes.whyNotBcrypt("{noop}x")).contains("never a plain password");
	}

	@Test
	void aTokenMatchesItsSha256OrBcryptHashAndNothingElse() throws Exception {
		String token = "0123456789abcdef0123456789abcdef";
		String hex = io.litewatch.testsupport.TestAccounts.sha256(token);
		MachineTokens tokens = MachineTokens
			.of(List.of(new AccessProperties.Token("uptime", hex.toUpperCase().replace("SHA256:", "sha256:")),
					new AccessProperties.Token("ci", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("ci-token"))));
		assertThat(tokens.find(token)).hasValue("uptime");
		assertThat(tokens.find("ci-token")).hasValue("ci");
		assertThat(tokens.find(token + "x")).isEmpty();
		assertThat(tokens.find("")).isEmpty();
		assertThat(tokens.find(null)).isEmpty();
	}

	@Test
	void aTokenOrUserNamedTwiceIsRefused() {
		assertThatThrownBy(() -> MachineTokens.of(List.of(new AccessProperties.Token("a", "sha256:" + "0".repeat(64)),
				new AccessProperties.Token("a", "sha256:" + "1".repeat(64)))))
			.isInstanceOf(AccessConfigException.class)
			.hasMessageContaining("tokens[1] (a): the name is given twice");
		assertThatThrownBy(() -> Accounts
			.configured(List.of(new AccessProperties.User("al", HTPASSWD, AccessProperties.Role.VIEWER),
					new AccessProperties.User("al", HTPASSWD, AccessProperties.Role.OPERATOR))))
			.isInstanceOf(AccessConfigException.class)
			.hasMessageContaining("users[1] (al): the name is given twice");
	}

	@Test
	void settingsPrintWithoutTheirHashes() {
		assertThat(new AccessProperties.User("al", HTPASSWD, AccessProperties.Role.VIEWER).toString())
			.doesNotContain(HTPASSWD);
		assertThat(new AccessProperties.Token("t", "sha256:" + "0".repeat(64)).toString()).doesNotContain("0000");
	}

}
