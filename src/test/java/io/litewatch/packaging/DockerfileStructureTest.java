package io.litewatch.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile cannot be built in the test environment (no base image can be pulled),
 * so its structure is checked as text: stages, user, healthcheck, launcher, layer order,
 * no secrets.
 */
class DockerfileStructureTest {

	static final Path PROJECT = Path.of(System.getProperty("user.dir"));

	private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

	private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
			"application");

	private static final Pattern SECRET_NAME = Pattern
		.compile("(?i).*(secret|password|passwd|token|credential|access_key|access_key_id|api_key|private_key).*");

	private static final Pattern KEY_LIKE_VALUE = Pattern.compile("(AKIA|ASIA)[0-9A-Z]{16}|[A-Za-z0-9/+]{40}");

	// ---- the Dockerfile
	// ----------------------------------------------------------------------

	@Test
	void hasANamedBuildStageThatTheRuntimeStageCopiesFrom() {
		Dockerfile file = Dockerfile.read(PROJECT.resolve("Dockerfile"));

		assertThat(file.stages()).hasSizeGreaterThanOrEqualTo(2);
		Stage build = file.stages().get(0);
		assertThat(build.name()).as("the build stage is named (FROM ... AS build)").isNotBlank();
		assertThat(build.image()).matches("(?i).*(jdk|maven).*");
		assertThat(file.finalStage().all("COPY")).as("the runtime stage copies from the build stage")
			.anyMatch((args) -> args.contains("--from=" + build.name()));
	}

	@Test
	void finalStageRunsOnAJre() {
		Stage runtime = Dockerfile.read(PROJECT.resolve("Dockerfile")).finalStage();

		assertThat(runtime.image()).containsIgnoringCase("jre").doesNotContainIgnoringCase("jdk");
	}

	@Test
	void finalStageRunsAsAFixedNonRootUser() {
		Stage runtime = Dockerfile.read(PROJECT.resolve("Dockerfile")).finalStage();

		String user = runtime.last("USER");
		assertThat(user).as("USER in the final stage").isNotNull();
		String name = user.split(":")[0].trim();
		assertThat(name).isNotIn("root", "0", "");
		assertThat(name).as("a fixed uid, so that volume ownership is predictable").matches("[1-9][0-9]*");
		assertThat(runtime.indexOfLast("USER")).as("no RUN after USER would run as root by surprise")
			.isGreaterThan(runtime.indexOfLast("RUN"));
		assertThat(runtime.all("RUN")).as("the data directory belongs to that user")
			.anyMatch((run) -> run.contains("chown " + user.trim()) || run.contains("chown " + name));
	}

	@Test
	void healthcheckProbesTheActuatorWithAToolTheImageHas() {
		Stage runtime = Dockerfile.read(PROJECT.resolve("Dockerfile")).finalStage();

		String healthcheck = runtime.last("HEALTHCHECK");
		assertThat(healthcheck).as("HEALTHCHECK in the final stage").isNotNull();
		assertThat(healthcheck).doesNotStartWith("NONE").contains("CMD").contains("/actuator/health/liveness");
		assertThat(healthcheck).containsAnyOf("127.0.0.1", "localhost");
		assertThat(healthcheck).containsAnyOf("8080", "${PORT:-8080}");
		if (healthcheck.contains("curl")) {
			// The Ubuntu-based Temurin images ship curl; the Alpine ones only have
			// BusyBox wget.
			assertThat(runtime.image()).doesNotContain("alpine");
			assertThat(healthcheck).as("curl must fail on HTTP errors").containsPattern("-[a-zA-Z]*f");
		}
		else {
			assertThat(healthcheck).contains("wget");
		}
	}

	@Test
	void exposesPort8080AndDeclaresTheDataVolume() {
		Stage runtime = Dockerfile.read(PROJECT.resolve("Dockerfile")).finalStage();

		assertThat(runtime.all("EXPOSE")).anyMatch((args) -> List.of(args.split("\\s+")).contains("8080"));
		assertThat(runtime.all("VOLUME")).anyMatch((args) -> args.contains("/data"));
		assertThat(runtime.last("WORKDIR")).isEqualTo("/app");
		Map<String, String> env = runtime.env();
		assertThat(env).containsEntry("LITEWATCH_DATA_DIR", "/data")
			.containsEntry("LITESTREAM_CONFIG", "/etc/litestream.yml");
	}

	@Test
	void entrypointStartsTheBootLauncherInExecForm() {
		Stage runtime = Dockerfile.read(PROJECT.resolve("Dockerfile")).finalStage();

		String entrypoint = runtime.last("ENTRYPOINT");
		assertThat(entrypoint).as("ENTRYPOINT in the final stage").isNotNull();
		// Exec form: java is PID 1 and receives SIGTERM, so the graceful shutdown runs.
		assertThat(entrypoint).startsWith("[").endsWith("]");
		assertThat(entrypoint).contains("\"java\"").contains("\"" + LAUNCHER + "\"");
		assertThat(runtime.last("CMD")).as("no CMD that would be appended as arguments").isNull();
	}

	@Test
	void buildStageResolvesDependenciesBeforeCopyingTheSources() {
		Stage build = Dockerfile.read(PROJECT.resolve("Dockerfile")).stages().get(0);

		int pom = build.indexOf("COPY", (args) -> args.contains("pom.xml"));
		int wrapper = build.indexOf("COPY", (args) -> args.contains(".mvn"));
		int offline = build.indexOf("RUN", (args) -> args.contains("dependency:go-offline"));
		int sources = build.indexOf("COPY", (args) -> args.matches("(?s).*\\bsrc/?\\s.*"));
		int packaging = build.indexOf("RUN", (args) -> args.contains(" package"));
		assertThat(pom).isNotNegative();
		assertThat(wrapper).isNotNegative();
		assertThat(offline).isGreaterThan(pom).isGreaterThan(wrapper);
		assertThat(sources).isGreaterThan(offline);
		assertThat(packaging).isGreaterThan(sources);
		String run = build.all("RUN").stream().filter((args) -> args.contains(" package")).findFirst().orElseThrow();
		assertThat(run).contains("-Djarmode=tools").contains("extract").contains("--layers").contains("--launcher");
	}

	@Test
	void layersAreCopiedFromDependenciesToApplication() {
		Stage runtime = Dockerfile.read(PROJECT.resolve("Dockerfile")).finalStage();

		List<String> copied = new ArrayList<>();
		for (String copy : runtime.all("COPY")) {
			for (String layer : LAYERS) {
				if (copy.contains("--from=") && copy.matches("(?s).*/" + Pattern.quote(layer) + "/?\\s.*")) {
					copied.add(layer);
				}
			}
		}
		assertThat(copied).as("least to most often changed layers").containsExactlyElementsOf(LAYERS);
	}

	@Test
	void theRuntimeHasTheLitestreamBinaryTheBuildFetchedAndCheckedForDrills() throws IOException {
		Dockerfile file = Dockerfile.read(PROJECT.resolve("Dockerfile"));
		Stage build = file.stages().get(0);

		assertThat(build.all("RUN")).as("the build stage installs the binary the package phase fetched")
			.anyMatch((args) -> args.contains("target/litestream/package/litestream") && args.contains("drill-bin/"));
		assertThat(file.finalStage().all("COPY"))
			.as("on the PATH, where litewatch.local-binary (\"litestream\") finds it")
			.anyMatch((args) -> args.contains("--from=" + build.name()) && args.contains("drill-bin/")
					&& args.strip().endsWith("/usr/local/bin/"));
		String pom = Files.readString(PROJECT.resolve("pom.xml"), StandardCharsets.UTF_8);
		assertThat(pom).as("the binary is checked by its SHA-256")
			.containsPattern("litestream-linux-x64-1\\.0\\.1\\.tgz</uri>\\s*<sha256>[0-9a-f]{64}</sha256>");
	}

	@Test
	void bakesNoSecretIn() {
		Dockerfile file = Dockerfile.read(PROJECT.resolve("Dockerfile"));

		for (Stage stage : file.stages()) {
			for (String arg : stage.all("ARG")) {
				String name = arg.split("=", 2)[0].trim();
				assertThat(SECRET_NAME.matcher(name).matches() && arg.contains("="))
					.as("ARG %s must not have a default", name)
					.isFalse();
				if (arg.contains("=")) {
					assertThat(arg.split("=", 2)[1]).doesNotContainPattern(KEY_LIKE_VALUE);
				}
			}
			stage.env().forEach((name, value) -> {
				assertThat(SECRET_NAME.matcher(name).matches()).as("ENV %s looks like a secret", name).isFalse();
				assertThat(value).as("ENV %s", name).doesNotContainPattern(KEY_LIKE_VALUE);
			});
		}
	}

	@Test
	void dockerignoreKeepsLocalStateOutButTheBuildInputsIn() throws IOException {
		Path ignore = PROJECT.resolve(".dockerignore");
		assertThat(ignore).exists();
		List<String> patterns = Files.readAllLines(ignore, StandardCharsets.UTF_8)
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.map((line) -> line.endsWith("/") ? line.substring(0, line.length() - 1) : line)
			.toList();
		assertThat(patterns).contains("target", ".cache", "data", ".git", "frontend/node_modules");
		assertThat(patterns).doesNotContain("src", "pom.xml", "mvnw", ".mvn", "*");
	}

	// ---- the parser the tests rely on
	// ------------------------------------------------------------

	@Test
	void parserJoinsContinuationsSkipsCommentsAndSplitsStages() {
		Dockerfile file = Dockerfile.parse("""
				# syntax comment
				FROM eclipse-temurin:17-jdk AS build
				RUN echo a \\
				    # a comment inside a continuation is dropped
				    && echo b
				FROM --platform=$BUILDPLATFORM eclipse-temurin:17-jre
				ENV A=1 B="two words" \\
				    C=3
				ENV LEGACY value with spaces
				""");

		assertThat(file.stages()).hasSize(2);
		assertThat(file.stages().get(0).name()).isEqualTo("build");
		assertThat(file.stages().get(0).last("RUN")).isEqualTo("echo a && echo b");
		assertThat(file.finalStage().image()).isEqualTo("eclipse-temurin:17-jre");
		assertThat(file.finalStage().name()).isNull();
		assertThat(file.finalStage().env()).containsEntry("A", "1")
			.containsEntry("B", "two words")
			.containsEntry("C", "3")
			.containsEntry("LEGACY", "value with spaces");
	}

	// ---- a small Dockerfile reader
	// -----------------------------------------------------------------

	record Instruction(String keyword, String args) {
	}

	record Stage(String image, String name, List<Instruction> instructions) {

		List<String> all(String keyword) {
			return instructions.stream().filter((i) -> i.keyword().equals(keyword)).map(Instruction::args).toList();
		}

		String last(String keyword) {
			List<String> all = all(keyword);
			return all.isEmpty() ? null : all.get(all.size() - 1);
		}

		int indexOfLast(String keyword) {
			for (int i = instructions.size() - 1; i >= 0; i--) {
				if (instructions.get(i).keyword().equals(keyword)) {
					return i;
				}
			}
			return -1;
		}

		int indexOf(String keyword, java.util.function.Predicate<String> args) {
			for (int i = 0; i < instructions.size(); i++) {
				if (instructions.get(i).keyword().equals(keyword) && args.test(instructions.get(i).args())) {
					return i;
				}
			}
			return -1;
		}

		/**
		 * ENV in both forms: {@code ENV K=V K2="v 2"} and the legacy {@code ENV K value}.
		 */
		Map<String, String> env() {
			Map<String, String> env = new LinkedHashMap<>();
			Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\S*)");
			for (String args : all("ENV")) {
				String first = args.split("\\s+", 2)[0];
				if (!first.contains("=")) {
					String[] legacy = args.split("\\s+", 2);
					env.put(legacy[0], legacy.length > 1 ? legacy[1] : "");
					continue;
				}
				Matcher m = pair.matcher(args);
				while (m.find()) {
					String value = m.group(2);
					if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
						value = value.substring(1, value.length() - 1);
					}
					env.put(m.group(1), value);
				}
			}
			return env;
		}

	}

	record Dockerfile(List<Stage> stages) {

		static Dockerfile read(Path path) {
			assertThat(path).as("Dockerfile at the project root").exists();
			try {
				return parse(Files.readString(path, StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		static Dockerfile parse(String text) {
			List<Instruction> instructions = new ArrayList<>();
			StringBuilder current = null;
			for (String raw : text.split("\\R", -1)) {
				String line = raw.strip();
				if (line.startsWith("#") || line.isEmpty()) {
					continue; // comments and blank lines, also inside a continuation, are
								// removed by Docker
				}
				boolean continues = line.endsWith("\\");
				String content = continues ? line.substring(0, line.length() - 1).strip() : line;
				if (current == null) {
					current = new StringBuilder(content);
				}
				else if (!content.isEmpty()) {
					current.append(' ').append(content);
				}
				if (!continues) {
					String joined = current.toString().strip();
					current = null;
					if (!joined.isEmpty()) {
						String[] parts = joined.split("\\s+", 2);
						instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT),
								parts.length > 1 ? parts[1].strip() : ""));
					}
				}
			}
			List<Stage> stages = new ArrayList<>();
			List<Instruction> body = null;
			for (Instruction instruction : instructions) {
				if (instruction.keyword().equals("FROM")) {
					List<String> words = new ArrayList<>(List.of(instruction.args().split("\\s+")));
					words.removeIf((w) -> w.startsWith("--"));
					String name = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2) : null;
					body = new ArrayList<>();
					stages.add(new Stage(words.get(0), name, body));
				}
				else if (body != null) {
					body.add(instruction);
				}
			}
			return new Dockerfile(stages);
		}

		Stage finalStage() {
			assertThat(stages).as("FROM stages").isNotEmpty();
			return stages.get(stages.size() - 1);
		}

	}

}
