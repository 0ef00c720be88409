package io.litewatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of a real server (TCP or a unix socket such as
 * {@code /var/run/docker.sock}), to inject network faults between Litewatch (or
 * Litestream, on the host network) and that server: answers held back, or the proxy gone
 * (connection refused, open connections cut). It forwards bytes only, so HTTP keep-alive
 * and Docker's hijacked exec streams pass unchanged. Keeps its port across restarts.
 */
public final class FaultProxy implements AutoCloseable {

	private static final int BUFFER = 64 * 1024;

	private final SocketAddress upstream;

	private final int port;

	private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();

	private final ExecutorService threads = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "fault-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private volatile ServerSocketChannel server;

	private volatile long delayNanos;

	private FaultProxy(SocketAddress upstream) {
		this.upstream = upstream;
		this.port = freePort();
	}

	/** In front of a TCP server on loopback. */
	public static FaultProxy toLoopbackPort(int port) {
		return new FaultProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
	}

	/** In front of a unix domain socket, e.g. the Docker Engine's. */
	public static FaultProxy toUnixSocket(Path socket) {
		return new FaultProxy(UnixDomainSocketAddress.of(socket));
	}

	/** Listens (again) on its port; no-op when listening. */
	public synchronized FaultProxy start() {
		if (server != null) {
			return this;
		}
		try {
			ServerSocketChannel channel = ServerSocketChannel.open();
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			server = channel;
			threads.execute(() -> accept(channel));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("fault proxy cannot listen on " + port, ex);
		}
		return this;
	}

	/**
	 * Stops listening and cuts every open connection: new connections are refused, as
	 * when the server is gone.
	 */
	public synchronized void stop() {
		ServerSocketChannel channel = server;
		server = null;
		closeQuietly(channel);
		for (SocketChannel connection : open) {
			closeQuietly(connection);
		}
		open.clear();
	}

	/**
	 * Holds every chunk of every answer back for {@code delay} before passing it on; zero
	 * passes them at once again.
	 */
	public void delayAnswers(Duration delay) {
		this.delayNanos = delay.toNanos();
	}

	public int port() {
		return port;
	}

	/** {@code http://127.0.0.1:<port>}, for an S3 endpoint. */
	public String httpEndpoint() {
		return "http://127.0.0.1:" + port;
	}

	/** {@code tcp://127.0.0.1:<port>}, for a Docker host. */
	public String dockerHost() {
		return "tcp://127.0.0.1:" + port;
	}

	@Override
	public void close() throws InterruptedException {
		stop();
		threads.shutdownNow();
		threads.awaitTermination(5, TimeUnit.SECONDS);
	}

	private void accept(ServerSocketChannel channel) {
		while (channel.isOpen()) {
			SocketChannel client;
			try {
				client = channel.accept();
			}
			catch (IOException ex) {
				return;
			}
			SocketChannel target;
			try {
				target = SocketChannel.open(upstream);
			}
			catch (IOException ex) {
				closeQuietly(client);
				continue;
			}
			open.add(client);
			open.add(target);
			AtomicInteger directionsDone = new AtomicInteger();
			Runnable finished = () -> {
				if (directionsDone.incrementAndGet() == 2) {
					release(client, target);
				}
			};
			threads.execute(() -> pump(client, target, false, finished));
			threads.execute(() -> pump(target, client, true, finished));
		}
	}

	/**
	 * Copies one direction until its end, then half-closes the other side, as TCP would.
	 */
	private void pump(SocketChannel from, SocketChannel to, boolean answers, Runnable finished) {
		ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
		try {
			while (from.read(buffer) >= 0) {
				buffer.flip();
				long delay = answers ? delayNanos : 0;
				if (delay > 0) {
					// The fault itself: the server answers, but late.
					TimeUnit.NANOSECONDS.sleep(delay);
				}
				while (buffer.hasRemaining()) {
					to.write(buffer);
				}
				buffer.clear();
			}
			to.shutdownOutput();
			finished.run();
		}
		catch (IOException ex) {
			release(from, to);
		}
		catch (InterruptedException ex) {
			release(from, to);
			Thread.currentThread().interrupt();
		}
	}

	private void release(SocketChannel a, SocketChannel b) {
		closeQuietly(a);
		closeQuietly(b);
		open.remove(a);
		open.remove(b);
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Already gone: that is the point.
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free port", ex);
		}
	}

}
