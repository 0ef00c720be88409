package io.litewatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.litewatch.testsupport.LitestreamContainer;
import io.litewatch.testsupport.S3ProxyServer;
import io.litewatch.testsupport.SqliteWriter;
import io.litewatch.testsupport.WebhookReceiver;

/**
 * The soak benchmark of issue 30 (run by scripts/benchmark-soak.sh; a benchmark, not a
 * test): one Litestream accessory container replicating many SQLite databases to s3proxy,
 * some of them written all the time, watched by the packaged Litewatch jar as its own
 * process with the image's JVM options. Per window it reports Litewatch's memory, file
 * descriptors and threads, the polls it completed against those its interval allows, how
 * long they took, the execs the Docker Engine saw in the accessory, the S3 requests of
 * Litewatch and of Litestream (each through a counting proxy of its own), the
 * notifications a webhook received and how Litewatch's store grew.
 */
final class SoakBenchmark {

	private static final String KEY = "soak-key";

	private static final String SECRET = "soak-secret";

	private SoakBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		SoakSettings settings = SoakSettings.parse(args);
		Files.createDirectories(settings.out());
		PidFiles pids = new PidFiles(settings.out().resolve("pids"));
		List<SoakWindow> windows = new ArrayList<>();
		SoakWindow.Totals totals;
		try (S3ProxyServer s3 = new S3ProxyServer(settings.out().resolve("s3"), KEY, SECRET).start()) {
			pids.note("s3proxy", s3.pid());
			s3.createBucket("backups");
			try (CountingProxy appProxy = new CountingProxy(s3.port(), settings.out().resolve("litewatch-s3.log"))
				.start();
					CountingProxy accessoryProxy = new CountingProxy(s3.port(),
							settings.out().resolve("litestream-s3.log"))
						.start();
					Databases dbs = Databases.create(settings);
					WebhookReceiver webhook = new WebhookReceiver()) {
				Path accessoryConfig = settings.out().resolve("litestream-accessory.yml");
				Path appConfig = settings.out().resolve("litestream.yml");
				Files.writeString(accessoryConfig, SoakYaml.of(settings, dbs.paths(), accessoryProxy.endpoint()));
				Files.writeString(appConfig, SoakYaml.of(settings, dbs.paths(), appProxy.endpoint()));
				try (LitestreamContainer accessory = new LitestreamContainer(settings.litestream(), dbs.dir(),
						accessoryConfig, Map.of("SOAK_ACCESS_KEY_ID", KEY, "SOAK_SECRET_ACCESS_KEY", SECRET), null)) {
					accessory.start();
					log("accessory %s (Litestream %s) replicating %d databases, %d written every %s", accessory.name(),
							settings.litestream().printed(), settings.databases(), settings.writers(),
							settings.writeEvery());
					try (ExecEvents execs = ExecEvents.follow(accessory.name(), pids)) {
						AppProcess app = AppProcess.start(settings.jar(), settings.out().resolve("litewatch"),
								appProperties(settings, appConfig, accessory.name(), webhook.url("/soak")),
								settings.javaToolOptions(), settings.out().resolve("litewatch.log"));
						pids.note("litewatch", app.pid());
						try (PollWatch polls = PollWatch.start(app)) {
							app.awaitServing(Duration.ofMinutes(2));
							SoakWindow.Meter meter = new SoakWindow.Meter(app.pid(),
									settings.out().resolve("litewatch-data"), polls, execs, appProxy, accessoryProxy,
									webhook, settings.pollInterval());
							long end = System.currentTimeMillis() + settings.run().toMillis();
							while (System.currentTimeMillis() < end) {
								long windowEnd = Math.min(end,
										System.currentTimeMillis() + settings.window().toMillis());
								sleepUntil(windowEnd, app);
								SoakWindow window = meter.close();
								windows.add(window);
								log("%s", window.line());
							}
							totals = meter.totals();
						}
						finally {
							app.close();
							pids.forget("litewatch");
						}
					}
					pids.forget("docker-events");
				}
			}
		}
		finally {
			pids.forget("s3proxy");
		}
		String report = SoakReport.markdown(settings, windows, totals);
		Files.writeString(settings.out().resolve("soak.md"), report);
		System.out.println(report);
	}

	private static List<String> appProperties(SoakSettings settings, Path config, String container, String webhookUrl) {
		List<String> properties = new ArrayList<>(List.of("litewatch.litestream-config=" + config,
				"litewatch.poll-interval=" + settings.pollInterval().toMillis() + "ms",
				"litewatch.data-dir=" + settings.out().resolve("litewatch-data").toAbsolutePath(),
				"litewatch.docker.container=" + container, "litewatch.alerts.webhooks[0].name=soak",
				"litewatch.alerts.webhooks[0].url=" + webhookUrl, "litewatch.alerts.webhooks[0].min-severity=warning",
				"litewatch.environment.SOAK_ACCESS_KEY_ID=" + KEY,
				"litewatch.environment.SOAK_SECRET_ACCESS_KEY=" + SECRET));
		properties.addAll(settings.appProperties());
		return properties;
	}

	private static void sleepUntil(long millis, AppProcess app) throws InterruptedException {
		while (System.currentTimeMillis() < millis) {
			if (!app.alive()) {
				throw new IllegalStateException("Litewatch exited during the soak; see litewatch.log");
			}
			Thread.sleep(Math.min(1000, Math.max(1, millis - System.currentTimeMillis())));
		}
	}

	static void log(String format, Object... args) {
		System.err.printf("[benchmark-soak] " + format + "%n", args);
	}

	/** The databases, the first {@code writers} of them written on a timer. */
	record Databases(Path dir, List<Path> paths, List<SqliteWriter> writers) implements AutoCloseable {

		static Databases create(SoakSettings settings) throws Exception {
			Path dir = settings.out().resolve("data").toAbsolutePath();
			Files.createDirectories(dir);
			List<Path> paths = new ArrayList<>();
			List<SqliteWriter> writers = new ArrayList<>();
			for (int i = 0; i < settings.databases(); i++) {
				Path db = dir.resolve(String.format("app-%03d.sqlite3", i));
				paths.add(db);
				SqliteWriter writer = new SqliteWriter(db);
				writer.write();
				if (i < settings.writers()) {
					writer.writeEvery(settings.writeEvery());
					writers.add(writer);
				}
				else {
					writer.close();
				}
			}
			return new Databases(dir, List.copyOf(paths), List.copyOf(writers));
		}

		@Override
		public void close() throws Exception {
			for (SqliteWriter writer : writers) {
				writer.close();
			}
		}

	}

}
