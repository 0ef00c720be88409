package io.litewatch.config;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static io.litewatch.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Database paths made absolute like Litestream does, and the names the dashboard shows.
 */
class DbPathsTest {

	@Test
	void relativeAndHomePathsAreMadeAbsolute() {
		LitestreamConfig config = parse("""
				dbs:
				  - path: storage/production.sqlite3
				    replicas: [{url: "s3://b/p"}]
				  - path: ../other/./data.db
				    replicas: [{url: "s3://b/q"}]
				  - path: ~/notes.db
				    replicas: [{url: "s3://b/r"}]
				""");

		assertThat(config.dbs()).extracting(DbConfig::path)
			.containsExactly("/srv/app/storage/production.sqlite3", "/srv/other/data.db",
					Path.of(System.getProperty("user.home"), "notes.db").toString());
		assertThat(config.dbs().get(0).metaPath()).isEqualTo("/srv/app/storage/.production.sqlite3-litestream");
		assertThat(config.db("/srv/app/storage/production.sqlite3")).isPresent();
		assertThat(config.db("/srv/app/storage/../storage/production.sqlite3")).isPresent();
		assertThat(config.db("/srv/app/nope.db")).isEmpty();
	}

	@Test
	void duplicateStemsAreDisambiguatedWithTheParentDirectory() {
		LitestreamConfig config = parse("""
				dbs:
				  - path: /a/production.sqlite3
				    replicas: [{url: "s3://b/a"}]
				  - path: /b/production.db
				    replicas: [{url: "s3://b/b"}]
				  - path: /x/a/production.sqlite3
				    replicas: [{url: "s3://b/c"}]
				  - path: /b/queue.db
				    replicas: [{url: "s3://b/d"}]
				""");

		assertThat(config.dbs()).extracting(DbConfig::name)
			.containsExactly("/a/production.sqlite3", "b/production", "/x/a/production.sqlite3", "queue");
	}

	@Test
	void twoDatabasesWithTheSameStemInDifferentDirectories() {
		LitestreamConfig config = parse("""
				dbs:
				  - path: /srv/a/production.sqlite3
				    replicas: [{url: "s3://b/a"}]
				  - path: /srv/b/production.sqlite3
				    replicas: [{url: "s3://b/b"}]
				""");

		assertThat(config.dbs()).extracting(DbConfig::name).containsExactly("a/production", "b/production");
	}

	@Test
	void relativePathsResolveAgainstTheWorkingDirectory() {
		DbPaths paths = new DbPaths(Path.of("/srv/app"));

		assertThat(paths.expand("storage/app.db")).isEqualTo("/srv/app/storage/app.db");
		assertThat(paths.expand("/abs/./x/../app.db")).isEqualTo("/abs/app.db");
		assertThat(paths.expand("~")).isEqualTo(Path.of(System.getProperty("user.home")).normalize().toString());
	}

	@Test
	void defaultMetaPathIsAHiddenDirectoryNextToTheDatabase() {
		assertThat(DbPaths.defaultMetaPath("/data/app.db")).isEqualTo("/data/.app.db-litestream");
		assertThat(DbPaths.defaultMetaPath("/app.db")).isEqualTo("/.app.db-litestream");
	}

}
