package io.litewatch.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A write lock on a SQLite file held by another process, as an operator's {@code sqlite3}
 * shell or a backup tool holds it: {@code BEGIN EXCLUSIVE} in the Debian {@code sqlite3}
 * binary until {@link #close()}.
 */
public final class SqliteShellLock implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private final Process process;

	private final OutputStream stdin;

	private SqliteShellLock(Process process) {
		this.process = process;
		this.stdin = process.getOutputStream();
	}

	/** Returns once the lock is held. */
	public static SqliteShellLock exclusive(Path database, Path log) throws Exception {
		Process process = new ProcessBuilder("sqlite3", database.toString()).redirectErrorStream(false)
			.redirectError(log.toFile())
			.start();
		SqliteShellLock lock = new SqliteShellLock(process);
		try {
			// Waits for the app's own writes (up to 10 s) rather than failing on them.
			lock.write(".timeout 10000\nBEGIN EXCLUSIVE;\nSELECT 'locked';\n");
			BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			String line = CompletableFuture.supplyAsync(() -> {
				try {
					return out.readLine();
				}
				catch (IOException ex) {
					return null;
				}
			}).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			if (!"locked".equals(line)) {
				throw new IllegalStateException("sqlite3 did not take the lock (said " + line + "); see " + log);
			}
			return lock;
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	private void write(String commands) throws IOException {
		stdin.write(commands.getBytes(StandardCharsets.UTF_8));
		stdin.flush();
	}

	/** Commits (nothing was changed) and ends the shell. */
	@Override
	public void close() throws Exception {
		try {
			write("COMMIT;\n.quit\n");
			stdin.close();
		}
		catch (IOException ex) {
			// Already gone: the lock went with it.
		}
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}

}
