package io.litewatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Shared helpers for the config tests. */
public final class ConfigFixtures {

	public static final Path WORKING_DIR = Path.of("/srv/app");

	private ConfigFixtures() {
	}

	public static String fixture(String name) {
		try (InputStream in = ConfigFixtures.class.getResourceAsStream("/fixtures/litestream-yml/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static LitestreamConfig parse(String yaml) {
		return parse(yaml, Map.of());
	}

	static LitestreamConfig parse(String yaml, Map<String, String> env) {
		return new LitestreamConfigParser(env, WORKING_DIR).parse(yaml, "litestream.yml");
	}

	/** The error Litestream 0.3.13 would refuse the file with; fails when it parses. */
	static ConfigParseException refused(String yaml) {
		try {
			parse(yaml);
		}
		catch (ConfigParseException ex) {
			return ex;
		}
		throw new AssertionError("expected a ConfigParseException");
	}

}
