package io.litewatch.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

	@Test
	void fileOverTheSizeLimitIsRefusedWithoutBeingParsed() throws IOException {
		Path file = write(padded(VALID, LitestreamConfigFile.DEFAULT_MAX_BYTES + 1),
				Instant.parse("2026-11-25T10:00:00Z"));
		ConfigLoad load = new LitestreamConfigFile(file, this.parser).load();

		assertThat(load.valid()).isFalse();
		assertThat(load.error().line()).isZero();
		assertThat(load.error().reason()).startsWith("config file is 1048577 bytes, over the limit of 1048576 bytes");
		assertThat(load.modifiedAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
	}

	@Test
	void fileAtTheSizeLimitIsParsed() throws IOException {
		Path file = write(padded(VALID, LitestreamConfigFile.DEFAULT_MAX_BYTES), Instant.now());

		assertThat(new LitestreamConfigFile(file, this.parser).load().valid()).isTrue();
	}

	@Test
	void theLimitCanBeSet() throws IOException {
		Path file = write(VALID, Instant.now());

		assertThat(new LitestreamConfigFile(file, this.parser, VALID.length()).load().valid()).isTrue();
		assertThat(new LitestreamConfigFile(file, this.parser, VALID.length() - 1).load().error().reason())
			.startsWith("config file is " + VALID.length() + " bytes, over the limit of " + (VALID.length() - 1));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new LitestreamConfigFile(file, this.parser, 0));
	}

	@Test
	void contentBeyondTheSizeItReportedIsNotRead() {
		// /proc files report a size of 0 but have content: the same as a file growing
		// between the size check and the read
		Path file = Path.of("/proc/self/status");
		assertThat(file).isReadable();

		ConfigLoad load = new LitestreamConfigFile(file, this.parser, 64).load();

		assertThat(load.valid()).isFalse();
		assertThat(load.error().reason())
			.startsWith("config file is more than 64 bytes (it grew while being read), over the limit of 64 bytes");
	}

	@Test
	@Timeout(30) // opening a named pipe blocks until a writer comes, i.e. forever
	void namedPipeIsNotOpened() throws Exception {
		Path fifo = this.dir.resolve("litestream.yml");
		// coreutils' mkfifo: on every machine this runs on; a missing one fails the test.
		Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
		assertThat(mkfifo.waitFor()).isZero();

		ConfigLoad load = new LitestreamConfigFile(fifo, this.parser).load();

		assertThat(load.error().reason()).isEqualTo("cannot read config file: " + fifo + " (not a regular file)");
	}

	@Test
	void invalidUtf8IsAReadError() throws IOException {
		Path file = this.dir.resolve("litestream.yml");
		Files.write(file, new byte[] { 'd', 'b', 's', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n' });

		assertThat(new LitestreamConfigFile(file, this.parser).load().error().reason())
			.isEqualTo("cannot read config file: " + file + " (MalformedInputException)");
	}

	@Test
	void selfReferencingMergeKeyIsAnInvalidConfig() throws IOException {
		Path file = write("dbs:\n  - &d {path: /x.db, <<: *d}\n", Instant.now());
		ConfigLoad load = new LitestreamConfigFile(file, this.parser).load();

		assertThat(load.valid()).isFalse();
		assertThat(load.error().line()).isEqualTo(2);
		assertThat(load.error().reason()).startsWith("a YAML alias refers to itself");
	}

	@Test
	void stackOverflowWhileParsingIsAnInvalidConfig() throws IOException {
		Path file = write(VALID, Instant.now());
		LitestreamConfigFile configFile = new LitestreamConfigFile(file, (text, source, dialect, basis) -> {
			throw new StackOverflowError();
		}, LitestreamConfigFile.DEFAULT_MAX_BYTES);

		ConfigLoad load = configFile.load();

		assertThat(load.valid()).isFalse();
		assertThat(load.error().reason())
			.isEqualTo("cannot parse config file: it is nested too deeply (StackOverflowError)");
		assertThat(configFile.load()).isSameAs(load);
	}

	@Test
	void otherParserFailuresAreAnInvalidConfigButOutOfMemoryIsNot() throws IOException {
		Path file = write(VALID, Instant.now());

		assertThat(new LitestreamConfigFile(file, (text, source, dialect, basis) -> {
			throw new IllegalStateException("bug");
		}, 1024).load().error().reason()).isEqualTo("cannot parse config file: IllegalStateException");
		assertThat(new LitestreamConfigFile(file, (text, source, dialect, basis) -> {
			throw new NoClassDefFoundError("org/yaml/snakeyaml/Yaml");
		}, 1024).load().error().reason()).isEqualTo("cannot parse config file: NoClassDefFoundError");
		assertThatExceptionOfType(OutOfMemoryError.class)
			.isThrownBy(() -> new LitestreamConfigFile(file, (text, source, dialect, basis) -> {
				throw new OutOfMemoryError("test");
			}, 1024).load());
	}

	// The text followed by comment lines that make it exactly `bytes` long. Short lines:
	// SnakeYAML takes time quadratic in the length of a line.
	private static String padded(String text, long bytes) {
		StringBuilder padded = new StringBuilder(text);
		String line = "#" + "x".repeat(98) + "\n";
		while (padded.length() + line.length() < bytes) {
			padded.append(line);
		}
		int room = (int) bytes - padded.length() - "#\n".length();
		padded.append("#").append("x".repeat(room)).append("\n");
		assertThat(padded.toString().getBytes(StandardCharsets.UTF_8).length).isEqualTo(bytes);
		return padded.toString();
	}

	private Path write(String text, Instant mtime) throws IOException {
		Path file = this.dir.resolve("litestream.yml");
		Files.writeString(file, text);
		Files.setLastModifiedTime(file, FileTime.from(mtime));
		return file;
	}

}
