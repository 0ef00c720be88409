package io.litewatch.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP server on loopback that accepts every connection and never says a word, like the
 * SMTP server that once held all alerting for 87 s. It records when each client connected
 * and when the client gave up and hung up.
 */
public final class HungServer implements AutoCloseable {

	public record Connection(Instant acceptedAt, Instant closedByClientAt) {
	}

	private final ServerSocket server;

	private final List<Socket> sockets = new ArrayList<>();

	private final List<Instant> accepted = new ArrayList<>();

	private final List<Instant> closed = new ArrayList<>();

	private final Thread acceptor;

	public HungServer() throws IOException {
		server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		acceptor = new Thread(this::acceptForever, "hung-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return server.getLocalPort();
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
	public void close() throws IOException {
		server.close();
		synchronized (this) {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

}
