package io.litewatch.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Just enough HTTP/1.1 framing to find where a request ends: its head, and a body framed
 * by Content-Length or chunked encoding.
 */
final class HttpHeads {

	private static final int MAX_HEAD = 64 * 1024;

	private HttpHeads() {
	}

	/**
	 * The head up to and including its blank line, or null at a clean end of stream.
	 */
	static ByteArrayOutputStream read(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				if (head.size() == 0) {
					return null;
				}
				throw new IOException("connection closed inside a request head");
			}
			head.write(b);
			boolean expected = (matched % 2 == 0) ? b == '\r' : b == '\n';
			matched = expected ? matched + 1 : (b == '\r' ? 1 : 0);
			if (head.size() > MAX_HEAD) {
				throw new IOException("request head too large");
			}
		}
		return head;
	}

	/** From a lower-cased head; 0 when absent. */
	static long contentLength(String lowerCaseHead) {
		int at = lowerCaseHead.indexOf("\r\ncontent-length:");
		if (at < 0) {
			return 0;
		}
		int end = lowerCaseHead.indexOf("\r\n", at + 2);
		return Long.parseLong(lowerCaseHead.substring(at + 17, end).trim());
	}

	static void copy(InputStream in, OutputStream out, long length) throws IOException {
		byte[] buffer = new byte[8192];
		long left = length;
		while (left > 0) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (n < 0) {
				throw new IOException("connection closed inside a body");
			}
			out.write(buffer, 0, n);
			left -= n;
		}
	}

	static void copyChunked(InputStream in, OutputStream out) throws IOException {
		while (true) {
			String sizeLine = line(in);
			out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			int semicolon = sizeLine.indexOf(';');
			long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
			if (size == 0) {
				// Trailers, up to the blank line.
				String trailer;
				do {
					trailer = line(in);
					out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
				}
				while (!trailer.isEmpty());
				return;
			}
			copy(in, out, size + 2);
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) != '\n') {
			if (b < 0) {
				throw new IOException("connection closed inside a chunked body");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

}
