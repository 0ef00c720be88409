package io.litewatch.config;

import org.junit.jupiter.api.Test;

import static io.litewatch.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The error Litewatch shows when Litestream would refuse the file. */
class ConfigParseExceptionTest {

	@Test
	void messageFormat() {
		ConfigParseException ex = new ConfigParseException("/etc/litestream.yml", 5, "boom");
		assertThat(ex.getMessage()).isEqualTo("/etc/litestream.yml: line 5: boom");
		assertThat(ex.source()).isEqualTo("/etc/litestream.yml");
		assertThat(ex.line()).isEqualTo(5);
		assertThat(ex.reason()).isEqualTo("boom");
		assertThat(new ConfigParseException("x.yml", 0, "gone").getMessage()).isEqualTo("x.yml: gone");
	}

	@Test
	void exceptionTypeIsRuntime() {
		assertThatExceptionOfType(ConfigParseException.class).isThrownBy(() -> parse("dbs: {"))
			.isInstanceOf(RuntimeException.class);
	}

}
