package io.litewatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP server on loopback that accepts every connection and never says a word: the SMTP
 * server that once held all alerting for 87 s, or a hung S3 backend, which Litestream
 * 0.3.13's S3 client waits on without a deadline. It records when each client connected
 * and when the client gave up and hung up. {@link #close()} resets every connection, so a
 * waiting client fails at once and its retries are refused.
 */
public final class HungServer implements AutoCloseable {

	public record Connection(Instant acceptedAt, Instant closedByClientAt) {
	}

	private final ServerSocket server;

	private final List<Socket> sockets = new ArrayList<>();

	private final List<Instant> accepted = new ArrayList<>();

	private final List<Instant> closed = new ArrayList<>();

	private final Thread acceptor;

	public HungServer() {
		try {
			server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot listen on loopback", ex);
		}
		acceptor = new Thread(this::acceptForever, "hung-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return server.getLocalPort();
	}

	/**
	 * {@code http://127.0.0.1:<port>}, reachable from a container on the host network.
	 */
	public String url() {
		return "http://127.0.0.1:" + port();
	}

	/** How many connections were accepted so far. */
	public synchronized int accepted() {
		return accepted.size();
	}

	private void acceptForever() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				int index;
				synchronized (this) {
					sockets.add(socket);
					accepted.add(Instant.now());
					closed.add(null);
					index = accepted.size() - 1;
				}
				Thread reader = new Thread(() -> readUntilClientCloses(socket, index), "hung-server-" + index);
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void readUntilClientCloses(Socket socket, int index) {
		try (InputStream in = socket.getInputStream()) {
			byte[] buffer = new byte[1024];
			while (in.read(buffer) >= 0) {
				// Swallow whatever the client says; answer nothing.
			}
		}
		catch (IOException ex) {
			// reset by the client, or closed by close()
		}
		synchronized (this) {
			if (closed.get(index) == null) {
				closed.set(index, Instant.now());
			}
		}
	}

	public synchronized List<Connection> connections() {
		List<Connection> result = new ArrayList<>();
		for (int i = 0; i < accepted.size(); i++) {
			result.add(new Connection(accepted.get(i), closed.get(i)));
		}
		return result;
	}

	@Override
	public void close() {
		try {
			server.close();
		}
		catch (IOException ignored) {
			// best effort
		}
		synchronized (this) {
			for (Socket socket : sockets) {
				try {
					// RST rather than FIN, so the client sees the failure at once.
					socket.setSoLinger(true, 0);
					socket.close();
				}
				catch (IOException ignored) {
					// best effort
				}
			}
		}
	}

}
