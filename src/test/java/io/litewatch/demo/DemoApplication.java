package io.litewatch.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import io.litewatch.LitewatchApplication;

/**
 * What {@code ./mvnw spring-boot:run} starts: the demo stack, then Litewatch in front of
 * it; both stop together. Given a real litestream.yml ({@code LITESTREAM_CONFIG} or
 * {@code --litewatch.litestream-config}), it starts plain Litewatch and no demo piece at
 * all. It lives in the test sources, so nothing of the demo can reach the production jar.
 */
public final class DemoApplication {

	private DemoApplication() {
	}

	public static void main(String[] args) throws Exception {
		run(args);
	}

	public static ConfigurableApplicationContext run(String... args) throws Exception {
		if (!wantsDemo(args, System.getenv("LITESTREAM_CONFIG"))) {
			return SpringApplication.run(LitewatchApplication.class, args);
		}
		Demo demo = Demo.start(Path.of("target/demo").toAbsolutePath());
		List<String> all = new ArrayList<>(demo.litewatchArguments());
		// Its password is in the README: loopback only, unless the command line says
		// otherwise (a second --server.address would be joined to this one, not win).
		if (Arrays.stream(args).noneMatch((arg) -> arg.startsWith("--server.address"))) {
			all.add("--server.address=127.0.0.1");
		}
		all.addAll(Arrays.asList(args));
		try {
			SpringApplication app = new SpringApplication(LitewatchApplication.class);
			app.addListeners((ContextClosedEvent event) -> closeQuietly(demo));
			ConfigurableApplicationContext context = app.run(all.toArray(String[]::new));
			System.out.println(banner(context.getEnvironment().getProperty("local.server.port")));
			return context;
		}
		catch (RuntimeException ex) {
			closeQuietly(demo);
			throw ex;
		}
	}

	static String banner(String port) {
		return "\nLitewatch demo: open http://localhost:" + port + " and sign in as " + Demo.USER + ", password "
				+ Demo.PASSWORD + " (operator). Ctrl-C stops everything.\n";
	}

	static boolean wantsDemo(String[] args, String litestreamConfigEnv) {
		if (litestreamConfigEnv != null && !litestreamConfigEnv.isBlank()) {
			return false;
		}
		return Arrays.stream(args).noneMatch((arg) -> arg.startsWith("--litewatch.litestream-config"));
	}

	private static void closeQuietly(Demo demo) {
		try {
			demo.close();
		}
		catch (Exception ex) {
			// Shutting down anyway.
		}
	}

}
