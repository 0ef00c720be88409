package io.litewatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An "S3" on loopback that accepts TCP connections and never answers: what a hung storage
 * backend looks like to Litestream, whose 0.3.13 S3 client then waits without a deadline.
 * {@link #close()} closes the listening socket and every accepted connection, so the
 * waiting client gets a reset, its retries are refused, and it exits.
 */
public final class HangingEndpoint implements AutoCloseable {

	private final ServerSocket server;

	private final List<Socket> accepted = new ArrayList<>();

	private final AtomicInteger connections = new AtomicInteger();

	private final Thread acceptor;

	public HangingEndpoint() {
		try {
			server = new ServerSocket();
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot listen on loopback", ex);
		}
		acceptor = new Thread(this::acceptForever, "hanging-endpoint-" + server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * {@code http://127.0.0.1:<port>}, reachable from a container on the host network.
	 */
	public String url() {
		return "http://127.0.0.1:" + server.getLocalPort();
	}

	/** How many connections were accepted so far (and are being held unanswered). */
	public int connections() {
		return connections.get();
	}

	private void acceptForever() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				synchronized (accepted) {
					if (server.isClosed()) {
						socket.close();
						return;
					}
					accepted.add(socket);
				}
				connections.incrementAndGet();
			}
			catch (IOException ex) {
				// closed: the loop condition ends it
			}
		}
	}

	@Override
	public void close() {
		try {
			server.close();
		}
		catch (IOException ignored) {
			// best effort
		}
		synchronized (accepted) {
			for (Socket socket : accepted) {
				try {
					// RST rather than FIN, so the client sees the failure at once
					socket.setSoLinger(true, 0);
					socket.close();
				}
				catch (IOException ignored) {
					// best effort
				}
			}
			accepted.clear();
		}
	}

}
