package io.litewatch.heartbeat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.litewatch.testsupport.StartedApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A heartbeat URL that is no http(s) one stops the real app's start, named. */
@ExtendWith(OutputCaptureExtension.class)
class HeartbeatStartupTest {

	@TempDir
	Path work;

	@Test
	void aUrlThatIsNotHttpStopsTheStartNamingTheSettingButNotItsPath(CapturedOutput output) {
		assertThatThrownBy(() -> StartedApp.start(work, "--litewatch.heartbeat.url=ftp://hc-ping.com/s3cr3t-check-id"))
			.hasStackTraceContaining("litewatch.heartbeat.url must be an http:// or https:// URL with a host");
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START").doesNotContain("s3cr3t-check-id");
	}

}
