package io.litewatch.bench;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 proxy on loopback in front of one S3 endpoint that counts the requests
 * passing through, by kind (ListObjectsV2, ListObjects V1, anything else), and logs each
 * request line. It forwards bytes unchanged, Host header included, so SigV4 signatures
 * made for the proxy's address still verify at s3proxy; it reads only enough of the
 * client's stream to find where each request ends (Content-Length or chunked), so
 * keep-alive connections are counted request by request.
 */
public final class CountingProxy implements AutoCloseable {

	public enum Kind {

		LIST_V2, LIST_V1, OTHER

	}

	/** Requests seen so far; subtract two to get what happened in between. */
	public record Counts(long listV2, long listV1, long other) {

		public long total() {
			return listV2 + listV1 + other;
		}

		public Counts minus(Counts earlier) {
			return new Counts(listV2 - earlier.listV2, listV1 - earlier.listV1, other - earlier.other);
		}

		/** E.g. "V1 102, V2 0, other 0". */
		public String byApi() {
			return "V1 " + listV1 + ", V2 " + listV2 + ", other " + other;
		}

	}

	private static final Set<String> V1_PARAMETERS = Set.of("prefix", "delimiter", "marker", "max-keys",
			"encoding-type");

	private final int upstreamPort;

	private final ServerSocket server;

	private final BufferedWriter log;

	private final AtomicLong listV2 = new AtomicLong();

	private final AtomicLong listV1 = new AtomicLong();

	private final AtomicLong other = new AtomicLong();

	private final AtomicLong connections = new AtomicLong();

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final ExecutorService threads = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "counting-proxy");
		thread.setDaemon(true);
		return thread;
	});

	public CountingProxy(int upstreamPort, Path requestLog) throws IOException {
		this.upstreamPort = upstreamPort;
		this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
		this.log = Files.newBufferedWriter(requestLog, StandardCharsets.UTF_8);
	}

	public CountingProxy start() {
		threads.execute(this::accept);
		return this;
	}

	public String endpoint() {
		return "http://127.0.0.1:" + server.getLocalPort();
	}

	public Counts counts() {
		return new Counts(listV2.get(), listV1.get(), other.get());
	}

	@Override
	public void close() throws IOException, InterruptedException {
		server.close();
		open.forEach(CountingProxy::closeQuietly);
		threads.shutdownNow();
		threads.awaitTermination(5, TimeUnit.SECONDS);
		synchronized (log) {
			log.close();
		}
	}

	/** Which S3 operation a request is, from its method and target alone. */
	static Kind classify(String method, String target) {
		int q = target.indexOf('?');
		String path = q < 0 ? target : target.substring(0, q);
		String query = q < 0 ? "" : target.substring(q + 1);
		// Path style: a LIST is a GET on "/<bucket>" with no key.
		if (!"GET".equals(method) || !path.matches("/[^/]+/?")) {
			return Kind.OTHER;
		}
		boolean v1 = true;
		for (String pair : query.split("&")) {
			String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
			if (name.equals("list-type")) {
				return pair.equals("list-type=2") ? Kind.LIST_V2 : Kind.OTHER;
			}
			v1 &= name.isEmpty() || V1_PARAMETERS.contains(name);
		}
		return v1 ? Kind.LIST_V1 : Kind.OTHER;
	}

	private void accept() {
		while (!server.isClosed()) {
			Socket client;
			try {
				client = server.accept();
			}
			catch (IOException ex) {
				if (server.isClosed()) {
					return;
				}
				continue;
			}
			try {
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
				client.setTcpNoDelay(true);
				upstream.setTcpNoDelay(true);
				open.add(client);
				open.add(upstream);
				long id = connections.incrementAndGet();
				threads.execute(() -> forwardRequests(id, client, upstream));
				threads.execute(() -> pump(upstream, client));
			}
			catch (IOException ex) {
				// S3 is not there: the client sees its connection closed, as without a
				// proxy.
				closeQuietly(client);
			}
		}
	}

	/** Client to server, one request at a time, counting each. */
	private void forwardRequests(long id, Socket client, Socket upstream) {
		try {
			InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
			OutputStream out = upstream.getOutputStream();
			ByteArrayOutputStream head;
			while ((head = HttpHeads.read(in)) != null) {
				String text = head.toString(StandardCharsets.ISO_8859_1);
				String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
				record(id, requestLine[0], requestLine.length > 1 ? requestLine[1] : "");
				head.writeTo(out);
				String lower = text.toLowerCase(Locale.ROOT);
				if (lower.contains("\r\ntransfer-encoding: chunked")) {
					HttpHeads.copyChunked(in, out);
				}
				else {
					HttpHeads.copy(in, out, HttpHeads.contentLength(lower));
				}
				out.flush();
			}
			upstream.shutdownOutput();
		}
		catch (IOException ex) {
			release(client, upstream);
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[64 * 1024];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int n;
			while ((n = in.read(buffer)) >= 0) {
				out.write(buffer, 0, n);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side went away
		}
		release(from, to);
	}

	private void record(long connection, String method, String target) {
		Kind kind = classify(method, target);
		(switch (kind) {
			case LIST_V2 -> listV2;
			case LIST_V1 -> listV1;
			case OTHER -> other;
		}).incrementAndGet();
		synchronized (log) {
			try {
				log.write(System.currentTimeMillis() + "\t" + connection + "\t" + kind + "\t" + method + " " + target);
				log.newLine();
				log.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private void release(Socket a, Socket b) {
		closeQuietly(a);
		closeQuietly(b);
		open.remove(a);
		open.remove(b);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

}
