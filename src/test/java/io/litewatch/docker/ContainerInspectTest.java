package io.litewatch.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kamal-booted Litestream accessory's inspect (as Docker 27 sends it) read into the
 * setup a restore needs, with the environment's values dropped at the boundary.
 */
class ContainerInspectTest {

	private static final ObjectMapper JSON = new ObjectMapper()
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	static InspectContainerResponse kamalInspect() throws Exception {
		return JSON.readValue(
				Files.readString(Path.of("src/test/resources/fixtures/docker/inspect-kamal-litestream.json")),
				InspectContainerResponse.class);
	}

	@Test
	void itKeepsTheImageEntrypointMountsNetworkAndTheVariablesNamesOnly() throws Exception {
		ContainerSetup setup = ContainerInspect.setup(kamalInspect());

		assertThat(setup.image()).isEqualTo("litestream/litestream:0.3.13");
		assertThat(setup.entrypoint()).containsExactly("/usr/local/bin/litestream");
		assertThat(setup.cmd()).containsExactly("replicate");
		assertThat(setup.network()).isEqualTo("kamal");
		assertThat(setup.user()).isNull();
		assertThat(setup.mounts()).containsExactly(
				new ContainerMount("myapp_storage", "/var/lib/docker/volumes/myapp_storage/_data", "/rails/storage",
						false),
				new ContainerMount(null, "/root/myapp-litestream/etc/litestream.yml", "/etc/litestream.yml", true));
		// PATH is the image's: passing the host's would only replace it.
		assertThat(setup.envNames()).containsExactly("KAMAL_HOST", "LITESTREAM_ACCESS_KEY_ID",
				"LITESTREAM_SECRET_ACCESS_KEY");
		assertThat(setup.toString()).doesNotContain("AKIAEXAMPLEKEYID0001")
			.doesNotContain("wJalrXUtnFEMI")
			.doesNotContain("203.0.113.10");
	}

	@Test
	void aFileInsideAMountIsFoundOnTheHost() throws Exception {
		ContainerSetup setup = ContainerInspect.setup(kamalInspect());

		assertThat(setup.mountOf("/rails/storage/production.sqlite3")
			.map((m) -> m.hostPath("/rails/storage/production.sqlite3")))
			.contains("/var/lib/docker/volumes/myapp_storage/_data/production.sqlite3");
		assertThat(setup.mountOf("/etc/litestream.yml").map(ContainerMount::readOnly)).contains(true);
		assertThat(setup.mountOf("/rails/storagex/a.db")).isEmpty();
		assertThat(setup.mountOf("/data/a.db")).isEmpty();
	}

	@Test
	void theDeepestMountWins() {
		ContainerSetup setup = new ContainerSetup("img", List.of(), List.of(),
				List.of(new ContainerMount("outer", "/v/outer", "/rails", false),
						new ContainerMount(null, "/srv/storage", "/rails/storage", false)),
				"default", null, List.of());

		assertThat(setup.mountOf("/rails/storage/db.sqlite3").map((m) -> m.hostPath("/rails/storage/db.sqlite3")))
			.contains("/srv/storage/db.sqlite3");
	}

}
