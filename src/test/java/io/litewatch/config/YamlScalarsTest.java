package io.litewatch.config;

import java.io.StringReader;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import static io.litewatch.config.ConfigFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** yaml.v2's decoding of strings, bools, ints and durations, and its error wording. */
class YamlScalarsTest {

	private final YamlScalars scalars = new YamlScalars("t.yml");

	// "key: <value>" composed by SnakeYAML, so the value carries the tag yaml.v2 would
	// see
	private static YamlEntry entry(String value) {
		MappingNode map = (MappingNode) new Yaml().compose(new StringReader("key: " + value));
		NodeTuple tuple = map.getValue().get(0);
		return new YamlEntry("key", tuple.getKeyNode(), tuple.getValueNode());
	}

	@ParameterizedTest(name = "[{index}] {0} -> {1}")
	@CsvSource(textBlock = """
			0,       0
			42,      42
			-42,     -42
			+7,      7
			1_000,   1000
			0x1F,    31
			0b101,   5
			0o17,    15
			017,     15
			1:30,    90
			""")
	void yamlIntegers(String text, long expected) {
		assertThat(YamlScalars.yamlInt(text)).isEqualTo(expected);
	}

	@Test
	void durations() {
		assertThat(this.scalars.duration(entry("1h30m"), Duration.ZERO)).isEqualTo(Duration.ofMinutes(90));
		assertThat(this.scalars.duration(entry("500ms"), Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
		assertThat(this.scalars.duration(entry("10"), Duration.ZERO)).isEqualTo(Duration.ofNanos(10));
		assertThat(this.scalars.duration(entry("2.9"), Duration.ZERO)).isEqualTo(Duration.ofNanos(2));
		assertThat(this.scalars.duration(entry("~"), Duration.ofDays(1))).isEqualTo(Duration.ofDays(1));
		assertThat(this.scalars.duration(null, Duration.ofDays(1))).isEqualTo(Duration.ofDays(1));
		assertThatExceptionOfType(ConfigParseException.class)
			.isThrownBy(() -> this.scalars.duration(entry("[1s]"), Duration.ZERO))
			.satisfies((ex) -> {
				assertThat(ex.source()).isEqualTo("t.yml");
				assertThat(ex.line()).isEqualTo(1);
				assertThat(ex.reason()).isEqualTo("cannot unmarshal !!seq into time.Duration");
			});
	}

	@Test
	void bools() {
		for (String yes : new String[] { "yes", "on", "true", "True" }) {
			assertThat(this.scalars.bool(entry(yes))).as(yes).isTrue();
		}
		for (String no : new String[] { "no", "off", "false" }) {
			assertThat(this.scalars.bool(entry(no))).as(no).isFalse();
		}
		assertThat(this.scalars.bool(entry("~"))).isNull();
		assertThatExceptionOfType(ConfigParseException.class).isThrownBy(() -> this.scalars.bool(entry("1")))
			.withMessage("t.yml: line 1: cannot unmarshal !!int `1` into bool");
	}

	@Test
	void integers() {
		assertThat(this.scalars.integer(entry("0x10"))).isEqualTo(16);
		assertThat(this.scalars.integer(entry("null"))).isNull();
		assertThatExceptionOfType(ConfigParseException.class).isThrownBy(() -> this.scalars.integer(entry("1.5")))
			.withMessage("t.yml: line 1: cannot unmarshal !!float `1.5` into int");
	}

	@Test
	void anyScalarIsAString() {
		assertThat(this.scalars.str(entry("123"))).isEqualTo("123");
		assertThat(this.scalars.str(entry("yes"))).isEqualTo("yes");
		assertThat(this.scalars.str(entry("''"))).isEmpty();
		assertThat(this.scalars.str(entry("~"))).isNull();
		assertThatExceptionOfType(ConfigParseException.class).isThrownBy(() -> this.scalars.str(entry("{a: 1}")))
			.withMessage("t.yml: line 1: cannot unmarshal !!map into string");
	}

	@Test
	void describeShowsScalarValuesButOnlyTheKindOfCollections() {
		assertThat(YamlScalars.describe(entry("x").value())).isEqualTo("!!str `x`");
		assertThat(YamlScalars.describe(entry("[x]").value())).isEqualTo("!!seq");
		assertThat(YamlScalars.isNumber((ScalarNode) entry("1.5").value())).isTrue();
		assertThat(YamlScalars.isNumber((ScalarNode) entry("'1'").value())).isFalse();
	}

	@Test
	void badDuration() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/p
				        retention: 1d
				""");
		assertThat(ex.line()).isEqualTo(5);
		assertThat(ex.reason()).isEqualTo("cannot unmarshal !!str `1d` into time.Duration");
	}

	@Test
	void quotedNumberIsNotADuration() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    monitor-interval: "10"
				""");
		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.reason()).isEqualTo("cannot unmarshal !!str `10` into time.Duration");
	}

	@Test
	void badBoolean() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    replicas:
				      - url: s3://b/p
				        force-path-style: maybe
				""");
		assertThat(ex.line()).isEqualTo(5);
		assertThat(ex.reason()).isEqualTo("cannot unmarshal !!str `maybe` into bool");
	}

	@Test
	void badPageCount() {
		ConfigParseException ex = refused("""
				dbs:
				  - path: /data/app.db
				    min-checkpoint-page-count: lots
				""");
		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.reason()).isEqualTo("cannot unmarshal !!str `lots` into int");
	}

}
