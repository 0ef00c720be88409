package io.litewatch.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * s3proxy inside this JVM, filesystem backend, on a free loopback port: the demo's S3
 * server.
 */
public final class InProcessS3Proxy implements AutoCloseable {

	private final S3Proxy proxy;

	private final Path basedir;

	private final String endpoint;

	public InProcessS3Proxy(Path basedir, String identity, String credential) throws Exception {
		this.basedir = Files.createDirectories(basedir);
		int port;
		try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Properties properties = new Properties();
		properties.setProperty("jclouds.filesystem.basedir", this.basedir.toString());
		this.endpoint = "http://127.0.0.1:" + port;
		this.proxy = S3Proxy.builder()
			.blobStore(BlobStores.create("filesystem", properties))
			.endpoint(URI.create(endpoint))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, identity, credential)
			.build();
		proxy.start();
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (!"STARTED".equals(proxy.getState())) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
			}
			Thread.sleep(20);
		}
	}

	public String endpoint() {
		return endpoint;
	}

	/** With the filesystem backend a bucket is a directory. */
	public void createBucket(String name) throws IOException {
		Files.createDirectories(basedir.resolve(name));
	}

	@Override
	public void close() throws Exception {
		proxy.stop();
	}

}
