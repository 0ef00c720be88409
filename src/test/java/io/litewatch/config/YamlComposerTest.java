package io.litewatch.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;

import static io.litewatch.config.ConfigFixtures.parse;
import static io.litewatch.config.ConfigFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * YAML syntax errors and the limits against alias bombs and deep nesting, without quoting
 * the file.
 */
class YamlComposerTest {

	@Test
	void yamlSyntaxError() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				   replicas:
				      - url: s3://b/p
				""");
		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.reason()).startsWith("yaml: ");
		assertThat(ex.getMessage()).startsWith("litestream.yml: line 3: yaml: ");
	}

	@Test
	void syntaxErrorsDoNotQuoteTheOffendingLine() {
		ConfigParseException ex = refused("""
				secret-access-key: do-not-print-me
				dbs:
				  - path: /data/app.db
				 - path: /data/other.db
				""");
		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.getMessage()).doesNotContain("do-not-print-me").doesNotContain("/data/other.db");
	}

	@Test
	void tabIndentationIsASyntaxError() {
		ConfigParseException ex = refused("dbs:\n\t- path: /data/app.db\n");
		assertThat(ex.line()).isEqualTo(2);
	}

	// Nine lists of nine aliases: about 400 million strings once expanded.
	@Test
	@Timeout(5)
	void billionLaughsAliasBomb() {
		StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
		for (char c = 'b'; c <= 'i'; c++) {
			String previous = "*" + (char) (c - 1);
			yaml.append(c)
				.append(": &")
				.append(c)
				.append(" [")
				.append(String.join(", ", java.util.Collections.nCopies(9, previous)))
				.append("]\n");
		}
		yaml.append("dbs: []\n");

		ConfigParseException ex = refused(yaml.toString());

		assertThat(ex.reason()).startsWith("yaml: more than 50 aliases (*name) to lists or mappings")
			.contains("alias bomb");
	}

	@Test
	void fiftyAliasesAreFine() {
		StringBuilder yaml = new StringBuilder("x-replica: &r {url: s3://b/p}\ndbs:\n");
		for (int i = 0; i < 50; i++) {
			yaml.append("  - path: /data/db").append(i).append(".db\n    replicas: [*r]\n");
		}

		assertThat(parse(yaml.toString()).dbs()).hasSize(50);
	}

	@Test
	void nestingDeeperThanFiftyLevels() {
		ConfigParseException ex = refused("dbs: " + "[".repeat(60) + "]".repeat(60) + "\n");

		assertThat(ex.reason()).isEqualTo("yaml: lists and mappings nested more than 50 levels deep");
	}

	@Test
	void onlyTheFirstDocumentIsRead() {
		MappingNode first = (MappingNode) YamlComposer.compose("a: 1\n---\nb: [\n", "t.yml");

		assertThat(((ScalarNode) first.getValue().get(0).getKeyNode()).getValue()).isEqualTo("a");
		assertThat(YamlComposer.compose("", "t.yml")).isNull();
		assertThat(YamlComposer.compose("# nothing\n", "t.yml")).isNull();
	}

	@Test
	void documentLongerThanTheLimit() {
		// (comments do not count towards SnakeYAML's limit)
		String yaml = "- 1\n".repeat(YamlComposer.MAX_CODE_POINTS / 4 + 1);

		assertThatExceptionOfType(ConfigParseException.class).isThrownBy(() -> YamlComposer.compose(yaml, "t.yml"))
			.withMessage("t.yml: yaml: the document is longer than 1048576 characters");
	}

}
