package io.litewatch.system;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The SQLite pool: a connection on which a transaction could not begin, commit or roll
 * back is thrown away instead of going back to the pool.
 * <p>
 * sqlite-jdbc marks a connection as not auto-committing before it runs
 * {@code BEGIN IMMEDIATE}; when that BEGIN fails (the file is locked past the busy
 * timeout) the mark stays with no transaction open, and Hikari cannot reset what it never
 * saw set. Every later user of that connection then writes statement by statement and
 * fails at commit, so the state database would never recover from one lock, and alert
 * state and outbox rows would no longer be written together.
 */
public class EvictingHikariDataSource extends HikariDataSource {

	private static final Set<String> TRANSACTION_METHODS = Set.of("setAutoCommit", "commit", "rollback");

	@Override
	public Connection getConnection() throws SQLException {
		Connection pooled = super.getConnection();
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> invoke(pooled, method, args));
	}

	private Object invoke(Connection pooled, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(pooled, args);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof SQLException && TRANSACTION_METHODS.contains(method.getName())) {
				evictConnection(pooled);
			}
			throw cause;
		}
	}

}
