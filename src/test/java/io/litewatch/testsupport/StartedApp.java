package io.litewatch.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.litewatch.LitewatchApplication;

/**
 * The real app on a free port for the startup tests, with an empty litestream.yml and a
 * Docker address that refuses: the polls find nothing, and do not matter there.
 */
public final class StartedApp {

	private StartedApp() {
	}

	/**
	 * Started with its data under {@code dir}; {@code extra} settings replace defaults.
	 */
	public static ConfigurableApplicationContext start(Path dir, String... extra) throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		Files.writeString(dir.resolve("litestream.yml"), "dbs: []\n");
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--litewatch.litestream-config=" + dir.resolve("litestream.yml"),
						"--litewatch.data-dir=" + dir.resolve("data"), "--litewatch.poll-interval=1h",
						"--litewatch.docker.host=tcp://127.0.0.1:" + closed, "--litewatch.docker.api-timeout=1s",
						"--litewatch.inventory.enabled=false"));
		for (String e : extra) {
			// A later --key=value would be joined to the default, not replace it.
			args.removeIf((a) -> a.startsWith(e.substring(0, e.indexOf('=') + 1)));
			args.add(e);
		}
		return new SpringApplicationBuilder(LitewatchApplication.class).run(args.toArray(String[]::new));
	}

	public static String base(ConfigurableApplicationContext app) {
		return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
	}

}
