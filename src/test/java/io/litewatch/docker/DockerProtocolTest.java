package io.litewatch.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The pure parts of the Docker client ({@link DockerProtocol}); the engine-facing parts
 * are in {@link DockerAccessoryIT}.
 */
class DockerProtocolTest {

	@Test
	void usesTheEnginesVersionWhenDockerJavaKnowsIt() {
		// Debian's dockerd 20.10: pinning 1.44 would be refused
		assertThat(DockerProtocol.chooseApiVersion("1.41", "1.12", "h").getVersion()).isEqualTo("1.41");
	}

	@Test
	void capsAtTheNewestVersionDockerJavaKnows() {
		// Docker 29: API 1.52, minimum 1.44; pinning 1.41 would be refused
		assertThat(DockerProtocol.chooseApiVersion("1.52", "1.44", "h").getVersion()).isEqualTo("1.44");
		assertThat(DockerProtocol.NEWEST_KNOWN.getVersion()).isEqualTo("1.44");
	}

	@Test
	void refusesAnEngineWhoseMinimumIsAboveWhatWeSpeak() {
		assertThatThrownBy(() -> DockerProtocol.chooseApiVersion("1.60", "1.50", "unix:///x.sock"))
			.isInstanceOf(DockerAccessException.class)
			.hasMessage(
					"Docker engine at unix:///x.sock requires API 1.50 or newer, but this client speaks at most 1.44");
		assertThatThrownBy(() -> DockerProtocol.chooseApiVersion("", "", "h"))
			.isInstanceOf(DockerAccessException.class);
	}

	@Test
	void decodesThePathStatHeader() {
		String json = "{\"name\":\"it.sqlite3\",\"size\":8192,\"mode\":420,"
				+ "\"mtime\":\"2026-11-25T10:56:22.123456789Z\",\"linkTarget\":\"\"}";
		String header = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));

		assertThat(DockerProtocol.parsePathStat("/data/it.sqlite3", header))
			.isEqualTo(new FileStat("/data/it.sqlite3", true, 8192, Instant.parse("2026-11-25T10:56:22.123456789Z")));
		assertThatThrownBy(() -> DockerProtocol.parsePathStat("/x", "not base64!"))
			.isInstanceOf(DockerAccessException.class);
	}

	@Test
	void dockerZeroTimeMeansNever() {
		assertThat(DockerProtocol.dockerTime("0001-01-01T00:00:00Z")).isNull();
		assertThat(DockerProtocol.dockerTime("2026-11-25T10:56:22.5+01:00"))
			.isEqualTo(Instant.parse("2026-11-25T09:56:22.5Z"));
	}

}
