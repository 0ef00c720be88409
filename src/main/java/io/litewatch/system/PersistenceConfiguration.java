package io.litewatch.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import io.litewatch.config.LitewatchProperties;

/**
 * Litewatch's own database. Without {@code spring.datasource.url} it is
 * {@code <litewatch.data-dir>/litewatch.db}. The DataSource is defined here rather than
 * by Boot's auto-configuration because the default URL depends on
 * {@code litewatch.data-dir}, the directory must exist before the pool opens its first
 * connection (sqlite-jdbc creates the file, never the directory), and the SQLite defaults
 * must not leak onto a PostgreSQL URL. Everything under
 * {@code spring.datasource.hikari.*} is still bound afterwards, so it overrides these
 * defaults.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataSourceProperties.class)
public class PersistenceConfiguration {

	private static final Logger log = LoggerFactory.getLogger(PersistenceConfiguration.class);

	/**
	 * SQLite has one writer at a time. With WAL readers never wait for it, and
	 * busy_timeout makes a second writer wait instead of failing, so a few connections
	 * serve the poll thread's insert, the pruner, alert state and page reads without
	 * queueing; more would only queue on the lock.
	 */
	static final int SQLITE_POOL_SIZE = 4;

	/**
	 * sqlite-jdbc connection settings (pragma names): gatus's WAL, NORMAL, foreign keys
	 * and busy timeout, plus IMMEDIATE transactions.
	 */
	static final Map<String, String> SQLITE_DEFAULTS = sqliteDefaults();

	private static Map<String, String> sqliteDefaults() {
		Map<String, String> pragmas = new LinkedHashMap<>();
		// WAL: page reads never block on the poll's insert, and a crash loses at most the
		// last commit.
		pragmas.put("journal_mode", "WAL");
		// NORMAL is durable in WAL mode except for the very last transactions on power
		// loss; history
		// and alert state can afford that, and it saves an fsync per commit.
		pragmas.put("synchronous", "NORMAL");
		pragmas.put("foreign_keys", "true");
		// Wait for the writer lock (another connection's insert, a prune batch) instead
		// of failing.
		pragmas.put("busy_timeout", "10000");
		// BEGIN IMMEDIATE takes the writer lock when a transaction starts: a transaction
		// that reads
		// and then writes would otherwise fail with SQLITE_BUSY when another writer got
		// in first,
		// without busy_timeout ever applying. Reads outside transactions are unaffected.
		// Caveat:
		// sqlite-jdbc begins the next transaction right after commit(), so a connection
		// kept in
		// autocommit=false holds the lock; Spring's transactions (and Hikari on return)
		// restore
		// autocommit at once, plain JDBC code must do the same.
		pragmas.put("transaction_mode", "IMMEDIATE");
		return Collections.unmodifiableMap(pragmas);
	}

	/** Writes what the polls produced, off the poll thread. */
	@Bean
	StoreWriter storeWriter(StoreHealth health, Clock clock) {
		return new StoreWriter(health, clock);
	}

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(DataSourceProperties properties, LitewatchProperties litewatch) {
		String url = properties.getUrl();
		if (StringUtils.hasText(url) && !SqliteUrl.isSqlite(url)) {
			// Another database (PostgreSQL): exactly what Boot would build, nothing
			// SQLite-specific.
			return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		}
		if (!StringUtils.hasText(url)) {
			url = SqliteUrl.inDataDir(litewatch.dataDir());
		}
		SqliteUrl.file(url).ifPresent(PersistenceConfiguration::createDirectoryOf);
		HikariDataSource dataSource = DataSourceBuilder.create(getClass().getClassLoader())
			.type(EvictingHikariDataSource.class)
			.driverClassName(StringUtils.hasText(properties.getDriverClassName()) ? properties.getDriverClassName()
					: "org.sqlite.JDBC")
			.url(url)
			.build();
		dataSource.setPoolName("litewatch-sqlite");
		dataSource.setMaximumPoolSize(SQLITE_POOL_SIZE);
		// Driver properties, applied by sqlite-jdbc on every new connection. sqlite-jdbc
		// lets them win
		// over the same parameter in the URL, so one the URL sets
		// (…/litewatch.db?busy_timeout=…) is skipped.
		Set<String> inUrl = SqliteUrl.parameters(url);
		SQLITE_DEFAULTS.forEach((name, value) -> {
			if (!inUrl.contains(name)) {
				dataSource.addDataSourceProperty(name, value);
			}
		});
		// The file only: URL parameters may hold a key (sqlite-jdbc's "password" pragma).
		log.info("Litewatch database: SQLite {}",
				SqliteUrl.file(url).map(Path::toAbsolutePath).map(Path::toString).orElse("in memory"));
		return dataSource;
	}

	private static void createDirectoryOf(Path file) {
		Path directory = file.toAbsolutePath().getParent();
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the data directory " + directory
					+ "; set litewatch.data-dir (LITEWATCH_DATA_DIR) to a writable directory", ex);
		}
	}

}
