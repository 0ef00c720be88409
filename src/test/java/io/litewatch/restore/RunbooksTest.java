package io.litewatch.restore;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.litewatch.docker.ContainerMount;
import io.litewatch.docker.ContainerSetup;
import io.litewatch.health.DatabaseStatus;

import static io.litewatch.restore.RestoreFixtures.DB_PATH;
import static io.litewatch.restore.RestoreFixtures.NOW;
import static io.litewatch.restore.RestoreFixtures.production;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands as printed, for a Kamal-booted accessory {@code myapp-litestream} (the
 * setup ContainerInspectTest reads from a real inspect's shape).
 */
class RunbooksTest {

	static final ContainerSetup KAMAL = new ContainerSetup("litestream/litestream:0.3.13",
			List.of("/usr/local/bin/litestream"), List.of("replicate"),
			List.of(new ContainerMount("myapp_storage", "/var/lib/docker/volumes/myapp_storage/_data", "/rails/storage",
					false),
					new ContainerMount(null, "/root/myapp-litestream/etc/litestream.yml", "/etc/litestream.yml", true)),
			"kamal", null, List.of("KAMAL_HOST", "LITESTREAM_ACCESS_KEY_ID", "LITESTREAM_SECRET_ACCESS_KEY"));

	static final RestoreTarget TARGET = new RestoreTarget("myapp-litestream", KAMAL, false, "/etc/litestream.yml",
			false, null);

	private final DatabaseStatus db = production(List.of());

	private RestorePlan plan() {
		return new RestorePlanner().plan(db, db.replicas().get(0), Instant.parse("2026-11-25T12:30:00Z"));
	}

	@Test
	void theDockerRunbookRecreatesTheAccessorysContainerForTheRestore() {
		List<Runbook> books = Runbooks.of(plan(), DB_PATH, TARGET, NOW);

		assertThat(books).extracting(Runbook::id).containsExactly("docker", "kamal");
		Runbook docker = books.get(0);
		assertThat(docker.steps()).extracting(Runbook.Step::text)
			.containsExactly("docker stop APP_CONTAINER\ndocker stop myapp-litestream",
					"mv -n /var/lib/docker/volumes/myapp_storage/_data/production.sqlite3 "
							+ "/var/lib/docker/volumes/myapp_storage/_data/production.sqlite3.before-restore-20261125T145200Z\n"
							+ "test ! -e /var/lib/docker/volumes/myapp_storage/_data/production.sqlite3-wal || mv -n "
							+ "/var/lib/docker/volumes/myapp_storage/_data/production.sqlite3-wal "
							+ "/var/lib/docker/volumes/myapp_storage/_data/production.sqlite3.before-restore-20261125T145200Z-wal\n"
							+ "test ! -e /var/lib/docker/volumes/myapp_storage/_data/production.sqlite3-shm || mv -n "
							+ "/var/lib/docker/volumes/myapp_storage/_data/production.sqlite3-shm "
							+ "/var/lib/docker/volumes/myapp_storage/_data/production.sqlite3.before-restore-20261125T145200Z-shm",
					"docker run --rm --network kamal -v myapp_storage:/rails/storage "
							+ "-v /root/myapp-litestream/etc/litestream.yml:/etc/litestream.yml:ro -e KAMAL_HOST "
							+ "-e LITESTREAM_ACCESS_KEY_ID -e LITESTREAM_SECRET_ACCESS_KEY litestream/litestream:0.3.13 "
							+ "restore -config /etc/litestream.yml -replica s3 -timestamp 2026-11-25T12:30:00Z "
							+ "-o /rails/storage/production.sqlite3 /rails/storage/production.sqlite3",
					"chown --reference=/var/lib/docker/volumes/myapp_storage/_data/production.sqlite3.before-restore-20261125T145200Z "
							+ "/var/lib/docker/volumes/myapp_storage/_data/production.sqlite3\n"
							+ "chmod --reference=/var/lib/docker/volumes/myapp_storage/_data/production.sqlite3.before-restore-20261125T145200Z "
							+ "/var/lib/docker/volumes/myapp_storage/_data/production.sqlite3",
					"docker start myapp-litestream\ndocker start APP_CONTAINER");
		assertThat(docker.steps().get(0).explanation()).contains("docker ps --filter label=service=myapp");
		assertThat(docker.steps().get(2).explanation())
			.contains("export KAMAL_HOST, LITESTREAM_ACCESS_KEY_ID, LITESTREAM_SECRET_ACCESS_KEY first");
		assertThat(docker.notes()).isEmpty();
	}

	@Test
	void theKamalRunbookRunsTheRestoreInANewAccessoryContainer() {
		Runbook kamal = Runbooks.of(plan(), DB_PATH, TARGET, NOW).get(1);

		assertThat(kamal.steps()).extracting(Runbook.Step::text)
			.containsExactly("kamal app stop\nkamal accessory stop litestream",
					"kamal server exec --hosts ACCESSORY_HOST 'mv -n /var/lib/docker/volumes/myapp_storage/_data/"
							+ "production.sqlite3 /var/lib/docker/volumes/myapp_storage/_data/production.sqlite3."
							+ "before-restore-20261125T145200Z'\n"
							+ "kamal server exec --hosts ACCESSORY_HOST 'test ! -e /var/lib/docker/volumes/"
							+ "myapp_storage/_data/production.sqlite3-wal || mv -n /var/lib/docker/volumes/myapp_storage/"
							+ "_data/production.sqlite3-wal /var/lib/docker/volumes/myapp_storage/_data/production.sqlite3."
							+ "before-restore-20261125T145200Z-wal'\n"
							+ "kamal server exec --hosts ACCESSORY_HOST 'test ! -e /var/lib/docker/volumes/"
							+ "myapp_storage/_data/production.sqlite3-shm || mv -n /var/lib/docker/volumes/myapp_storage/"
							+ "_data/production.sqlite3-shm /var/lib/docker/volumes/myapp_storage/_data/production.sqlite3."
							+ "before-restore-20261125T145200Z-shm'",
					"kamal accessory exec litestream 'restore -config /etc/litestream.yml -replica s3 -timestamp "
							+ "2026-11-25T12:30:00Z -o /rails/storage/production.sqlite3 /rails/storage/production.sqlite3'",
					"kamal server exec --hosts ACCESSORY_HOST 'chown --reference=/var/lib/docker/volumes/myapp_storage/"
							+ "_data/production.sqlite3.before-restore-20261125T145200Z /var/lib/docker/volumes/"
							+ "myapp_storage/_data/production.sqlite3'\n"
							+ "kamal server exec --hosts ACCESSORY_HOST 'chmod --reference=/var/lib/docker/volumes/myapp_storage/"
							+ "_data/production.sqlite3.before-restore-20261125T145200Z /var/lib/docker/volumes/"
							+ "myapp_storage/_data/production.sqlite3'",
					"kamal accessory start litestream\nkamal app start");
		assertThat(kamal.steps().get(2).explanation()).contains("without --reuse starts a new container");
		assertThat(kamal.notes()).anySatisfy((n) -> assertThat(n).contains("read from the container's name"));
	}

	@Test
	void aNameOfAnotherShapeLeavesAPlaceholderForTheAccessory() {
		RestoreTarget plain = new RestoreTarget("litestream", KAMAL, false, "/etc/litestream.yml", false, null);

		Runbook kamal = Runbooks.of(plan(), DB_PATH, plain, NOW).get(1);

		assertThat(kamal.steps().get(0).text()).isEqualTo("kamal app stop\nkamal accessory stop LITESTREAM_ACCESSORY");
		assertThat(kamal.notes()).anySatisfy((n) -> assertThat(n).contains("is not Kamal's <service>-<accessory>"));
	}

	@Test
	void anImageWithoutEntrypointNamesLitestreamAndAWrapperIsReplaced() {
		ContainerSetup bare = new ContainerSetup("example/litestream", List.of(), List.of("litestream", "replicate"),
				KAMAL.mounts(), "default", "1000:1000", List.of());
		String run = Runbooks
			.of(plan(), DB_PATH, new RestoreTarget("ls", bare, false, "/etc/litestream.yml", true, null), NOW)
			.get(0)
			.steps()
			.get(2)
			.text();
		assertThat(run).startsWith("docker run --rm --user 1000:1000 -v myapp_storage:/rails/storage")
			.contains(" example/litestream litestream restore -config /etc/litestream.yml ");

		ContainerSetup wrapped = new ContainerSetup("example/litestream", List.of("/entrypoint.sh"),
				List.of("/usr/bin/litestream", "replicate"), KAMAL.mounts(), "host", null, List.of());
		Runbook docker = Runbooks
			.of(plan(), DB_PATH, new RestoreTarget("ls", wrapped, false, "/etc/litestream.yml", true, null), NOW)
			.get(0);
		assertThat(docker.steps().get(2).text()).contains("--network host")
			.contains("--entrypoint /usr/bin/litestream example/litestream restore -config");
		assertThat(docker.notes()).anySatisfy((n) -> assertThat(n).contains("has the entrypoint /entrypoint.sh"));
	}

	@Test
	void withoutTheInspectOnlyKamalIsOfferedAndLocalGetsTheHostRunbook() {
		RestoreTarget unseen = new RestoreTarget("myapp-litestream", null, false, "/etc/litestream.yml", false, null);
		List<Runbook> books = Runbooks.of(plan(), DB_PATH, unseen, NOW);
		assertThat(books).extracting(Runbook::id).containsExactly("kamal");
		assertThat(books.get(0).steps().get(1).text()).contains("mv -n DB_ON_HOST DB_ON_HOST.before-restore-");

		RestoreTarget local = new RestoreTarget("litestream replicate (local)", null, true, "/etc/litestream.yml", true,
				"/usr/local/bin/litestream");
		Runbook host = Runbooks.of(plan(), DB_PATH, local, NOW).get(0);
		assertThat(host.id()).isEqualTo("host");
		assertThat(host.steps().get(2).text())
			.isEqualTo("/usr/local/bin/litestream restore -config /etc/litestream.yml "
					+ "-replica s3 -timestamp 2026-11-25T12:30:00Z -o /rails/storage/production.sqlite3 "
					+ "/rails/storage/production.sqlite3");
	}

	@Test
	void theAccessorysLitestreamConfigVariableIsPointedOut() {
		ContainerSetup withConfigVar = new ContainerSetup(KAMAL.image(), KAMAL.entrypoint(), KAMAL.cmd(),
				KAMAL.mounts(), KAMAL.network(), null, List.of("LITESTREAM_CONFIG"));
		Runbook docker = Runbooks.of(plan(), DB_PATH,
				new RestoreTarget("myapp-litestream", withConfigVar, false, "/etc/litestream.yml", false, null), NOW)
			.get(0);
		assertThat(docker.notes()).anySatisfy((n) -> assertThat(n).contains("set litewatch.docker.config-path"));
	}

	/**
	 * Every value survives the shell as one word, however odd; Kamal's two shells too.
	 */
	@Test
	void oddPathsAndNamesAreQuotedForTheShell() throws Exception {
		String odd = "/data/my app's $HOME `x`.db";
		List<String> words = List.of("restore", "-replica", "s3 \"eu\"", "-o", odd, odd);

		assertThat(shellWords(Shell.line(words))).isEqualTo(words);
		// kamal accessory exec NAME '<inner>': the local shell gives Kamal the inner
		// line,
		// the host's shell splits it again.
		String kamal = Shell.line(List.of("exec", Shell.line(words)));
		List<String> local = shellWords(kamal);
		assertThat(local).hasSize(2);
		assertThat(shellWords(local.get(1))).isEqualTo(words);
	}

	/** The words {@code sh} makes of {@code line}. */
	static List<String> shellWords(String line) throws Exception {
		Process sh = new ProcessBuilder("sh", "-c", "printf '%s\\0' " + line).redirectErrorStream(true).start();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		sh.getInputStream().transferTo(out);
		assertThat(sh.waitFor()).isZero();
		String text = out.toString(StandardCharsets.UTF_8);
		return Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1));
	}

	@Test
	void aLitestream05PlanChecksWithADryRunFirstAndRestoresWithoutReplicaButWithAFullIntegrityCheck() {
		RestorePlan plan = ltxPlan();
		RestoreTarget target = new RestoreTarget("myapp-litestream", KAMAL, false, "/etc/litestream.yml", false, null,
				"v0.5.17");

		List<Runbook> books = Runbooks.of(plan, DB_PATH, target, NOW);

		Runbook docker = books.get(0);
		assertThat(docker.steps().get(0).title()).startsWith("Check what Litestream would restore");
		assertThat(docker.steps().get(0).text()).startsWith("docker run --rm --network kamal ")
			.endsWith(
					" litestream/litestream:0.3.13 restore -config /etc/litestream.yml -timestamp 2026-12-07T02:53:30Z "
							+ "-dry-run -o /rails/storage/production.sqlite3 /rails/storage/production.sqlite3");
		assertThat(docker.steps().get(3).text()).endsWith(" restore -config /etc/litestream.yml -timestamp "
				+ "2026-12-07T02:53:30Z -integrity-check full -o /rails/storage/production.sqlite3 "
				+ "/rails/storage/production.sqlite3");
		assertThat(docker.steps().get(5).explanation()).isEqualTo(RestoreSteps.RESTART_05);
		Runbook kamal = books.get(1);
		assertThat(kamal.steps().get(0).text()).isEqualTo("kamal accessory exec litestream 'restore -config "
				+ "/etc/litestream.yml -timestamp 2026-12-07T02:53:30Z -dry-run -o /rails/storage/production.sqlite3 "
				+ "/rails/storage/production.sqlite3'");
		for (Runbook book : books) {
			assertThat(book.steps()).extracting(Runbook.Step::text).noneMatch((t) -> t.contains("-replica"));
		}
	}

	@Test
	void aLitestream05ReleaseWithoutDryRunGetsNoCheckStep() {
		RestoreTarget old = new RestoreTarget("myapp-litestream", KAMAL, false, "/etc/litestream.yml", false, null,
				"v0.5.8");
		RestoreTarget local = new RestoreTarget("litestream replicate (local)", null, true, "/etc/litestream.yml", true,
				"/usr/local/bin/litestream", "v0.5.17");

		assertThat(Runbooks.of(ltxPlan(), DB_PATH, old, NOW).get(0).steps().get(0).title())
			.isEqualTo("Stop the app, then Litestream");
		assertThat(Runbooks.of(ltxPlan(), DB_PATH, local, NOW).get(0).steps().get(0).text())
			.isEqualTo("/usr/local/bin/litestream restore -config /etc/litestream.yml -timestamp 2026-12-07T02:53:30Z "
					+ "-dry-run -o /rails/storage/production.sqlite3 /rails/storage/production.sqlite3");
	}

	private static RestorePlan ltxPlan() {
		return new RestorePlan("s3", Instant.parse("2026-12-07T02:53:30Z"), RestorePlan.Verdict.INSIDE, List.of(), null,
				null, null, null, List.of(), null, new RestorePlan.LtxStart(0xb8, Instant.parse("2026-12-07T02:52:00Z"),
						null, java.time.Duration.ofSeconds(1)));
	}

}
