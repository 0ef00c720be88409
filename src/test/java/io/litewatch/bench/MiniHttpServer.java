package io.litewatch.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A minimal HTTP/1.1 server on loopback with keep-alive, for the synthesized S3 endpoint.
 * Each answer goes out in one write with TCP_NODELAY: the JDK's HttpServer writes headers
 * and body separately, and Nagle plus delayed ACKs then cost ~40 ms a request, which
 * would dominate a listing of a thousand pages. Request bodies are read and dropped (only
 * {@code Content-Length} framing: the clients here send GET and HEAD).
 */
final class MiniHttpServer implements AutoCloseable {

	/** One request; {@code target} is the raw request target (path and query). */
	record Request(String method, String target) {

		String rawPath() {
			int q = target.indexOf('?');
			return q < 0 ? target : target.substring(0, q);
		}

		String rawQuery() {
			int q = target.indexOf('?');
			return q < 0 ? null : target.substring(q + 1);
		}

	}

	record Response(int status, String contentType, byte[] body) {
	}

	interface Handler {

		Response handle(Request request);

	}

	private final ServerSocket server;

	private final Handler handler;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final ExecutorService threads = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "mini-http");
		thread.setDaemon(true);
		return thread;
	});

	MiniHttpServer(Handler handler) {
		this.handler = handler;
		try {
			this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot listen on loopback", ex);
		}
	}

	MiniHttpServer start() {
		threads.execute(this::accept);
		return this;
	}

	int port() {
		return server.getLocalPort();
	}

	@Override
	public void close() throws InterruptedException {
		try {
			server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket socket : open) {
			closeQuietly(socket);
		}
		threads.shutdownNow();
		threads.awaitTermination(5, TimeUnit.SECONDS);
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				socket.setTcpNoDelay(true);
				open.add(socket);
				threads.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
			OutputStream out = socket.getOutputStream();
			while (true) {
				ByteArrayOutputStream head = HttpHeads.read(in);
				if (head == null) {
					return;
				}
				String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
				String[] requestLine = lines[0].split(" ");
				long contentLength = 0;
				boolean close = false;
				for (int i = 1; i < lines.length; i++) {
					String line = lines[i].toLowerCase(Locale.ROOT);
					if (line.startsWith("content-length:")) {
						contentLength = Long.parseLong(line.substring(15).trim());
					}
					else if (line.startsWith("connection:") && line.contains("close")) {
						close = true;
					}
				}
				in.skipNBytes(contentLength);
				Request request = new Request(requestLine[0], requestLine.length > 1 ? requestLine[1] : "/");
				out.write(render(request, handler.handle(request)));
				out.flush();
				if (close) {
					return;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// The client went away or sent garbage: drop the connection, as a server
			// would.
		}
		finally {
			open.remove(socket);
		}
	}

	private static byte[] render(Request request, Response response) throws IOException {
		boolean head = "HEAD".equals(request.method());
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(response.body().length + 256);
		String headers = "HTTP/1.1 " + response.status() + " " + reason(response.status()) + "\r\n" + "Content-Type: "
				+ response.contentType() + "\r\n" + "Content-Length: " + response.body().length + "\r\n"
				+ "x-amz-request-id: " + Long.toHexString(System.nanoTime()) + "\r\n\r\n";
		bytes.write(headers.getBytes(StandardCharsets.US_ASCII));
		if (!head) {
			bytes.write(response.body());
		}
		return bytes.toByteArray();
	}

	private static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 400 -> "Bad Request";
			case 404 -> "Not Found";
			case 500 -> "Internal Server Error";
			case 501 -> "Not Implemented";
			default -> "Status";
		};
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
