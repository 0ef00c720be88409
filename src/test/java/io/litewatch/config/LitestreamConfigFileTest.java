package io.litewatch.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LitestreamConfigFileTest {

	private static final String VALID = """
			dbs:
			  - path: /data/app.db
			    replicas:
			      - url: s3://b/app
			""";

	@TempDir
	Path dir;

	private final LitestreamConfigParser parser = new LitestreamConfigParser(Map.of(), Path.of("/"));

	@Test
	void missingFileIsAnErrorNotAnException() {
		Path file = this.dir.resolve("litestream.yml");
		ConfigLoad load = new LitestreamConfigFile(file, this.parser).load();

		assertThat(load.valid()).isFalse();
		assertThat(load.config()).isNull();
		assertThat(load.file()).isEqualTo(file);
		assertThat(load.modifiedAt()).isNull();
		assertThat(load.error().line()).isZero();
		assertThat(load.error().reason()).isEqualTo("config file not found: " + file);
	}

	@Test
	void validFile() throws IOException {
		Path file = write(VALID, Instant.parse("2026-11-25T10:00:00Z"));
		ConfigLoad load = new LitestreamConfigFile(file, this.parser).load();

		assertThat(load.valid()).isTrue();
		assertThat(load.error()).isNull();
		assertThat(load.config().dbs()).hasSize(1);
		assertThat(load.modifiedAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
	}

	@Test
	void invalidFileCarriesTheParseErrorWithThePath() throws IOException {
		Path file = write(VALID.replace("s3://b/app", "s3://b/app\n        retention: 1d"),
				Instant.parse("2026-11-25T10:00:00Z"));
		ConfigLoad load = new LitestreamConfigFile(file, this.parser).load();

		assertThat(load.valid()).isFalse();
		assertThat(load.error().source()).isEqualTo(file.toString());
		assertThat(load.error().line()).isEqualTo(5);
		assertThat(load.modifiedAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
	}

	@Test
	void reparsesOnlyWhenMtimeOrSizeChanged() throws IOException {
		Path file = write(VALID, Instant.parse("2026-11-25T10:00:00Z"));
		LitestreamConfigFile configFile = new LitestreamConfigFile(file, this.parser);

		ConfigLoad first = configFile.load();
		assertThat(configFile.load()).isSameAs(first);

		// same size, new mtime
		Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-25T10:05:00Z")));
		ConfigLoad touched = configFile.load();
		assertThat(touched).isNotSameAs(first);
		assertThat(touched.modifiedAt()).isEqualTo(Instant.parse("2026-11-25T10:05:00Z"));
		assertThat(configFile.load()).isSameAs(touched);

		// new content (new size) with the same mtime
		write(VALID.replace("app", "application"), Instant.parse("2026-11-25T10:05:00Z"));
		ConfigLoad changed = configFile.load();
		assertThat(changed).isNotSameAs(touched);
		assertThat(changed.config().dbs().get(0).path()).isEqualTo("/data/application.db");
	}

	@Test
	void fileDisappearingAndComingBack() throws IOException {
		Path file = write(VALID, Instant.parse("2026-11-25T10:00:00Z"));
		LitestreamConfigFile configFile = new LitestreamConfigFile(file, this.parser);
		assertThat(configFile.load().valid()).isTrue();

		Files.delete(file);
		assertThat(configFile.load().error().reason()).startsWith("config file not found: ");

		write(VALID, Instant.parse("2026-11-25T10:00:00Z"));
		assertThat(configFile.load().valid()).isTrue();
	}

	@Test
	void directoryInsteadOfFileIsAnError() {
		ConfigLoad load = new LitestreamConfigFile(this.dir, this.parser).load();

		assertThat(load.valid()).isFalse();
		assertThat(load.error().reason()).startsWith("cannot read config file: " + this.dir);
	}

	private Path write(String text, Instant mtime) throws IOException {
		Path file = this.dir.resolve("litestream.yml");
		Files.writeString(file, text);
		Files.setLastModifiedTime(file, FileTime.from(mtime));
		return file;
	}

}
